// store/sqlite: a number that moves whenever anyone commits to the database file.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

#include "store/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace poblysh::store {

// SQLite's `PRAGMA data_version` changes, on a connection, whenever another connection — in
// this process or another one — has committed since that connection last looked. This class
// keeps one read-only connection that never writes, so every commit moves its counter; reading
// it is a few microseconds (a check of the WAL index, no file I/O). Once it has returned a
// value, a read transaction begun afterwards sees every commit that value reflects.
class SqliteChangeCounter final : public ChangeCounter {
 public:
  explicit SqliteChangeCounter(const std::string& path);  // throws when the file cannot be opened
  ~SqliteChangeCounter() override;
  SqliteChangeCounter(const SqliteChangeCounter&) = delete;
  SqliteChangeCounter& operator=(const SqliteChangeCounter&) = delete;

  // nullopt when SQLite could not answer (the caller then must not rely on it).
  std::optional<std::uint64_t> value() override;

 private:
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace poblysh::store
