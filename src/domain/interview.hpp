// domain: an interview with a startup — its people, its time, its Cal.com booking, its state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::domain {

enum class InterviewStatus { draft, scheduled, confirmed, completed, cancelled };
const char* status_name(InterviewStatus status);
std::optional<InterviewStatus> parse_status(std::string_view text);

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
  std::string prep_notes_markdown;
  // The notes as HTML, as saved with them; read by the detail only. Absent: render the notes.
  std::optional<std::string> prep_notes_html;
  std::vector<std::string> custom_questions;
  std::string cancellation_reason;
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

// The allowed moves; anything else is a conflict (409).
bool can_move(InterviewStatus from, InterviewStatus to);
Status move(Interview& interview, InterviewStatus to);

// Drafts change step by step; once booked, only Cal.com events and cancellation change them.
Status require_draft(const Interview& interview);

// Step rules. Each answers every problem at once, naming the field.
Status check_team(const std::vector<TeamAssignment>& team);
Status check_custom_duration(int minutes);  // 5–480
Status check_guests(const std::vector<Guest>& guests);
Status check_questions(const std::vector<std::string>& questions);
Status check_prep_notes(const std::string& markdown);
// What is still missing before the booking can be made, or nothing.
Status check_ready_to_confirm(const Interview& interview, SystemTime now);

}  // namespace poblysh::domain
