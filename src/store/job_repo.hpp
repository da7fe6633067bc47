// store: the durable job table — timed work about an interview, planned with the change that
// makes it due, claimed by one worker of any instance, retried, and ended.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace poblysh::store {

// pending → running (claimed) → done, or → pending (a retry, a later time) or dead (attempts
// spent). Planning a job anew makes it pending again; cancelling removes it.
enum class JobState { pending, running, done, dead };
const char* job_state_name(JobState state);  // as stored (state_names.cpp)
std::optional<JobState> parse_job_state(std::string_view name);

// A row as admins and tests see it.
struct JobEntry {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t interview_id = 0;
  SystemTime due_at;
  JobState state = JobState::pending;
  int attempts = 0;
  int claims = 0;
  std::optional<SystemTime> lease_until;
  std::string last_error;
  SystemTime created_at;
  SystemTime updated_at;
};

// What a worker needs to run one job; `claim` identifies its claim.
struct ClaimedJob {
  std::int64_t id = 0;
  std::string kind;
  std::int64_t interview_id = 0;
  SystemTime due_at;
  int attempts = 0;  // this one included
  std::int64_t claim = 0;
};

struct JobClaimOptions {
  std::chrono::milliseconds lease{std::chrono::minutes(5)};  // far longer than one job's transaction
  int limit = 10;
  int max_attempts = 8;
};

class JobRepo {
 public:
  // Call in the transaction that changes the interview. Plans the job at `due_at`: a new one,
  // or one whose time moved (pending again, with fresh attempts, whatever state it was in).
  // A job already planned for that time is left as it is, done or running included.
  Status plan(Connection& db, std::string_view kind, std::int64_t interview_id, SystemTime due_at, SystemTime now);
  // Removes the job; nothing to remove is fine.
  Status cancel(Connection& db, std::string_view kind, std::int64_t interview_id);
  // Removes every job of the interview.
  Status cancel_all(Connection& db, std::int64_t interview_id);
  // Ends the interview's pending jobs without running them (done). Running ones are left to
  // their workers, whose jobs see what changed.
  Status end_pending(Connection& db, std::int64_t interview_id, SystemTime now);
  // Plans `kind` at end_at + `after_end` for every interview in one of `statuses` that has an
  // end and no such job yet (a deployment from before the job, or rows written without a
  // workflow). Returns how many were planned.
  Result<std::int64_t> plan_missing_after_end(Connection& db, std::string_view kind,
                                              const std::vector<std::string>& statuses,
                                              std::chrono::milliseconds after_end, SystemTime now);

  // Claims due jobs of the given kinds (pending and due, or running with an expired lease: its
  // worker died) and counts the attempt. One statement marks and returns them: SQLite's single
  // writer serialises claims, and PostgreSQL's workers skip rows another has locked, so no job
  // is claimed twice at once. Expired leases whose attempts are spent become dead instead.
  // Kinds this instance does not know (a newer instance's) are left to others. Run it in a transaction.
  Result<std::vector<ClaimedJob>> claim_due(Connection& db, const std::vector<std::string>& kinds, SystemTime now,
                                            const JobClaimOptions& options);
  // Whether `claim` is still the job's: running under that claim. A worker checks it in the
  // transaction that carries out the job, so a claim taken over (or a job re-planned or
  // cancelled meanwhile) has no effect.
  Result<bool> holds(Connection& db, std::int64_t id, std::int64_t claim);
  // The outcome of a claim; each returns false when the claim is no longer the job's.
  Result<bool> finish(Connection& db, std::int64_t id, std::int64_t claim, SystemTime now);
  // Not yet: pending again at `due_at`, without counting this claim as an attempt.
  Result<bool> postpone(Connection& db, std::int64_t id, std::int64_t claim, SystemTime due_at, SystemTime now);
  // retry_at empty: dead, no more attempts.
  Result<bool> fail(Connection& db, std::int64_t id, std::int64_t claim, std::string_view error,
                    std::optional<SystemTime> retry_at, SystemTime now);

  // When the earliest pending job or running lease of the given kinds falls due; nullopt when
  // nothing waits. The worker sleeps until then (or its poll interval).
  Result<std::optional<SystemTime>> next_due_at(Connection& db, const std::vector<std::string>& kinds);
  Result<std::optional<JobEntry>> find(Connection& db, std::string_view kind, std::int64_t interview_id);
};

}  // namespace poblysh::store
