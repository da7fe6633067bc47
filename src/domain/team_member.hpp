// domain: Poblysh staff who can be assigned to interviews.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/record.hpp"

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

constexpr auto field_list(std::type_identity<TeamMemberFields>) {
  using F = TeamMemberFields;
  return std::tuple{Field{"name", &F::name},
                    Field{"email", &F::email},
                    Field{"role", &F::role},
                    Field{"calcom_user_id", &F::calcom_user_id},
                    Field{"calcom_username", &F::calcom_username},
                    Field{"active", &F::active}};
}

using TeamMember = Record<TeamMemberFields>;

// Trims text and checks every field; answers all problems at once.
Result<TeamMemberFields> validated(TeamMemberFields fields);

}  // namespace poblysh::domain
