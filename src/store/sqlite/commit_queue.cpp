#include "store/sqlite/commit_queue.hpp"

#include <algorithm>
#include <memory>

namespace poblysh::store {
namespace {

Error shutting_down() {
  return Error{ErrorCode::upstream_unavailable,
               "The database is shutting down; please try again.",
               {},
               "transaction refused: the commit queue has stopped",
               1};
}

}  // namespace

CommitQueue::CommitQueue(std::size_t max_batch, RunBatch run_batch)
    : max_batch_(std::max<std::size_t>(max_batch, 1)), run_batch_(std::move(run_batch)), writer_([this] { run(); }) {}

CommitQueue::~CommitQueue() { stop(); }

void CommitQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_queued_.notify_one();
  if (writer_.joinable() && writer_.get_id() != std::this_thread::get_id()) writer_.join();
}

std::size_t CommitQueue::waiting() {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

Status CommitQueue::submit(const Database::Work& work) {
  if (writer_of_ == this) {
    return fail(ErrorCode::internal, "Something went wrong on our side.", "nested transaction on the same database");
  }
  Entry entry;
  entry.member.work = &work;
  std::unique_lock lock(mutex_);
  if (stopping_) return tl::unexpected(shutting_down());
  if (!batch_running_ && pending_.empty()) {
    // Alone: run it on this thread rather than wake the writer and wait to be woken.
    batch_running_ = true;
    lock.unlock();
    writer_of_ = this;
    const auto fail_waiting = run_guarded({&entry.member});
    writer_of_ = nullptr;
    lock.lock();
    auto callbacks = end_batch({&entry}, fail_waiting);
    if (!pending_.empty()) work_queued_.notify_one();
    lock.unlock();
    for (auto& queued : callbacks) complete(*queued);
    lock.lock();
  } else {
    pending_.push_back(&entry);
    work_queued_.notify_one();
    entry.finished_changed.wait(lock, [&] { return entry.finished; });
  }
  lock.unlock();
  if (entry.member.exception) std::rethrow_exception(entry.member.exception);
  return std::move(entry.member.outcome);
}

void CommitQueue::submit_async(Database::Work work, Done done) {
  auto entry = std::make_unique<Entry>();
  entry->owned_work = std::move(work);
  entry->member.work = &entry->owned_work;
  entry->done = std::move(done);
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      pending_.push_back(entry.release());
      work_queued_.notify_one();
      return;
    }
  }
  entry->done(tl::unexpected(shutting_down()));
}

void CommitQueue::complete(Entry& entry) {
  Status outcome = std::move(entry.member.outcome);
  if (entry.member.exception) {
    outcome = fail(ErrorCode::internal, "Something went wrong on our side.", "a queued transaction's work threw");
  }
  try {
    entry.done(std::move(outcome));
  } catch (...) {  // nobody is left to tell; the writer must go on for everyone else
  }
}

std::optional<Error> CommitQueue::run_guarded(const std::vector<Member*>& batch) {
  try {
    return run_batch_(batch);
  } catch (...) {  // a bug in the batch runner: every member hears of it, nobody waits forever
    for (auto* member : batch) member->exception = std::current_exception();
    return std::nullopt;
  }
}

std::vector<std::unique_ptr<CommitQueue::Entry>> CommitQueue::end_batch(std::vector<Entry*> entries,
                                                                        const std::optional<Error>& fail_waiting) {
  batch_running_ = false;
  if (fail_waiting) {
    for (auto* queued : pending_) queued->member.outcome = tl::unexpected(*fail_waiting);
    entries.insert(entries.end(), pending_.begin(), pending_.end());
    pending_.clear();
  }
  // Waiting callers are told under the lock: one may return (and its entry go away) as soon
  // as it can take the lock again. Callbacks run outside it, so they may queue more work.
  std::vector<std::unique_ptr<Entry>> callbacks;
  for (auto* queued : entries) {
    if (queued->done) {
      callbacks.emplace_back(queued);
    } else {
      queued->finished = true;
      queued->finished_changed.notify_one();
    }
  }
  return callbacks;
}

void CommitQueue::run() {
  writer_of_ = this;
  std::unique_lock lock(mutex_);
  for (;;) {
    work_queued_.wait(lock,
                      [this] { return (!pending_.empty() && !batch_running_) || (stopping_ && pending_.empty()); });
    if (pending_.empty()) return;  // stopping, and everything queued has run
    batch_running_ = true;
    // Everything queued so far, oldest first.
    const auto count = std::min(pending_.size(), max_batch_);
    std::vector<Entry*> entries(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
    std::vector<Member*> batch;
    batch.reserve(count);
    for (auto* queued : entries) batch.push_back(&queued->member);
    lock.unlock();
    const auto fail_waiting = run_guarded(batch);
    lock.lock();
    auto callbacks = end_batch(std::move(entries), fail_waiting);
    lock.unlock();
    for (auto& entry : callbacks) complete(*entry);
    callbacks.clear();
    lock.lock();
  }
}

}  // namespace poblysh::store
