#include "store/people_rows.hpp"

#include "core/time.hpp"

namespace poblysh::store::people_rows {

std::string qualified(std::string_view alias, std::string_view columns) {
  std::string out;
  while (!columns.empty()) {
    const auto comma = columns.find(", ");
    out.append(alias).append(".").append(columns.substr(0, comma));
    if (comma == std::string_view::npos) break;
    out += ", ";
    columns.remove_prefix(comma + 2);
  }
  return out;
}

namespace {

void read(const Row& row, std::size_t column, std::string& value) { value = row.text(column); }
void read(const Row& row, std::size_t column, std::optional<std::string>& value) { value = row.optional_text(column); }
void read(const Row& row, std::size_t column, std::optional<std::int64_t>& value) {
  value = row.optional_integer(column);
}
void read(const Row& row, std::size_t column, bool& value) { value = row.boolean(column); }

// Reads "id, <the fields in field_list order>, created_at, updated_at" from column `first`;
// answers the column after them.
template <typename Fields>
std::size_t read_record(const Row& row, std::size_t first, domain::Record<Fields>& record) {
  record.id = row.integer(first);
  std::size_t column = first + 1;
  domain::for_each_field(record.fields, [&](const char*, auto& value) { read(row, column++, value); });
  record.created_at = from_unix_ms(row.integer(column));
  record.updated_at = from_unix_ms(row.integer(column + 1));
  return column + 2;
}

}  // namespace

domain::Startup startup(const Row& row, std::size_t first) {
  domain::Startup startup;
  read_record(row, first, startup);
  return startup;
}

domain::Contact contact(const Row& row, std::size_t first) {
  domain::Contact contact;
  contact.startup_id = row.integer(read_record(row, first, contact));
  return contact;
}

domain::TeamMember team_member(const Row& row, std::size_t first) {
  domain::TeamMember member;
  read_record(row, first, member);
  return member;
}

}  // namespace poblysh::store::people_rows
