// store/sqlite: WAL checkpoints on a background thread, off the commit path.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace poblysh::store {

struct CheckpointOptions {
  // A PASSIVE checkpoint (copies what it can, never blocks anyone) once this many WAL frames
  // were added since the last one: SQLite's own auto-checkpoint threshold.
  int passive_after_frames = 1000;
  // A TRUNCATE checkpoint (waits for readers, blocks writers while it copies, empties the
  // file) once the WAL holds this much: readers that keep old snapshots can stop PASSIVE
  // checkpoints from ever finishing, and the WAL must not grow without bound.
  std::int64_t truncate_after_bytes = std::int64_t{64} << 20;
};

struct CheckpointCounts {
  std::int64_t passive = 0;
  std::int64_t truncate = 0;
  std::int64_t failed = 0;  // busy (a TRUNCATE that waited too long) or I/O: tried again later
};

// SQLite's auto-checkpoint runs inside whichever COMMIT crosses the threshold, so one writer
// pays for copying ~1000 pages into the database file, fsyncs included, while holding the
// write lock. Here writers only report the WAL's length after each commit (install() puts a
// WAL hook on their connections, which also turns the auto-checkpoint off) and this thread,
// with a connection of its own, does the copying. Durability is unchanged: a commit is durable
// once its WAL frames are synced, whoever checkpoints them later.
class WalCheckpointer {
 public:
  // Opens its own connection to `path` (which must exist, in WAL mode) and starts the thread.
  // Throws when the file cannot be opened: this happens only at start-up.
  WalCheckpointer(const std::string& path, CheckpointOptions options);
  // Stops the thread (waiting for a checkpoint in progress) and closes the connection.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Turns off `writer`'s auto-checkpoint and reports its commits here instead.
  void install(sqlite3* writer);

  CheckpointCounts counts();

 private:
  static int on_commit(void* self, sqlite3* writer, const char* schema, int wal_frames);
  void committed(int wal_frames);
  void loop();
  void checkpoint(int mode);

  CheckpointOptions options_;
  sqlite3* db_ = nullptr;
  std::int64_t page_size_ = 4096;

  std::mutex mutex_;  // guards everything below
  std::condition_variable wanted_;
  int wal_frames_ = 0;    // the WAL's length after the last commit
  int copied_frames_ = 0; // how far the last checkpoint got (the WAL restarts from 0 after one)
  bool requested_ = false;
  bool stopping_ = false;
  std::chrono::steady_clock::time_point truncate_paused_until_{};
  CheckpointCounts counts_;
  std::thread thread_;
};

}  // namespace poblysh::store
