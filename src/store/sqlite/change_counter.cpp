#include "store/sqlite/change_counter.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace poblysh::store {

SqliteChangeCounter::SqliteChangeCounter(const std::string& path) {
  // Read-only and never in a transaction: it must not hold a WAL snapshot or a lock between calls.
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, "PRAGMA data_version", -1, &statement_, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open SQLite database " + path + " to watch for changes: " + message);
  }
  sqlite3_busy_timeout(db_, 1000);
}

SqliteChangeCounter::~SqliteChangeCounter() {
  sqlite3_finalize(statement_);
  sqlite3_close(db_);
}

std::optional<std::uint64_t> SqliteChangeCounter::value() {
  std::lock_guard lock(mutex_);
  std::optional<std::uint64_t> out;
  if (sqlite3_step(statement_) == SQLITE_ROW) out = static_cast<std::uint64_t>(sqlite3_column_int64(statement_, 0));
  sqlite3_reset(statement_);
  return out;
}

}  // namespace poblysh::store
