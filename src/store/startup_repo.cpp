#include "store/startup_repo.hpp"

#include "core/time.hpp"
#include "store/people_rows.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr std::string_view kColumns = people_rows::kStartupColumns;

domain::Startup from_row(const Row& row) { return people_rows::startup(row); }

}  // namespace

Result<domain::Startup> StartupRepo::insert(Connection& db, const domain::StartupFields& fields, SystemTime now) {
  static const std::string kSql =
      "INSERT INTO startups (name, name_sort, website, description, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING " +
      std::string(kColumns);
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, {fields.name, domain::sort_key(fields.name), fields.website,
                                              fields.description, to_unix_ms(now), to_unix_ms(now)}));
  return from_row(rows.front());
}

Result<domain::Startup> StartupRepo::update(Connection& db, std::int64_t id, const domain::StartupFields& fields,
                                            SystemTime now) {
  static const std::string kSql =
      "UPDATE startups SET name = ?, name_sort = ?, website = ?, description = ?, "
      "updated_at = ? WHERE id = ? RETURNING " +
      std::string(kColumns);
  const auto name_sort = domain::sort_key(fields.name);
  ASSIGN_OR_RETURN(auto rows,
                   db.query(kSql, {fields.name, name_sort, fields.website, fields.description, to_unix_ms(now), id}));
  if (rows.empty()) return fail(ErrorCode::not_found, "This startup does not exist.");
  // Its interviews repeat the sort name for the list's search (migration 0008).
  RETURN_IF_ERROR(
      db.execute("UPDATE interviews SET startup_name_sort = ? WHERE startup_id = ? AND startup_name_sort <> ?",
                 {name_sort, id, name_sort}));
  return from_row(rows.front());
}

Result<std::optional<domain::Startup>> StartupRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM startups WHERE id = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id}));
  return if_found(row, from_row);
}

Result<Page<domain::Startup>> StartupRepo::search(Connection& db, const std::string& text, const PageRequest& page) {
  // Keyset order is (name_sort, id) so pages stay stable while startups are added.
  static const std::string kSql = "SELECT " + std::string(kColumns) +
                                  " FROM startups "
                                  "WHERE name_sort LIKE ? ESCAPE '\\' "
                                  "AND (CAST(? AS TEXT) IS NULL OR name_sort > ? OR (name_sort = ? AND id > ?)) "
                                  "ORDER BY name_sort, id LIMIT ?";
  const Value after_key = optional_value(page.after_key);
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, {contains_pattern(text), after_key, after_key, after_key,
                                              page.after_id.value_or(0), std::int64_t{page.limit + 1}}));
  return page_of(rows, page.limit, from_row);
}

}  // namespace poblysh::store
