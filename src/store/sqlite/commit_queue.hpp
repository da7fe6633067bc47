// store/sqlite: group commit — transactions that arrive together share one COMMIT (one fsync).
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

#include "store/database.hpp"

namespace poblysh::store {

// With synchronous=FULL every COMMIT waits for the disk, so one writer at a time gets at most
// one transaction per fsync. Here the first caller becomes the leader and runs whatever is
// queued when it starts (up to max_batch works) as one batch; callers that arrive meanwhile
// queue up and form the next batch. No timer: a caller alone is run at once.
class CommitQueue {
 public:
  // One caller's work and, once its batch has run, its own outcome.
  struct Member {
    const Database::Work* work = nullptr;
    Status outcome;
    std::exception_ptr exception;  // rethrown in the caller's thread
  };
  // Runs every member's work in one transaction and fills in each outcome. Must not throw.
  // Returns an error when the callers still queued should not even try (the write lock could
  // not be had for a whole busy timeout): they get it at once instead of queueing for another.
  using RunBatch = std::function<std::optional<Error>(const std::vector<Member*>& batch)>;

  CommitQueue(std::size_t max_batch, RunBatch run_batch);

  // Blocks until `work` has run in a batch and that batch has committed or failed.
  Status submit(const Database::Work& work);

  // Callers queued for the next batch (for tests and diagnostics).
  std::size_t waiting() {
    std::lock_guard lock(mutex_);
    return pending_.size();
  }

 private:
  struct Entry {
    Member member;
    bool done = false;
  };

  // The queue whose batch this thread is running: a work that starts another transaction on
  // the same database would otherwise wait for itself forever.
  static inline thread_local const CommitQueue* running_queue_ = nullptr;

  const std::size_t max_batch_;
  RunBatch run_batch_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Entry*> pending_;
  bool leading_ = false;  // a batch is running; new arrivals wait for the next one
};

// Header-only: small, and shared by the SQLite database and its tests.

inline CommitQueue::CommitQueue(std::size_t max_batch, RunBatch run_batch)
    : max_batch_(std::max<std::size_t>(max_batch, 1)), run_batch_(std::move(run_batch)) {}

inline Status CommitQueue::submit(const Database::Work& work) {
  if (running_queue_ == this) {
    return fail(ErrorCode::internal, "Something went wrong on our side.", "nested transaction on the same database");
  }
  Entry entry{Member{&work, {}, nullptr}, false};
  std::unique_lock lock(mutex_);
  pending_.push_back(&entry);
  for (;;) {
    changed_.wait(lock, [&] { return entry.done || !leading_; });
    if (entry.done) break;
    // Lead the next batch: everything queued so far, oldest first (this caller's entry is in
    // it unless more than max_batch arrived before it; then it leads or joins a later one).
    leading_ = true;
    const auto count = std::min(pending_.size(), max_batch_);
    std::vector<Entry*> entries(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
    std::vector<Member*> batch;
    batch.reserve(count);
    for (auto* queued : entries) batch.push_back(&queued->member);
    lock.unlock();
    running_queue_ = this;
    std::optional<Error> fail_waiting;
    try {
      fail_waiting = run_batch_(batch);
    } catch (...) {  // a bug in the batch runner: every member hears of it, nobody waits forever
      for (auto* member : batch) member->exception = std::current_exception();
    }
    running_queue_ = nullptr;
    lock.lock();
    for (auto* queued : entries) queued->done = true;
    if (fail_waiting) {
      for (auto* queued : pending_) {
        queued->member.outcome = tl::unexpected(*fail_waiting);
        queued->done = true;
      }
      pending_.clear();
    }
    leading_ = false;
    changed_.notify_all();
  }
  if (entry.member.exception) std::rethrow_exception(entry.member.exception);
  return std::move(entry.member.outcome);
}

}  // namespace poblysh::store
