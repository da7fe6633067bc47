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

domain::Startup startup(const Row& row, std::size_t first) {
  domain::Startup startup;
  startup.id = row.integer(first);
  startup.fields.name = row.text(first + 1);
  startup.fields.website = row.text(first + 2);
  startup.fields.description = row.text(first + 3);
  startup.created_at = from_unix_ms(row.integer(first + 4));
  startup.updated_at = from_unix_ms(row.integer(first + 5));
  return startup;
}

domain::Contact contact(const Row& row, std::size_t first) {
  domain::Contact contact;
  contact.id = row.integer(first);
  contact.startup_id = row.integer(first + 1);
  contact.fields.name = row.text(first + 2);
  contact.fields.email = row.text(first + 3);
  contact.fields.title = row.text(first + 4);
  contact.fields.company = row.text(first + 5);
  contact.fields.phone = row.optional_text(first + 6);
  contact.created_at = from_unix_ms(row.integer(first + 7));
  contact.updated_at = from_unix_ms(row.integer(first + 8));
  return contact;
}

domain::TeamMember team_member(const Row& row, std::size_t first) {
  domain::TeamMember member;
  member.id = row.integer(first);
  member.fields.name = row.text(first + 1);
  member.fields.email = row.text(first + 2);
  member.fields.role = row.text(first + 3);
  member.fields.calcom_user_id = row.optional_integer(first + 4);
  member.fields.calcom_username = row.optional_text(first + 5);
  member.fields.active = row.boolean(first + 6);
  member.created_at = from_unix_ms(row.integer(first + 7));
  member.updated_at = from_unix_ms(row.integer(first + 8));
  return member;
}

}  // namespace poblysh::store::people_rows
