// domain: people who sign in (admins manage the team; members schedule and view).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::domain {

enum class Role { admin, member };
const char* role_name(Role role);
std::optional<Role> parse_role(std::string_view text);

struct User {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::member;
  bool active = true;
  SystemTime created_at{};
  SystemTime updated_at{};
};

struct NewUser {
  std::string email;
  std::string name;
  Role role = Role::member;
};
Status validate(const NewUser& user);
Status validate_password(const std::string& password);

}  // namespace poblysh::domain
