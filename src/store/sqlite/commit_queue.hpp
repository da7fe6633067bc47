// store/sqlite: group commit — transactions that arrive together share one COMMIT (one fsync).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "store/database.hpp"

namespace poblysh::store {

// With synchronous=FULL every COMMIT waits for the disk, so one writer at a time gets at most
// one transaction per fsync. A writer thread of its own runs whatever is queued when it starts
// a batch (up to max_batch works) as one transaction; works that arrive meanwhile queue up and
// form the next batch. No timer: a work alone is run at once, by a waiting caller on its own
// thread (no hand-over to the writer and back).
//
// Callers either wait (submit) or leave a callback (submit_async): a request that only waits
// for its commit need not hold a thread, so group commit does not need a thread per request.
class CommitQueue {
 public:
  // One work and, once its batch has run, its own outcome.
  struct Member {
    const Database::Work* work = nullptr;
    Status outcome;
    std::exception_ptr exception;  // rethrown in a waiting caller's thread
  };
  // Runs every member's work in one transaction and fills in each outcome. Must not throw.
  // Returns an error when the works still queued should not even try (the write lock could
  // not be had for a whole busy timeout): they get it at once instead of queueing for another.
  using RunBatch = std::function<std::optional<Error>(const std::vector<Member*>& batch)>;
  using Done = std::function<void(Status)>;

  // Starts the writer thread.
  CommitQueue(std::size_t max_batch, RunBatch run_batch);
  ~CommitQueue();
  CommitQueue(const CommitQueue&) = delete;
  CommitQueue& operator=(const CommitQueue&) = delete;

  // Blocks until `work` has run in a batch and that batch has committed or failed.
  Status submit(const Database::Work& work);
  // Queues `work` and returns at once. `done` is called with its outcome on the writer thread
  // once its batch has committed or failed: it must be quick (hand the rest to another thread)
  // and must not wait for a transaction of this queue.
  void submit_async(Database::Work work, Done done);
  // Runs what is queued, then stops the writer thread; later works fail. Idempotent.
  void stop();

  // Works queued for the next batch (for tests and diagnostics).
  std::size_t waiting();

 private:
  struct Entry {
    Member member;
    Database::Work owned_work;  // submit_async: the queue keeps the work
    Done done;                  // submit_async: called once the batch is over
    bool finished = false;      // submit: the caller waits for this
    std::condition_variable finished_changed;
  };

  void run();
  std::optional<Error> run_guarded(const std::vector<Member*>& batch);
  // Under the lock, after a batch: fails what is queued when told to and tells waiting callers;
  // hands back the entries to call back (outside the lock).
  std::vector<std::unique_ptr<Entry>> end_batch(std::vector<Entry*> entries, const std::optional<Error>& fail_waiting);
  static void complete(Entry& entry);

  // The queue whose batch this thread runs (its writer thread, or a caller alone): a work or a
  // callback that waits for another transaction on the same database would otherwise wait for
  // itself forever.
  static inline thread_local const CommitQueue* writer_of_ = nullptr;

  const std::size_t max_batch_;
  RunBatch run_batch_;
  std::mutex mutex_;
  std::condition_variable work_queued_;
  std::deque<Entry*> pending_;
  bool stopping_ = false;
  bool batch_running_ = false;  // by the writer, or by a caller that was alone
  std::thread writer_;
};

}  // namespace poblysh::store
