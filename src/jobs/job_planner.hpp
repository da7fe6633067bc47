// jobs: which timed jobs an interview has — planned, moved, ended and removed with the change
// to the interview that calls for it, in the same transaction.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "domain/interview.hpp"
#include "store/database.hpp"
#include "store/job_repo.hpp"

namespace poblysh::jobs {

// A booked interview still open this long after its end is completed by the clock.
inline constexpr std::string_view kCompleteInterview = "complete_interview";

struct PlannerOptions {
  // Time for Cal.com's MEETING_ENDED, or a person, to say how it went before the clock does.
  std::chrono::milliseconds completion_grace{std::chrono::hours(2)};
};

// When the clock completes `interview`: its end plus the grace while it is booked (scheduled or
// confirmed) and has an end; never otherwise.
std::optional<SystemTime> completion_due(const domain::Interview& interview, std::chrono::milliseconds grace);

class JobPlanner {
 public:
  JobPlanner(store::JobRepo& jobs, const Clock& clock, PlannerOptions options)
      : jobs_(jobs), clock_(clock), options_(options) {}

  // Call in the transaction that saves `interview`: its jobs follow what it now is — planned,
  // or moved with its time, while it is booked; ended once it is completed; removed once it is
  // cancelled (or back to a draft). A save that changes neither leaves them as they are.
  Status replan(store::Connection& db, const domain::Interview& interview);

  // Plans the jobs of booked interviews that have none: interviews booked before the job table
  // existed, or written without a workflow (demo data). Run once at start-up; returns how many.
  Result<std::int64_t> plan_missing(store::Connection& db);

  const PlannerOptions& options() const { return options_; }

 private:
  store::JobRepo& jobs_;
  const Clock& clock_;
  PlannerOptions options_;
};

}  // namespace poblysh::jobs
