#include "domain/interview_primary.hpp"

#include "domain/validation.hpp"

namespace poblysh::domain {

bool primary_change_done(const Interview& interview, const PrimaryChange& change) {
  const auto primary = interview.primary_interviewer();
  return primary && *primary == change.new_primary;
}

Result<PrimaryPlan> plan_primary_change(const Interview& interview, const PrimaryChange& change, SystemTime now) {
  const auto status = interview.status;
  if (status != InterviewStatus::scheduled && status != InterviewStatus::awaiting_host &&
      status != InterviewStatus::confirmed) {
    return fail(ErrorCode::conflict, std::string("The primary interviewer of an interview that is ") +
                                         status_name(status) + " cannot be changed.");
  }
  if (interview.calcom_booking_uid.empty() || !interview.start || !interview.end) {
    return fail(ErrorCode::conflict, "This interview has no Cal.com booking yet; reload the page.");
  }
  const auto previous = interview.primary_interviewer();
  if (!previous) return fail(ErrorCode::conflict, "This interview has no primary interviewer to replace.");
  FieldErrors errors;
  if (change.new_primary <= 0) errors.add("primary_team_member_id", "choose the new primary interviewer");
  if (change.new_primary == *previous) {
    errors.add("primary_team_member_id", "is the primary interviewer already");
  }
  PrimaryPlan plan;
  plan.previous_primary = *previous;
  plan.start = change.start.value_or(*interview.start);
  plan.time_changes = plan.start != *interview.start;
  if (plan.start <= now) errors.add("start_time", "choose a time that is still ahead");
  errors.optional_text("reason", change.reason, 500);
  RETURN_IF_ERROR(errors.result());

  plan.new_joins = true;
  plan.team.push_back({change.new_primary, true});
  for (const auto& member : interview.team) {
    if (member.team_member_id == change.new_primary) {
      plan.new_joins = false;  // an additional interviewer moves up
    } else if (member.is_primary) {
      if (change.keep_previous) plan.team.push_back({member.team_member_id, false});
    } else {
      plan.team.push_back(member);
    }
  }
  plan.previous_leaves = !change.keep_previous;
  RETURN_IF_ERROR(check_team(plan.team));
  return plan;
}

}  // namespace poblysh::domain
