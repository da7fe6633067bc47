#include "domain/team_member.hpp"

#include <cctype>

#include "domain/validation.hpp"

namespace poblysh::domain {

Result<TeamMemberFields> validated(TeamMemberFields fields) {
  trim_text_fields(fields);
  FieldErrors errors;
  errors.require_text("name", fields.name, 200);
  errors.require_email("email", fields.email);
  errors.require_text("role", fields.role, 100);
  if (fields.calcom_user_id && *fields.calcom_user_id <= 0) {
    errors.add("calcom_user_id", "must be a positive number");
  }
  if (fields.calcom_username) {
    for (char c : *fields.calcom_username) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
        errors.add("calcom_username", "may contain only letters, digits, '-', '_' and '.'");
        break;
      }
    }
    if (fields.calcom_username->size() > 100) errors.add("calcom_username", "must be at most 100 characters");
  }
  RETURN_IF_ERROR(errors.result());
  return fields;
}

}  // namespace poblysh::domain
