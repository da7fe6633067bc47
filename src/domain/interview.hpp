// domain: an interview with a startup — its people, its time, its Cal.com booking, its state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview_place.hpp"
#include "domain/startup.hpp"
#include "domain/team_member.hpp"

namespace poblysh::domain {

// awaiting_contact: a scheduling link went to the startup's contact, who picks the time.
// awaiting_host: Cal.com holds the booking until the host accepts it. reschedule_requested: the
// host cancelled the booking asking the startup to pick a new time.
enum class InterviewStatus {
  draft,
  awaiting_contact,
  scheduled,
  awaiting_host,
  confirmed,
  reschedule_requested,
  completed,
  cancelled
};
const char* status_name(InterviewStatus status);
std::optional<InterviewStatus> parse_status(std::string_view text);
inline constexpr InterviewStatus kEveryStatus[] = {InterviewStatus::draft,     InterviewStatus::awaiting_contact,
                                                   InterviewStatus::scheduled, InterviewStatus::awaiting_host,
                                                   InterviewStatus::confirmed, InterviewStatus::reschedule_requested,
                                                   InterviewStatus::completed, InterviewStatus::cancelled};

// A no-show is an outcome, not a status: who was absent from a meeting that took place, as
// Cal.com names them — an attendee (the startup's contact, a guest) or a host (our interviewer).
enum class AbsentParty { contact, guest, interviewer };
const char* absent_party_name(AbsentParty party);
std::optional<AbsentParty> parse_absent_party(std::string_view text);

struct NoShow {
  AbsentParty party = AbsentParty::contact;
  std::string guest_email;          // a guest: normalized (normalize_email)
  std::int64_t team_member_id = 0;  // an interviewer
  bool operator==(const NoShow&) const = default;
};

// One report about one party: absent, or present after all (Cal.com can unmark a no-show).
struct NoShowMark {
  NoShow who;
  bool absent = true;
};

// What users see about the invitation: pending until Cal.com confirms, then confirmed or cancelled.
enum class InvitationStatus { pending, confirmed, cancelled };
const char* invitation_name(InvitationStatus status);

enum class GuestInvitation { pending, sent };
const char* guest_invitation_name(GuestInvitation status);

struct TeamAssignment {
  std::int64_t team_member_id = 0;
  bool is_primary = false;
};

struct Guest {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::string role;
  std::string company;
  std::optional<std::int64_t> contact_id;
  GuestInvitation invitation = GuestInvitation::pending;
  std::optional<SystemTime> invited_at;
  std::optional<SystemTime> last_sent_at;
};

struct HistoryEntry {
  SystemTime at{};
  std::string actor;   // a user's email, "cal.com", or "system"
  std::string action;  // e.g. "created", "team_assigned", "scheduled", "confirm_failed"
  std::string detail;
};

struct Interview {
  std::int64_t id = 0;
  std::int64_t startup_id = 0;
  std::optional<std::int64_t> contact_id;
  std::string title;
  InterviewStatus status = InterviewStatus::draft;

  std::optional<std::int64_t> event_type_id;
  std::string event_type_slug;
  std::string event_type_title;
  int duration_minutes = 0;
  bool custom_duration = false;
  std::string timezone = "UTC";
  std::optional<SystemTime> start;
  std::optional<SystemTime> end;

  std::optional<std::int64_t> calcom_booking_id;
  std::string calcom_booking_uid;
  std::string ical_uid;  // Cal.com's iCalUID, as its webhooks report it
  // The UID of our invitations (domain/interview_calendar.hpp); empty: "interview-<id>@<domain>",
  // as the invitations sent before the UID was chosen this way carry.
  std::string calendar_uid;
  int ical_sequence = 0;  // the SEQUENCE of our own invitations: raised on reschedule and cancellation
  // Cal.com's iCalSequence and createdAt of the last event applied (-1: none), so a late or
  // reordered event is recognised as older than what we already show.
  int calcom_sequence = -1;
  std::optional<SystemTime> calcom_event_at;
  std::string meeting_url;
  std::string meeting_provider;
  Place place;  // a video call (meeting_url, meeting_provider), an address, or a phone number
  std::string prep_notes_markdown;
  // The notes as HTML, as saved with them; read by the detail only. Absent: render the notes.
  std::optional<std::string> prep_notes_html;
  std::vector<std::string> custom_questions;
  std::string cancellation_reason;
  std::vector<NoShow> no_shows;  // in the order they were reported
  std::string outcome_note;
  // The last Cal.com event that changed it, in plain words, and when Cal.com sent it.
  std::string calcom_last_event;
  std::optional<SystemTime> calcom_last_event_at;
  std::optional<SystemTime> confirm_lock_until;
  std::optional<SystemTime> booking_attempted_at;

  std::vector<TeamAssignment> team;
  std::vector<Guest> guests;
  std::optional<std::int64_t> created_by;
  SystemTime created_at{};
  SystemTime updated_at{};
  // How many times the store has saved it: a read taken earlier is current while this is equal.
  std::int64_t row_version = 0;

  InvitationStatus invitation_status() const;
  std::optional<std::int64_t> primary_interviewer() const;
};

// The allowed moves; anything else is a conflict (409). move() is the one way to change a status.
bool can_move(InterviewStatus from, InterviewStatus to);
// What makes an allowed move happen, in words (docs and tests); empty for a refused one.
std::string_view move_cause(InterviewStatus from, InterviewStatus to);
Status move(Interview& interview, InterviewStatus to);

// The party `email` names on this interview: its contact, one of its team (by the member's
// address), or one of its guests; nothing for an address the interview does not hold.
std::optional<NoShow> party_of(const Interview& interview, const std::optional<Contact>& contact,
                               const std::vector<TeamMember>& team_members, std::string_view email);
// Records who was absent (or present after all). Allowed once the meeting has started, on a
// booked interview (scheduled, awaiting the host, confirmed) or a completed one; a booked one
// whose end has passed becomes completed. `note`, when not empty, replaces the outcome note
// unless the marks changed nothing.
// Returns whether anything changed.
Result<bool> record_no_shows(Interview& interview, const std::vector<NoShowMark>& marks, const std::string& note,
                             SystemTime now);
Status check_outcome_note(const std::string& note);  // at most 2,000 characters, lines allowed
// `text` cut to at most `max_bytes` without splitting a UTF-8 sequence, control characters
// (but line breaks) left out: for text Cal.com sends that we keep (reasons, notes).
std::string bounded_text(std::string_view text, std::size_t max_bytes);

// Drafts change step by step; once booked, only Cal.com events and cancellation change them.
Status require_draft(const Interview& interview);
// Not booked yet: a draft, or waiting for the contact to pick a time. A booking (ours, the
// contact's, or Cal.com's webhook arriving first) moves it to scheduled or awaiting_host.
bool before_booking(InterviewStatus status);

// Step rules. Each answers every problem at once, naming the field.
Status check_team(const std::vector<TeamAssignment>& team);
Status check_custom_duration(int minutes);  // 5–480
Status check_guests(const std::vector<Guest>& guests);
Status check_questions(const std::vector<std::string>& questions);
Status check_prep_notes(const std::string& markdown);
// What is still missing before the booking can be made, or nothing.
Status check_ready_to_confirm(const Interview& interview, SystemTime now);
// The same but the time, which the contact picks through a scheduling link.
Status check_ready_to_offer(const Interview& interview);

}  // namespace poblysh::domain
