#include "domain/interview.hpp"

#include <set>

#include "core/enum_names.hpp"
#include "domain/validation.hpp"

namespace poblysh::domain {

namespace {

constexpr EnumName<InterviewStatus> kStatusNames[] = {{InterviewStatus::draft, "draft"},
                                                      {InterviewStatus::scheduled, "scheduled"},
                                                      {InterviewStatus::confirmed, "confirmed"},
                                                      {InterviewStatus::completed, "completed"},
                                                      {InterviewStatus::cancelled, "cancelled"}};

constexpr EnumName<InvitationStatus> kInvitationNames[] = {{InvitationStatus::pending, "pending"},
                                                           {InvitationStatus::confirmed, "confirmed"},
                                                           {InvitationStatus::cancelled, "cancelled"}};

}  // namespace

const char* status_name(InterviewStatus status) { return name_in(kStatusNames, status, "draft"); }

std::optional<InterviewStatus> parse_status(std::string_view text) { return value_in(kStatusNames, text); }

const char* invitation_name(InvitationStatus status) { return name_in(kInvitationNames, status, "pending"); }

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

bool can_move(InterviewStatus from, InterviewStatus to) {
  using S = InterviewStatus;
  switch (from) {
    case S::draft: return to == S::scheduled || to == S::cancelled;
    // Cal.com may confirm a booking we have not yet recorded as scheduled (webhook first).
    case S::scheduled: return to == S::confirmed || to == S::cancelled || to == S::completed;
    case S::confirmed: return to == S::completed || to == S::cancelled;
    case S::completed:
    case S::cancelled: return false;
  }
  return false;
}

Status move(Interview& interview, InterviewStatus to) {
  if (!can_move(interview.status, to)) {
    return fail(ErrorCode::conflict, std::string("An interview that is ") + status_name(interview.status) +
                                         " cannot become " + status_name(to) + ".");
  }
  interview.status = to;
  return {};
}

Status require_draft(const Interview& interview) {
  if (interview.status == InterviewStatus::draft) return {};
  return fail(ErrorCode::conflict, std::string("This interview is already ") + status_name(interview.status) +
                                       "; its booking can no longer be edited here.");
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
    if (!emails.insert(normalize_email(guest.email)).second) errors.add(prefix + "email", "this guest is already on the list");
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

Status check_ready_to_confirm(const Interview& interview, SystemTime now) {
  FieldErrors errors;
  if (!interview.contact_id) errors.add("contact_id", "choose the person to interview (step 1)");
  if (!interview.primary_interviewer()) errors.add("primary_team_member_id", "choose a primary interviewer (step 2)");
  if (!interview.event_type_id) errors.add("event_type_id", "choose a Cal.com event type (step 3)");
  if (!interview.start) errors.add("start_time", "choose a time (step 3)");
  else if (*interview.start <= now) errors.add("start_time", "the chosen time has passed; choose another (step 3)");
  if (auto valid = errors.result(); !valid) {
    Error error = valid.error();
    error.code = ErrorCode::unprocessable;
    error.message = "This interview is not ready to send yet.";
    return tl::unexpected(std::move(error));
  }
  return {};
}

}  // namespace poblysh::domain
