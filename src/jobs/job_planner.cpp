#include "jobs/job_planner.hpp"

#include <string>
#include <vector>

namespace poblysh::jobs {
namespace {

bool booked(domain::InterviewStatus status) {
  return status == domain::InterviewStatus::scheduled || status == domain::InterviewStatus::confirmed;
}

}  // namespace

std::optional<SystemTime> completion_due(const domain::Interview& interview, std::chrono::milliseconds grace) {
  if (!booked(interview.status) || !interview.end) return std::nullopt;
  return *interview.end + grace;
}

Status JobPlanner::replan(store::Connection& db, const domain::Interview& interview) {
  if (booked(interview.status)) {
    if (auto due = completion_due(interview, options_.completion_grace)) {
      return jobs_.plan(db, kCompleteInterview, interview.id, *due, clock_.now());
    }
    return jobs_.cancel(db, kCompleteInterview, interview.id);
  }
  // A job already running is left to its worker: its handler sees the interview as it is now.
  if (interview.status == domain::InterviewStatus::completed) return jobs_.end_pending(db, interview.id, clock_.now());
  return jobs_.cancel_all(db, interview.id);
}

Result<std::int64_t> JobPlanner::plan_missing(store::Connection& db) {
  const std::vector<std::string> statuses{domain::status_name(domain::InterviewStatus::scheduled),
                                          domain::status_name(domain::InterviewStatus::confirmed)};
  return jobs_.plan_missing_after_end(db, kCompleteInterview, statuses, options_.completion_grace, clock_.now());
}

}  // namespace poblysh::jobs
