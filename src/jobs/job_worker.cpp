#include "jobs/job_worker.hpp"

#include <algorithm>

#include "core/log_line.hpp"

namespace poblysh::jobs {
namespace {

struct Ran {
  bool held = false;
  JobOutcome outcome;
};

}  // namespace

JobWorker::JobWorker(store::Database& db, store::JobRepo& jobs,
                     std::vector<std::reference_wrapper<JobHandler>> handlers, const Clock& clock,
                     JobWorkerOptions options, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      jobs_(jobs),
      handlers_(std::move(handlers)),
      clock_(clock),
      options_(options),
      log_(std::move(log)),
      retries_(options_.retry, options_.claim.max_attempts) {
  for (const auto& handler : handlers_) kinds_.emplace_back(handler.get().kind());
}

JobWorker::~JobWorker() { stop(); }

void JobWorker::start() {
  thread_.start([this] { return pass(); });
}

void JobWorker::stop() { thread_.stop(); }

std::chrono::milliseconds JobWorker::pass() {
  auto outcome = run_once();
  if (!outcome) log_->error(LogLine("job pass failed").text("detail", error_detail(outcome.error())).str());
  // A full batch suggests more are due: go again at once. A job due before the next poll is not
  // left waiting for it.
  const bool full = outcome && outcome->done + outcome->later + outcome->retrying + outcome->dead + outcome->lost >=
                                   options_.claim.limit;
  return wait_before_next_pass(full, outcome ? outcome->next_due_at : std::nullopt, clock_.now(),
                               options_.poll_interval);
}

JobHandler* JobWorker::handler_for(const std::string& kind) const {
  for (const auto& handler : handlers_) {
    if (handler.get().kind() == kind) return &handler.get();
  }
  return nullptr;
}

Result<JobPass> JobWorker::run_once() {
  std::lock_guard pass_lock(pass_mutex_);
  const SystemTime claimed_at = clock_.now();
  const auto claim = [&](store::Connection& c) { return jobs_.claim_due(c, kinds_, claimed_at, options_.claim); };
  ASSIGN_OR_RETURN(auto claimed, store::transact(db_, claim));
  return run_claimed_locked(claimed);
}

Result<JobPass> JobWorker::run_claimed(const std::vector<store::ClaimedJob>& claimed) {
  std::lock_guard pass_lock(pass_mutex_);
  return run_claimed_locked(claimed);
}

Result<JobPass> JobWorker::run_claimed_locked(const std::vector<store::ClaimedJob>& claimed) {
  JobPass pass;
  for (const auto& job : claimed) {
    JobHandler* handler = handler_for(job.kind);  // claim_due returns only the kinds asked for
    if (handler == nullptr) continue;
    RETURN_IF_ERROR(run_one(job, *handler, pass));
  }
  ASSIGN_OR_RETURN(auto due, store::read_with(db_, [&](store::Connection& c) { return jobs_.next_due_at(c, kinds_); }));
  pass.next_due_at = due;
  return pass;
}

Status JobWorker::run_one(const store::ClaimedJob& job, JobHandler& handler, JobPass& pass) {
  const SystemTime now = clock_.now();
  const auto run = [&](store::Connection& c) -> Result<Ran> {
    // The claim is checked where the effect is written: a claim taken over after its lease ran
    // out, or a job moved or removed since it was claimed, writes nothing.
    ASSIGN_OR_RETURN(auto held, jobs_.holds(c, job.id, job.claim));
    if (!held) return Ran{};
    ASSIGN_OR_RETURN(auto outcome, handler.run(c, job, now));
    if (outcome.later) {
      RETURN_IF_ERROR(jobs_.postpone(c, job.id, job.claim, *outcome.later, now));
    } else {
      RETURN_IF_ERROR(jobs_.finish(c, job.id, job.claim, now));
    }
    return Ran{true, std::move(outcome)};
  };
  auto ran = store::transact(db_, run);
  if (ran) {
    ++(!ran->held ? pass.lost : ran->outcome.later ? pass.later : pass.done);
    if (ran->held && !ran->outcome.later) {
      log_->info(LogLine("job done")
                     .text("kind", job.kind)
                     .number("job_id", job.id)
                     .number("interview_id", job.interview_id)
                     .number("attempt", job.attempts)
                     .text("outcome", ran->outcome.note)
                     .str());
    }
    return {};
  }
  // The job's transaction rolled back: try again later with backoff, until the attempts run out.
  const auto failed = retries_.after_failure(job.attempts, now, ran.error());
  const auto mark = [&](store::Connection& c) {
    return jobs_.fail(c, job.id, job.claim, failed.detail, failed.retry_at, now);
  };
  ASSIGN_OR_RETURN(auto marked, store::transact(db_, mark));
  failed.count(marked, pass);
  const auto item =
      LogLine("job failed").text("kind", job.kind).number("job_id", job.id).number("interview_id", job.interview_id);
  log_->warn(failed.log_line(item, job.attempts));
  return {};
}

}  // namespace poblysh::jobs
