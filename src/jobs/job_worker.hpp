// jobs: the background worker that runs due jobs of the durable job table.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/polling_thread.hpp"
#include "jobs/job_handler.hpp"
#include "notify/backoff.hpp"
#include "store/database.hpp"
#include "store/job_repo.hpp"

namespace poblysh::jobs {

struct JobWorkerOptions {
  // Jobs fall due minutes or hours after they are planned; the worker also wakes for the
  // earliest one it knows of, so this only bounds how late a job planned by another instance runs.
  std::chrono::milliseconds poll_interval{std::chrono::seconds(30)};
  store::JobClaimOptions claim;  // batch size, lease, attempts before a job is dead
  notify::RetryPolicy retry;     // the wait before a failed job runs again
};

struct JobPass {
  int done = 0;
  // Not yet due after all: planned again at the time its handler named.
  int later = 0;
  int retrying = 0;
  int dead = 0;
  // The claim was taken over, or the job re-planned or cancelled, meanwhile.
  int lost = 0;
  // The earliest job or lease expiry after this pass.
  std::optional<SystemTime> next_due_at;
};

// Each job's effect commits with its end in one transaction that first checks the claim still
// holds: across instances a job takes effect once. A worker killed mid-pass leaves its claims to
// expire; another instance takes them over then.
class JobWorker {
 public:
  JobWorker(store::Database& db, store::JobRepo& jobs, std::vector<std::reference_wrapper<JobHandler>> handlers,
            const Clock& clock, JobWorkerOptions options, std::shared_ptr<spdlog::logger> log);
  ~JobWorker();
  JobWorker(const JobWorker&) = delete;
  JobWorker& operator=(const JobWorker&) = delete;

  void start();
  // Finishes the job being run, then returns.
  void stop();

  // One pass: claim the due jobs of the kinds it has handlers for, run each, record the
  // outcomes. The thread runs this in a loop; tests call it directly with a clock they move.
  // Passes never overlap.
  Result<JobPass> run_once();
  // run_once's second half: runs jobs claimed earlier (JobRepo::claim_due). Tests claim, then
  // stall a worker between the two, as a slow or paused instance would.
  Result<JobPass> run_claimed(const std::vector<store::ClaimedJob>& claimed);

 private:
  std::chrono::milliseconds pass();
  Result<JobPass> run_claimed_locked(const std::vector<store::ClaimedJob>& claimed);
  Status run_one(const store::ClaimedJob& job, JobHandler& handler, JobPass& pass);
  JobHandler* handler_for(const std::string& kind) const;

  store::Database& db_;
  store::JobRepo& jobs_;
  std::vector<std::reference_wrapper<JobHandler>> handlers_;
  std::vector<std::string> kinds_;
  const Clock& clock_;
  JobWorkerOptions options_;
  std::shared_ptr<spdlog::logger> log_;

  std::mutex pass_mutex_;  // serialises run_once; also guards retries_
  notify::RetrySchedule retries_;

  PollingThread thread_;  // the last member: joined before the ones its passes use go
};

}  // namespace poblysh::jobs
