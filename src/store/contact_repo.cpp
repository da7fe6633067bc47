#include "core/time.hpp"
#include "store/people_rows.hpp"
#include "store/sql_helpers.hpp"
#include "store/startup_repo.hpp"

namespace poblysh::store {
namespace {

const std::string kContactColumns = people_rows::qualified("c", people_rows::kContactColumns);
// With the startup's name, which search results show.
const std::string kColumns = kContactColumns + ", s.name";

domain::Contact from_row(const Row& row) { return people_rows::contact(row); }

Error email_taken(const std::string& email) {
  Error error{ErrorCode::conflict, "This startup already has a contact with the email " + email + ".", {}, {}, {}};
  error.fields.emplace("email", "is already used by another contact of this startup");
  return error;
}

const std::string kSelect = "SELECT " + kColumns + " FROM contacts c JOIN startups s ON s.id = c.startup_id ";
// One contact, without its startup's row (an interview's detail and every webhook read one).
const std::string kSelectContact = "SELECT " + kContactColumns + " FROM contacts c ";

}  // namespace

Result<domain::Contact> ContactRepo::insert(Connection& db, std::int64_t startup_id,
                                            const domain::ContactFields& fields, SystemTime now) {
  static const std::string kSql =
      "INSERT INTO contacts (startup_id, name, name_sort, email, email_normalized, title, "
      "company, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "RETURNING id";
  auto inserted = db.query(kSql, {startup_id, fields.name, domain::sort_key(fields.name), fields.email,
                                  domain::normalize_email(fields.email), fields.title, fields.company,
                                  optional_value(fields.phone), to_unix_ms(now), to_unix_ms(now)});
  ASSIGN_OR_RETURN(auto rows, email_taken_on_conflict(std::move(inserted), [&] { return email_taken(fields.email); }));
  ASSIGN_OR_RETURN(auto found, find(db, rows.front().integer(0)));
  return *found;
}

Result<domain::Contact> ContactRepo::update(Connection& db, std::int64_t id, const domain::ContactFields& fields,
                                            SystemTime now) {
  static const std::string kSql =
      "UPDATE contacts SET name = ?, name_sort = ?, email = ?, email_normalized = ?, "
      "title = ?, company = ?, phone = ?, updated_at = ? WHERE id = ?";
  auto updated =
      db.execute(kSql, {fields.name, domain::sort_key(fields.name), fields.email, domain::normalize_email(fields.email),
                        fields.title, fields.company, optional_value(fields.phone), to_unix_ms(now), id});
  ASSIGN_OR_RETURN(auto changed,
                   email_taken_on_conflict(std::move(updated), [&] { return email_taken(fields.email); }));
  if (changed == 0) return fail(ErrorCode::not_found, "This contact does not exist.");
  ASSIGN_OR_RETURN(auto found, find(db, id));
  return *found;
}

Result<std::optional<domain::Contact>> ContactRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = kSelectContact + "WHERE c.id = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id}));
  return if_found(row, from_row);
}

Result<std::optional<domain::Contact>> ContactRepo::find_by_email(Connection& db, std::int64_t startup_id,
                                                                  const std::string& email) {
  static const std::string kSql = kSelectContact + "WHERE c.startup_id = ? AND c.email_normalized = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {startup_id, domain::normalize_email(email)}));
  return if_found(row, from_row);
}

Result<Page<domain::Contact>> ContactRepo::list_for_startup(Connection& db, std::int64_t startup_id,
                                                            const PageRequest& page) {
  static const std::string kSql = kSelect +
                                  "WHERE c.startup_id = ? "
                                  "AND (CAST(? AS TEXT) IS NULL OR c.name_sort > ? OR (c.name_sort = ? AND c.id > ?)) "
                                  "ORDER BY c.name_sort, c.id LIMIT ?";
  const Value after_key = optional_value(page.after_key);
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, {startup_id, after_key, after_key, after_key, page.after_id.value_or(0),
                                              std::int64_t{page.limit + 1}}));
  return page_of(rows, page.limit, from_row);
}

Result<Page<ContactMatch>> ContactRepo::search(Connection& db, const std::string& text, const PageRequest& page) {
  static const std::string kSql = kSelect +
                                  "WHERE (c.name_sort LIKE ? ESCAPE '\\' OR c.email_normalized LIKE ? ESCAPE '\\') "
                                  "AND (CAST(? AS TEXT) IS NULL OR c.name_sort > ? OR (c.name_sort = ? AND c.id > ?)) "
                                  "ORDER BY c.name_sort, c.id LIMIT ?";
  const auto pattern = contains_pattern(text);
  const Value after_key = optional_value(page.after_key);
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, {pattern, pattern, after_key, after_key, after_key,
                                              page.after_id.value_or(0), std::int64_t{page.limit + 1}}));
  return page_of(rows, page.limit, [](const Row& row) {
    return ContactMatch{from_row(row), row.text(people_rows::kContactColumnCount)};
  });
}

}  // namespace poblysh::store
