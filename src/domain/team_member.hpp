// domain: Poblysh staff who can be assigned to interviews.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::domain {

// What a person can set; the record adds identity and timestamps.
struct TeamMemberFields {
  std::string name;
  std::string email;
  std::string role;  // a job title such as "Editor" or "Head of Research"
  std::optional<std::int64_t> calcom_user_id;
  std::optional<std::string> calcom_username;
  bool active = true;
};

struct TeamMember {
  std::int64_t id = 0;
  TeamMemberFields fields;
  SystemTime created_at{};
  SystemTime updated_at{};
};

// Trims text and checks every field; answers all problems at once.
Result<TeamMemberFields> validated(TeamMemberFields fields);

}  // namespace poblysh::domain
