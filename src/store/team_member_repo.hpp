// store: team members.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/team_member.hpp"
#include "store/database.hpp"

namespace poblysh::store {

struct TeamMemberFilter {
  std::optional<bool> active;
  std::string text;  // matches name, email or role, case-insensitively
};

class TeamMemberRepo {
 public:
  Result<domain::TeamMember> insert(Connection& db, const domain::TeamMemberFields& fields, SystemTime now);
  Result<domain::TeamMember> update(Connection& db, std::int64_t id, const domain::TeamMemberFields& fields, SystemTime now);
  Result<std::optional<domain::TeamMember>> find(Connection& db, std::int64_t id);
  // Several members in one query (an interview's team), in the order of `ids`; ids that name no
  // member are left out.
  Result<std::vector<domain::TeamMember>> find_many(Connection& db, const std::vector<std::int64_t>& ids);
  Result<Page<domain::TeamMember>> list(Connection& db, const TeamMemberFilter& filter, const PageRequest& page);
};

}  // namespace poblysh::store
