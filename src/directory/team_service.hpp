// directory: Poblysh's team — the members who can be assigned to interviews.
#pragma once

#include <cstdint>

#include "core/clock.hpp"
#include "directory/record_edits.hpp"
#include "domain/team_member.hpp"
#include "store/database.hpp"
#include "store/team_member_repo.hpp"

namespace poblysh::directory {

class TeamService {
 public:
  TeamService(store::Database& db, store::TeamMemberRepo& members, const Clock& clock);

  // By name; active or not, and matching text, as the filter asks.
  Result<store::Page<domain::TeamMember>> list(const store::TeamMemberFilter& filter, const store::PageRequest& page);
  Result<domain::TeamMember> get(std::int64_t id);
  Result<domain::TeamMember> create(domain::TeamMemberFields fields);

  // Applied once the member is found (directory/record_edits.hpp).
  Result<domain::TeamMember> update(std::int64_t id, const Patch<domain::TeamMemberFields>& patch);
  // No member is ever deleted: the interviews they were on keep their people.
  Result<domain::TeamMember> deactivate(std::int64_t id);

 private:
  store::Database& db_;
  store::TeamMemberRepo& members_;
  const Clock& clock_;
};

}  // namespace poblysh::directory
