#include "domain/interview_outcome.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "core/time.hpp"
#include "domain/validation.hpp"

namespace poblysh::domain {
namespace {

constexpr EnumName<Outcome> kOutcomeNames[] = {{Outcome::completed, "completed"}, {Outcome::no_show, "no_show"}};

bool on_interview(const Interview& interview, const NoShow& who) {
  switch (who.party) {
    case AbsentParty::contact: return interview.contact_id.has_value();
    case AbsentParty::guest:
      return std::any_of(interview.guests.begin(), interview.guests.end(),
                         [&](const Guest& guest) { return normalize_email(guest.email) == who.guest_email; });
    case AbsentParty::interviewer:
      return std::any_of(interview.team.begin(), interview.team.end(),
                         [&](const TeamAssignment& member) { return member.team_member_id == who.team_member_id; });
  }
  return false;
}

Status check_absent(const Interview& interview, Outcome outcome, const std::vector<NoShow>& absent) {
  if (outcome == Outcome::completed && !absent.empty()) {
    return invalid_field("absent", "must be empty when everyone came; choose no_show to name who did not");
  }
  if (outcome == Outcome::no_show && absent.empty()) return invalid_field("absent", "name who did not come");
  FieldErrors errors;
  for (std::size_t i = 0; i < absent.size(); ++i) {
    const std::string field = "absent[" + std::to_string(i) + "]";
    if (!on_interview(interview, absent[i])) {
      errors.add(field, absent[i].party == AbsentParty::contact ? "this interview has no contact"
                        : absent[i].party == AbsentParty::guest ? "is not a guest of this interview"
                                                                : "is not on this interview's team");
    } else if (std::find(absent.begin(), absent.begin() + static_cast<std::ptrdiff_t>(i), absent[i]) !=
               absent.begin() + static_cast<std::ptrdiff_t>(i)) {
      errors.add(field, "names someone listed already");
    }
  }
  return errors.result();
}

}  // namespace

const char* outcome_name(Outcome outcome) { return name_in(kOutcomeNames, outcome, "completed"); }

std::optional<Outcome> parse_outcome(std::string_view text) { return value_in(kOutcomeNames, text); }

Status check_outcome_allowed(const Interview& interview, SystemTime now) {
  const bool booked = interview.status == InterviewStatus::scheduled ||
                      interview.status == InterviewStatus::awaiting_host ||
                      interview.status == InterviewStatus::confirmed;
  if (!booked && interview.status != InterviewStatus::completed) {
    return fail(ErrorCode::conflict,
                std::string("An outcome is recorded for a meeting that took place; this interview is ") +
                    status_name(interview.status) + ".");
  }
  if (!interview.end || now < *interview.end) {
    return fail(ErrorCode::conflict,
                "The outcome can be recorded once the meeting has ended" +
                    (interview.end ? " (" + format_iso8601_utc(*interview.end) + ")." : std::string(".")));
  }
  return {};
}

Result<std::vector<NoShowMark>> record_outcome(Interview& interview, Outcome outcome, const std::vector<NoShow>& absent,
                                               const std::string& note, SystemTime now) {
  RETURN_IF_ERROR(check_outcome_allowed(interview, now));
  RETURN_IF_ERROR(check_absent(interview, outcome, absent));
  RETURN_IF_ERROR(check_outcome_note(note));
  std::vector<NoShowMark> changes;
  for (const auto& who : absent) {
    if (std::find(interview.no_shows.begin(), interview.no_shows.end(), who) == interview.no_shows.end()) {
      changes.push_back({who, true});
    }
  }
  for (const auto& recorded : interview.no_shows) {
    if (std::find(absent.begin(), absent.end(), recorded) == absent.end()) changes.push_back({recorded, false});
  }
  RETURN_IF_ERROR(record_no_shows(interview, changes, "", now));
  // After the end record_no_shows completes a booked interview; the move is checked here too.
  if (interview.status != InterviewStatus::completed) RETURN_IF_ERROR(move(interview, InterviewStatus::completed));
  interview.outcome_note = note;
  return changes;
}

}  // namespace poblysh::domain
