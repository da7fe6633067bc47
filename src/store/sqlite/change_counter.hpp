// store/sqlite: a number that moves whenever anyone commits to the database file.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "store/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace poblysh::store {

// Every kept list page and every session check asks whether the store changed. SQLite's answer,
// `PRAGMA data_version` on a connection of its own, begins and ends a read transaction (locks
// on the WAL index, fcntl calls) behind a mutex: a fifth of a kept page's time under load.
//
// In WAL mode, SQLite publishes each commit by rewriting the WAL-index header at the start of
// the `-shm` file, which every process using the database maps (https://www.sqlite.org/walformat.html,
// "The WAL-Index Header"): two copies, written second-then-first, holding a counter moved by
// every commit and the last valid frame. Processes running different SQLite versions share
// that file, so its layout is fixed by its version field (3007000). This class reads the
// header through its own connection's mapping, without locks, as SQLite's own readers do (copy both, compare);
// a header it has not seen moves its number. When the file is not in WAL mode, the header is
// not recognised or keeps being rewritten while read, it falls back to `PRAGMA data_version`.
//
// The promise either way: a value returned after a commit finished is greater than any value
// returned before that commit began, and a read transaction begun after value() returned sees
// every commit the value reflects.
class SqliteChangeCounter final : public ChangeCounter {
 public:
  explicit SqliteChangeCounter(const std::string& path);  // throws when the file cannot be opened
  ~SqliteChangeCounter() override;
  SqliteChangeCounter(const SqliteChangeCounter&) = delete;
  SqliteChangeCounter& operator=(const SqliteChangeCounter&) = delete;

  // nullopt when SQLite could not answer (the caller then must not rely on it).
  std::optional<std::uint64_t> value() override;

  // Whether value() reads the WAL-index header (false: every call asks SQLite). For tests.
  bool reads_wal_index() const { return header_ != nullptr; }

 private:
  std::optional<std::uint64_t> header_state() const;
  std::optional<std::uint64_t> data_version();  // mutex_ held
  std::uint64_t moved_to(std::uint64_t state);  // mutex_ held

  std::mutex mutex_;  // the connection, and changes of state_/epoch_
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  const unsigned char* header_ = nullptr;  // the -shm file's first bytes, as SQLite maps them for db_

  // What was seen last and the number handed out for it, published together (a sequence lock:
  // odd while being changed) so readers take no lock.
  std::atomic<std::uint64_t> sequence_{0};
  std::atomic<std::uint64_t> state_{~std::uint64_t{0}};
  std::atomic<std::uint64_t> epoch_{0};
};

}  // namespace poblysh::store
