// store: the numbered schema migrations (migrations/NNNN_name.sql, embedded at build time).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace poblysh::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// In version order. Generated from src/store/migrations/*.sql by CMake.
const std::vector<Migration>& migrations();

// The schema is written once for both databases; the few dialect differences are tokens:
//   @ID_PK@   an auto-generated 64-bit primary key
// A migration whose first line is kSqliteOnly renders empty for PostgreSQL (its version is still
// recorded there). In it, @NEXT_SCHEMA_VERSION@ is the file's schema cookie plus one, which
// SqliteDatabase::migrate fills in when it runs the script: an in-place edit of a table's
// definition must move the cookie for other connections to read it again.
std::string render_migration(std::string_view sql, Dialect dialect);

inline constexpr std::string_view kSqliteOnly = "-- sqlite only\n";
inline constexpr std::string_view kNextSchemaVersion = "@NEXT_SCHEMA_VERSION@";

inline constexpr std::string_view kSchemaVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

}  // namespace poblysh::store
