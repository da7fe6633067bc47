#include "store/sqlite/wal_checkpointer.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace poblysh::store {
namespace {

// A TRUNCATE checkpoint keeps new writers out while it waits for readers to move on: give up
// (and try again after later commits) well before a writer's own busy timeout would expire.
constexpr int kTruncateWaitMs = 1000;
// After a TRUNCATE gave up, PASSIVE ones only for a while: a reader that holds its snapshot for
// long would otherwise cost every writer up to kTruncateWaitMs on each commit.
constexpr std::chrono::seconds kTruncatePause{10};

}  // namespace

WalCheckpointer::WalCheckpointer(const std::string& path, CheckpointOptions options) : options_(options) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open SQLite database " + path + " for checkpoints: " + message);
  }
  sqlite3_busy_timeout(db_, kTruncateWaitMs);
  // The checkpoint syncs the WAL before copying and the database file after, as SQLite's own does.
  sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA page_size", -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    page_size_ = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  thread_ = std::thread([this] { loop(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_all();
  if (thread_.joinable()) thread_.join();
  sqlite3_close(db_);
}

void WalCheckpointer::install(sqlite3* writer) {
  sqlite3_wal_autocheckpoint(writer, 0);  // what `PRAGMA wal_autocheckpoint=0` does
  sqlite3_wal_hook(writer, &WalCheckpointer::on_commit, this);  // replaces it with our report
}

int WalCheckpointer::on_commit(void* self, sqlite3* /*writer*/, const char* /*schema*/, int wal_frames) {
  static_cast<WalCheckpointer*>(self)->committed(wal_frames);
  return SQLITE_OK;
}

// Runs on the committing thread, after the write lock is released: only bookkeeping here.
void WalCheckpointer::committed(int wal_frames) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    wal_frames_ = wal_frames;
    if (wal_frames < copied_frames_) copied_frames_ = 0;  // the WAL started again from its beginning
    const bool many_new = wal_frames - copied_frames_ >= options_.passive_after_frames;
    const bool too_big = static_cast<std::int64_t>(wal_frames) * page_size_ >= options_.truncate_after_bytes;
    if ((many_new || too_big) && !requested_) wake = requested_ = true;
  }
  if (wake) wanted_.notify_one();
}

CheckpointCounts WalCheckpointer::counts() {
  std::lock_guard lock(mutex_);
  return counts_;
}

void WalCheckpointer::loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    wanted_.wait(lock, [this] { return requested_ || stopping_; });
    if (stopping_) return;
    requested_ = false;
    const bool too_big = static_cast<std::int64_t>(wal_frames_) * page_size_ >= options_.truncate_after_bytes &&
                         std::chrono::steady_clock::now() >= truncate_paused_until_;
    lock.unlock();
    checkpoint(too_big ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE);
    lock.lock();
  }
}

// SQLite starts the WAL again from its beginning only when a writer finds every frame copied.
// Writers keep appending while a PASSIVE checkpoint copies, so one pass rarely ends complete
// under load; a few more passes, each with less to copy, usually do. Readers that still use
// old frames stop the copying short: then no progress is made, and the next commits ask again.
void WalCheckpointer::checkpoint(int mode) {
  constexpr int kMaxPasses = 4;
  int previous_copied = -1;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    int wal_frames = 0;
    int copied = 0;
    const int code = sqlite3_wal_checkpoint_v2(db_, nullptr, mode, &wal_frames, &copied);
    std::lock_guard lock(mutex_);
    if (code != SQLITE_OK) {
      ++counts_.failed;
      if (mode == SQLITE_CHECKPOINT_TRUNCATE) truncate_paused_until_ = std::chrono::steady_clock::now() + kTruncatePause;
      return;
    }
    ++(mode == SQLITE_CHECKPOINT_TRUNCATE ? counts_.truncate : counts_.passive);
    copied_frames_ = copied;
    if (mode == SQLITE_CHECKPOINT_TRUNCATE) {
      wal_frames_ = 0;
      return;
    }
    if (copied >= wal_frames || copied <= previous_copied || stopping_) return;
    previous_copied = copied;
  }
}

}  // namespace poblysh::store
