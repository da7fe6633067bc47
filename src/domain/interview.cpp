#include "domain/interview.hpp"

#include <algorithm>
#include <set>

#include "core/enum_names.hpp"
#include "domain/validation.hpp"

namespace poblysh::domain {

namespace {

constexpr EnumName<InterviewStatus> kStatusNames[] = {
    {InterviewStatus::draft, "draft"},         {InterviewStatus::awaiting_contact, "awaiting_contact"},
    {InterviewStatus::scheduled, "scheduled"}, {InterviewStatus::awaiting_host, "awaiting_host"},
    {InterviewStatus::confirmed, "confirmed"}, {InterviewStatus::reschedule_requested, "reschedule_requested"},
    {InterviewStatus::completed, "completed"}, {InterviewStatus::cancelled, "cancelled"}};

constexpr EnumName<AbsentParty> kPartyNames[] = {
    {AbsentParty::contact, "contact"}, {AbsentParty::guest, "guest"}, {AbsentParty::interviewer, "interviewer"}};

struct Move {
  InterviewStatus from;
  InterviewStatus to;
  std::string_view cause;
};

constexpr Move kMoves[] = {
    {InterviewStatus::draft, InterviewStatus::scheduled,
     "confirm: Cal.com accepted the booking (or its BOOKING_CREATED came first)"},
    {InterviewStatus::draft, InterviewStatus::awaiting_host, "confirm: Cal.com's booking awaits the host"},
    {InterviewStatus::draft, InterviewStatus::cancelled, "cancel"},
    {InterviewStatus::draft, InterviewStatus::awaiting_contact, "a scheduling link sent to the contact"},
    {InterviewStatus::awaiting_contact, InterviewStatus::draft, "the scheduling link revoked"},
    {InterviewStatus::awaiting_contact, InterviewStatus::scheduled,
     "the contact picked a time and Cal.com accepted the booking (or its BOOKING_CREATED came first)"},
    {InterviewStatus::awaiting_contact, InterviewStatus::awaiting_host,
     "the contact picked a time and Cal.com's booking awaits the host"},
    {InterviewStatus::awaiting_contact, InterviewStatus::cancelled, "cancel"},
    {InterviewStatus::scheduled, InterviewStatus::awaiting_host,
     "BOOKING_REQUESTED, a BOOKING_RESCHEDULED whose booking is PENDING, reschedule: the new time awaits the host"},
    {InterviewStatus::scheduled, InterviewStatus::confirmed, "BOOKING_CREATED, BOOKING_RESCHEDULED"},
    {InterviewStatus::scheduled, InterviewStatus::reschedule_requested, "BOOKING_CANCELLED with requestReschedule"},
    {InterviewStatus::scheduled, InterviewStatus::completed,
     "MEETING_ENDED, a no-show reported after the end, a team member's outcome after the end"},
    {InterviewStatus::scheduled, InterviewStatus::cancelled, "cancel, BOOKING_CANCELLED, BOOKING_REJECTED"},
    {InterviewStatus::awaiting_host, InterviewStatus::confirmed,
     "BOOKING_CREATED (the host accepted), BOOKING_RESCHEDULED"},
    {InterviewStatus::awaiting_host, InterviewStatus::completed,
     "MEETING_ENDED (sent for accepted bookings only), a no-show reported after the end, a team member's outcome "
     "after the end"},
    {InterviewStatus::awaiting_host, InterviewStatus::cancelled, "cancel, BOOKING_REJECTED, BOOKING_CANCELLED"},
    {InterviewStatus::awaiting_host, InterviewStatus::scheduled,
     "reschedule: Cal.com accepted the new time without waiting for the host"},
    {InterviewStatus::confirmed, InterviewStatus::awaiting_host,
     "BOOKING_REQUESTED for the booking a reschedule made, or a PENDING BOOKING_RESCHEDULED"},
    {InterviewStatus::confirmed, InterviewStatus::reschedule_requested, "BOOKING_CANCELLED with requestReschedule"},
    {InterviewStatus::confirmed, InterviewStatus::completed,
     "MEETING_ENDED, a no-show reported after the end, a team member's outcome after the end"},
    {InterviewStatus::confirmed, InterviewStatus::cancelled, "cancel, BOOKING_CANCELLED"},
    {InterviewStatus::reschedule_requested, InterviewStatus::scheduled, "reschedule: Cal.com booked the new time"},
    {InterviewStatus::reschedule_requested, InterviewStatus::awaiting_host,
     "BOOKING_REQUESTED for the new time, reschedule: the new time awaits the host"},
    {InterviewStatus::reschedule_requested, InterviewStatus::confirmed, "BOOKING_RESCHEDULED for the new time"},
    {InterviewStatus::reschedule_requested, InterviewStatus::cancelled, "cancel, BOOKING_CANCELLED, BOOKING_REJECTED"},
};

bool booked(InterviewStatus status) {
  return status == InterviewStatus::scheduled || status == InterviewStatus::awaiting_host ||
         status == InterviewStatus::confirmed;
}

// Whether `byte` starts a UTF-8 sequence (is not a continuation byte).
bool starts_character(char byte) { return (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U; }

constexpr EnumName<InvitationStatus> kInvitationNames[] = {{InvitationStatus::pending, "pending"},
                                                           {InvitationStatus::confirmed, "confirmed"},
                                                           {InvitationStatus::cancelled, "cancelled"}};

}  // namespace

const char* status_name(InterviewStatus status) { return name_in(kStatusNames, status, "draft"); }

std::optional<InterviewStatus> parse_status(std::string_view text) { return value_in(kStatusNames, text); }

const char* invitation_name(InvitationStatus status) { return name_in(kInvitationNames, status, "pending"); }

const char* absent_party_name(AbsentParty party) { return name_in(kPartyNames, party, "contact"); }

std::optional<AbsentParty> parse_absent_party(std::string_view text) { return value_in(kPartyNames, text); }

const char* guest_invitation_name(GuestInvitation status) {
  return status == GuestInvitation::sent ? "sent" : "pending";
}

InvitationStatus Interview::invitation_status() const {
  switch (status) {
    case InterviewStatus::confirmed:
    case InterviewStatus::completed: return InvitationStatus::confirmed;
    case InterviewStatus::cancelled: return InvitationStatus::cancelled;
    default: return InvitationStatus::pending;
  }
}

std::optional<std::int64_t> Interview::primary_interviewer() const {
  for (const auto& member : team) {
    if (member.is_primary) return member.team_member_id;
  }
  return std::nullopt;
}

bool can_move(InterviewStatus from, InterviewStatus to) { return !move_cause(from, to).empty(); }

std::string_view move_cause(InterviewStatus from, InterviewStatus to) {
  const auto* found =
      std::find_if(std::begin(kMoves), std::end(kMoves), [&](const Move& m) { return m.from == from && m.to == to; });
  return found == std::end(kMoves) ? std::string_view() : found->cause;
}

Status move(Interview& interview, InterviewStatus to) {
  if (!can_move(interview.status, to)) {
    return fail(ErrorCode::conflict, std::string("An interview that is ") + status_name(interview.status) +
                                         " cannot become " + status_name(to) + ".");
  }
  interview.status = to;
  return {};
}

std::optional<NoShow> party_of(const Interview& interview, const std::optional<Contact>& contact,
                               const std::vector<TeamMember>& team_members, std::string_view email) {
  const std::string wanted = normalize_email(email);
  if (wanted.empty()) return std::nullopt;
  if (contact && normalize_email(contact->fields.email) == wanted) return NoShow{AbsentParty::contact, "", 0};
  for (const auto& member : team_members) {
    const bool on_team = std::any_of(interview.team.begin(), interview.team.end(),
                                     [&](const TeamAssignment& a) { return a.team_member_id == member.id; });
    if (on_team && normalize_email(member.fields.email) == wanted)
      return NoShow{AbsentParty::interviewer, "", member.id};
  }
  for (const auto& guest : interview.guests) {
    if (normalize_email(guest.email) == wanted) return NoShow{AbsentParty::guest, wanted, 0};
  }
  return std::nullopt;
}

Result<bool> record_no_shows(Interview& interview, const std::vector<NoShowMark>& marks, const std::string& note,
                             SystemTime now) {
  if (interview.status != InterviewStatus::completed) {
    if (!booked(interview.status)) {
      return fail(ErrorCode::conflict, std::string("No-shows are recorded for a meeting that took place; this "
                                                   "interview is ") +
                                           status_name(interview.status) + ".");
    }
    if (!interview.start || now < *interview.start) {
      return fail(ErrorCode::conflict, "No-shows are recorded once the meeting has started.");
    }
  }
  RETURN_IF_ERROR(check_outcome_note(note));
  bool changed = false;
  for (const auto& mark : marks) {
    auto found = std::find(interview.no_shows.begin(), interview.no_shows.end(), mark.who);
    if (mark.absent && found == interview.no_shows.end()) {
      interview.no_shows.push_back(mark.who);
      changed = true;
    } else if (!mark.absent && found != interview.no_shows.end()) {
      interview.no_shows.erase(found);
      changed = true;
    }
  }
  // A report that changes nobody's attendance (Cal.com's echo of the marks we sent it) keeps the
  // note a team member wrote.
  if (!note.empty() && note != interview.outcome_note && (changed || marks.empty())) {
    interview.outcome_note = note;
    changed = true;
  }
  if (interview.status != InterviewStatus::completed && interview.end && now >= *interview.end) {
    RETURN_IF_ERROR(move(interview, InterviewStatus::completed));
    changed = true;
  }
  return changed;
}

Status check_outcome_note(const std::string& note) {
  if (note.size() > 2000) return invalid_field("outcome_note", "must be at most 2,000 characters");
  if (const auto bad = forbidden_character(note, Lines::many); !bad.empty()) {
    return invalid_field("outcome_note", "must not contain control characters (found " + bad + ")");
  }
  return {};
}

std::string bounded_text(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next = i + 1;
    while (next < text.size() && !starts_character(text[next])) ++next;
    const std::string_view character = text.substr(i, next - i);
    i = next;
    if (!forbidden_character(character, Lines::many).empty()) continue;
    if (out.size() + character.size() > max_bytes) break;
    out += character;
  }
  return out;
}

Status require_draft(const Interview& interview) {
  if (interview.status == InterviewStatus::draft) return {};
  return fail(ErrorCode::conflict, std::string("This interview is already ") + status_name(interview.status) +
                                       "; its booking can no longer be edited here.");
}

bool before_booking(InterviewStatus status) {
  return status == InterviewStatus::draft || status == InterviewStatus::awaiting_contact;
}

Status check_team(const std::vector<TeamAssignment>& team) {
  FieldErrors errors;
  int primaries = 0;
  std::set<std::int64_t> seen;
  for (const auto& member : team) {
    if (member.is_primary) ++primaries;
    if (!seen.insert(member.team_member_id).second) errors.add("additional_team_member_ids", "lists a member twice");
  }
  if (primaries == 0) errors.add("primary_team_member_id", "choose one primary interviewer");
  if (primaries > 1) errors.add("primary_team_member_id", "there can be only one primary interviewer");
  if (team.size() > 20) errors.add("additional_team_member_ids", "at most 20 team members");
  return errors.result();
}

Status check_custom_duration(int minutes) {
  if (minutes < 5 || minutes > 480) {
    return invalid_field("custom_duration_minutes", "must be between 5 and 480 minutes");
  }
  return {};
}

Status check_guests(const std::vector<Guest>& guests) {
  FieldErrors errors;
  std::set<std::string> emails;
  for (std::size_t i = 0; i < guests.size(); ++i) {
    const auto prefix = "guests[" + std::to_string(i) + "].";
    const auto& guest = guests[i];
    errors.require_email(prefix + "email", guest.email);
    errors.optional_text(prefix + "name", guest.name, 200);
    errors.optional_text(prefix + "role", guest.role, 200);
    errors.optional_text(prefix + "company", guest.company, 200);
    if (!emails.insert(normalize_email(guest.email)).second)
      errors.add(prefix + "email", "this guest is already on the list");
  }
  if (guests.size() > 30) errors.add("guests", "at most 30 guests");
  return errors.result();
}

Status check_questions(const std::vector<std::string>& questions) {
  FieldErrors errors;
  if (questions.size() > 50) errors.add("custom_questions", "at most 50 questions");
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto field = "custom_questions[" + std::to_string(i) + "]";
    errors.require_text(field, questions[i], 1000);
  }
  return errors.result();
}

Status check_prep_notes(const std::string& markdown) {
  if (markdown.size() > 50000) return invalid_field("prep_notes_markdown", "must be at most 50,000 characters");
  if (const auto bad = forbidden_character(markdown, Lines::many); !bad.empty()) {
    return invalid_field("prep_notes_markdown", "must not contain control characters (found " + bad + ")");
  }
  return {};
}

namespace {

// Steps 1 to 3 chosen, and with `now` the time too: unprocessable (422) naming each one missing.
Status check_ready(const Interview& interview, std::optional<SystemTime> now, const char* message) {
  FieldErrors errors;
  if (!interview.contact_id) errors.add("contact_id", "choose the person to interview (step 1)");
  if (!interview.primary_interviewer()) errors.add("primary_team_member_id", "choose a primary interviewer (step 2)");
  if (!interview.event_type_id) errors.add("event_type_id", "choose a Cal.com event type (step 3)");
  // Without `now` the contact picks the time.
  if (now && !interview.start) {
    errors.add("start_time", "choose a time (step 3)");
  } else if (now && *interview.start <= *now) {
    errors.add("start_time", "the chosen time has passed; choose another (step 3)");
  }
  if (auto valid = errors.result(); !valid) {
    Error error = valid.error();
    error.code = ErrorCode::unprocessable;
    error.message = message;
    return tl::unexpected(std::move(error));
  }
  return {};
}

}  // namespace

Status check_ready_to_confirm(const Interview& interview, SystemTime now) {
  return check_ready(interview, now, "This interview is not ready to send yet.");
}

Status check_ready_to_offer(const Interview& interview) {
  return check_ready(interview, std::nullopt, "This interview is not ready for a scheduling link yet.");
}

}  // namespace poblysh::domain
