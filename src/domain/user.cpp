#include "domain/user.hpp"

#include "domain/validation.hpp"

namespace poblysh::domain {

const char* role_name(Role role) { return role == Role::admin ? "admin" : "member"; }

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::admin;
  if (text == "member") return Role::member;
  return std::nullopt;
}

Status validate(const NewUser& user) {
  FieldErrors errors;
  errors.require_email("email", user.email);
  errors.require_text("name", user.name, 200);
  return errors.result();
}

Status validate_password(const std::string& password) {
  FieldErrors errors;
  if (password.size() < 12) errors.add("password", "must be at least 12 characters");
  else if (password.size() > 256) errors.add("password", "must be at most 256 characters");
  return errors.result();
}

}  // namespace poblysh::domain
