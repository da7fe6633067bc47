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
// A line kSqliteOnly or kPostgresqlOnly starts a part for that database alone, up to the next
// such line or the end: a migration whose first line is kSqliteOnly renders empty for
// PostgreSQL (its version is still recorded there). In the SQLite part, @NEXT_SCHEMA_VERSION@ is
// the schema cookie when the script reaches it plus one, which SqliteDatabase::migrate fills in:
// an in-place edit of a table's definition must move the cookie for connections to read it again.
std::string render_migration(std::string_view sql, Dialect dialect);

inline constexpr std::string_view kSqliteOnly = "-- sqlite only\n";
inline constexpr std::string_view kPostgresqlOnly = "-- postgresql only\n";
inline constexpr std::string_view kNextSchemaVersion = "@NEXT_SCHEMA_VERSION@";

inline constexpr std::string_view kSchemaVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at BIGINT NOT NULL)";

}  // namespace poblysh::store
