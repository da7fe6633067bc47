#include "directory/team_service.hpp"

namespace poblysh::directory {

TeamService::TeamService(store::Database& db, store::TeamMemberRepo& members, const Clock& clock)
    : db_(db), members_(members), clock_(clock) {}

Result<store::Page<domain::TeamMember>> TeamService::list(const store::TeamMemberFilter& filter,
                                                          const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) { return members_.list(db, filter, page); });
}

Result<domain::TeamMember> TeamService::get(std::int64_t id) {
  return store::read_with(db_,
                          [&](store::Connection& db) { return store::found(members_.find(db, id), "team member"); });
}

Result<domain::TeamMember> TeamService::create(domain::TeamMemberFields fields) {
  return create_record(db_, members_, std::move(fields), clock_);
}

Result<domain::TeamMember> TeamService::update(std::int64_t id, const Patch<domain::TeamMemberFields>& patch) {
  return update_record(db_, members_, "team member", id, patch, clock_);
}

Result<domain::TeamMember> TeamService::deactivate(std::int64_t id) {
  return update(id, [](domain::TeamMemberFields& fields) -> Status {
    fields.active = false;
    return {};
  });
}

}  // namespace poblysh::directory
