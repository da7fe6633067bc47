// jobs: the clock's completion — a booked interview whose end passed by the grace period,
// with no word from Cal.com's MEETING_ENDED or a person, becomes completed.
#pragma once

#include "jobs/job_handler.hpp"
#include "jobs/job_planner.hpp"
#include "store/interview_repo.hpp"

namespace poblysh::jobs {

class CompleteInterview final : public JobHandler {
 public:
  CompleteInterview(store::InterviewRepo& interviews, JobPlanner& planner)
      : interviews_(interviews), planner_(planner) {}

  std::string_view kind() const override { return kCompleteInterview; }
  // Completes the interview if it is still booked and its end + grace has passed, with a
  // history line by "system"; an interview completed or cancelled meanwhile is left as it is.
  Result<JobOutcome> run(store::Connection& db, const store::ClaimedJob& job, SystemTime now) override;

 private:
  store::InterviewRepo& interviews_;
  JobPlanner& planner_;
};

}  // namespace poblysh::jobs
