#include "store/team_member_repo.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "domain/validation.hpp"
#include "store/people_rows.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr std::string_view kColumns = people_rows::kTeamMemberColumns;

domain::TeamMember from_row(const Row& row) { return people_rows::team_member(row); }

Error email_taken(const std::string& email) {
  Error error{ErrorCode::conflict, "A team member with the email " + email + " already exists.", {}, {}, {}};
  error.fields.emplace("email", "is already used by another team member");
  return error;
}

// The columns insert and update both write, in their statements' order.
std::vector<Value> field_values(const domain::TeamMemberFields& fields) {
  return {fields.name,
          domain::sort_key(fields.name),
          fields.email,
          domain::normalize_email(fields.email),
          fields.role,
          optional_value(fields.calcom_user_id),
          optional_value(fields.calcom_username),
          std::int64_t{fields.active ? 1 : 0}};
}

// Insert's or update's statement: the fields' values, then `after` them; a taken email says so.
Result<std::vector<Row>> write_fields(Connection& db, const std::string& sql, const domain::TeamMemberFields& fields,
                                      std::initializer_list<Value> after) {
  auto params = field_values(fields);
  params.insert(params.end(), after);
  return email_taken_on_conflict(db.query(sql, params), [&] { return email_taken(fields.email); });
}

}  // namespace

Result<domain::TeamMember> TeamMemberRepo::insert(Connection& db, const domain::TeamMemberFields& fields,
                                                  SystemTime now) {
  static const std::string kSql =
      "INSERT INTO team_members (name, name_sort, email, email_normalized, role, "
      "calcom_user_id, calcom_username, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " +
      std::string(kColumns);
  ASSIGN_OR_RETURN(auto rows, write_fields(db, kSql, fields, {to_unix_ms(now), to_unix_ms(now)}));
  return from_row(rows.front());
}

Result<domain::TeamMember> TeamMemberRepo::update(Connection& db, std::int64_t id,
                                                  const domain::TeamMemberFields& fields, SystemTime now) {
  static const std::string kSql =
      "UPDATE team_members SET name = ?, name_sort = ?, email = ?, email_normalized = ?, "
      "role = ?, calcom_user_id = ?, calcom_username = ?, active = ?, updated_at = ? "
      "WHERE id = ? RETURNING " +
      std::string(kColumns);
  ASSIGN_OR_RETURN(auto rows, write_fields(db, kSql, fields, {to_unix_ms(now), id}));
  if (rows.empty()) return fail(ErrorCode::not_found, "This team member does not exist.");
  return from_row(rows.front());
}

Result<std::optional<domain::TeamMember>> TeamMemberRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM team_members WHERE id = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id}));
  return if_found(row, from_row);
}

Result<std::vector<domain::TeamMember>> TeamMemberRepo::find_many(Connection& db,
                                                                  const std::vector<std::int64_t>& ids) {
  std::vector<domain::TeamMember> out;
  if (ids.empty()) return out;
  if (db.dialect() == Dialect::sqlite) {
    // An IN list of bound values makes SQLite build a temporary index of them on every run,
    // which costs more than the two or three point lookups of an interview's team (and this
    // runs in the writer's serial section for every webhook that sends email).
    for (auto id : ids) {
      ASSIGN_OR_RETURN(auto member, find(db, id));
      if (member) out.push_back(std::move(*member));
    }
    return out;
  }
  std::string sql = "SELECT " + std::string(kColumns) + " FROM team_members WHERE id IN (?";
  for (std::size_t i = 1; i < ids.size(); ++i) sql += ", ?";
  sql += ")";
  ASSIGN_OR_RETURN(auto rows, db.query(sql, std::vector<Value>(ids.begin(), ids.end())));
  std::vector<domain::TeamMember> found;
  for (const auto& row : rows) found.push_back(from_row(row));
  for (auto id : ids) {
    auto it = std::find_if(found.begin(), found.end(), [id](const auto& member) { return member.id == id; });
    if (it != found.end()) out.push_back(*it);
  }
  return out;
}

Result<Page<domain::TeamMember>> TeamMemberRepo::list(Connection& db, const TeamMemberFilter& filter,
                                                      const PageRequest& page) {
  static const std::string kSql = "SELECT " + std::string(kColumns) +
                                  " FROM team_members "
                                  "WHERE (CAST(? AS BIGINT) IS NULL OR active = ?) "
                                  "AND (? = '' OR name_sort LIKE ? ESCAPE '\\' OR email_normalized LIKE ? ESCAPE '\\' "
                                  "OR LOWER(role) LIKE ? ESCAPE '\\') "
                                  "AND (CAST(? AS TEXT) IS NULL OR name_sort > ? OR (name_sort = ? AND id > ?)) "
                                  "ORDER BY name_sort, id LIMIT ?";
  const Value active = filter.active ? Value(std::int64_t{*filter.active ? 1 : 0}) : null_value();
  const std::string pattern = contains_pattern(filter.text);
  const Value after_key = optional_value(page.after_key);
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, {active, active, filter.text.empty() ? std::string() : pattern, pattern,
                                              pattern, pattern, after_key, after_key, after_key,
                                              page.after_id.value_or(0), std::int64_t{page.limit + 1}}));
  return page_of(rows, page.limit, from_row);
}

}  // namespace poblysh::store
