// jobs: one kind of timed job — what the worker does when a job of that kind falls due.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"
#include "store/job_repo.hpp"

namespace poblysh::jobs {

struct JobOutcome {
  std::optional<SystemTime> later;  // not yet: due again then (the claim counts as no attempt)
  std::string note;                 // what it did, for the log
};

class JobHandler {
 public:
  virtual ~JobHandler() = default;
  // The kind of job it runs, as the table stores it.
  virtual std::string_view kind() const = 0;
  // Runs inside the transaction that ends the job, after the worker has checked that its claim
  // still holds: what it writes commits with the job's end, exactly once. It acts on `db` only
  // (PostgreSQL may run the transaction again). An error rolls it back; the job is retried.
  virtual Result<JobOutcome> run(store::Connection& db, const store::ClaimedJob& job, SystemTime now) = 0;
};

}  // namespace poblysh::jobs
