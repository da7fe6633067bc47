#include "jobs/complete_interview.hpp"

#include <string>

namespace poblysh::jobs {

Result<JobOutcome> CompleteInterview::run(store::Connection& db, const store::ClaimedJob& job, SystemTime now) {
  ASSIGN_OR_RETURN(auto found, interviews_.find(db, job.interview_id));
  if (!found) return JobOutcome{std::nullopt, "the interview is gone"};
  domain::Interview interview = *found;
  // The grace as configured now, which may have grown since the job was planned.
  const auto due = completion_due(interview, planner_.options().completion_grace);
  if (!due) return JobOutcome{std::nullopt, std::string("left as it is: ") + domain::status_name(interview.status)};
  if (now < *due) return JobOutcome{*due, "not over yet"};
  RETURN_IF_ERROR(domain::move(interview, domain::InterviewStatus::completed));
  interview.updated_at = now;
  RETURN_IF_ERROR(interviews_.save(db, interview, *found));
  RETURN_IF_ERROR(interviews_.add_history(db, interview.id, {now, "system", "completed", "completed by the clock"}));
  // Completion ends the interview's other jobs; this one ends with the transaction.
  RETURN_IF_ERROR(planner_.replan(db, interview));
  return JobOutcome{std::nullopt, "completed"};
}

}  // namespace poblysh::jobs
