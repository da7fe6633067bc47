// store/sqlite: the embedded database (WAL, foreign keys, busy timeout, prepared statements).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/connection_pool.hpp"
#include "store/database.hpp"
#include "store/sqlite/commit_queue.hpp"
#include "store/sqlite/wal_checkpointer.hpp"

namespace poblysh::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  // Concurrent transactions committed together at most (see CommitQueue).
  static constexpr std::size_t kMaxBatch = 32;

  // Opens (creating if needed) the file at `path`; `pool_size` connections are shared by
  // the request threads. WAL checkpoints run on a thread of their own (WalCheckpointer), never
  // inside a commit. Throws on failure: this happens only at start-up.
  SqliteDatabase(const std::string& path, std::size_t pool_size, std::size_t max_batch = kMaxBatch,
                 CheckpointOptions checkpoints = {});
  ~SqliteDatabase() override;

  // Group commit: works that arrive together run one after another in one write transaction
  // and share its COMMIT. A work that fails (or throws) is left out: the transaction is rolled
  // back and the others run again without it. A failed COMMIT fails every work it carried.
  // Either way each caller gets its own outcome once the batch is over, after the commit. When
  // the write lock cannot be had within the busy timeout, the callers queued behind fail with
  // the batch (503, retry) rather than each wait a busy timeout more.
  Status transaction(const Work& work) override;
  void transaction_async(Work work, std::function<void(Status)> done) override;
  Status read(const Work& work) override;
  // Transactions waiting for the next batch while one is running.
  std::size_t waiting_transactions() { return commits_.waiting(); }
  // Checkpoints run so far (for tests and diagnostics).
  CheckpointCounts checkpoints() { return checkpointer_->counts(); }
  Dialect dialect() const override { return Dialect::sqlite; }
  Result<int> migrate() override;

 private:
  std::optional<Error> run_batch(const std::vector<CommitQueue::Member*>& batch);

  ConnectionPool<SqliteConnection> pool_;
  CommitQueue commits_;
  // Declared last, so destroyed first: its thread stops before the connections close.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

// Parses "sqlite:///abs/path.db", "sqlite://relative/path.db".
Result<std::string> sqlite_path_from_url(const std::string& url);

}  // namespace poblysh::store
