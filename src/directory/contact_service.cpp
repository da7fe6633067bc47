#include "directory/contact_service.hpp"

namespace poblysh::directory {

ContactService::ContactService(store::Database& db, store::StartupRepo& startups, store::ContactRepo& contacts,
                               const Clock& clock)
    : db_(db), startups_(startups), contacts_(contacts), clock_(clock) {}

Result<store::Page<domain::Contact>> ContactService::list_for_startup(std::int64_t startup_id,
                                                                      const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) -> Result<store::Page<domain::Contact>> {
    RETURN_IF_ERROR(store::found(startups_.find(db, startup_id), "startup"));
    return contacts_.list_for_startup(db, startup_id, page);
  });
}

Result<store::Page<store::ContactMatch>> ContactService::search(const std::string& text,
                                                                const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) { return contacts_.search(db, text, page); });
}

Result<domain::Contact> ContactService::get(std::int64_t id) {
  return store::read_with(db_, [&](store::Connection& db) { return store::found(contacts_.find(db, id), "contact"); });
}

Result<domain::Contact> ContactService::create(std::int64_t startup_id, domain::ContactFields fields) {
  return store::transact(db_, [&](store::Connection& db) -> Result<domain::Contact> {
    ASSIGN_OR_RETURN(auto startup, store::found(startups_.find(db, startup_id), "startup"));
    ASSIGN_OR_RETURN(auto valid, domain::validated(fields, startup.fields.name));
    return contacts_.insert(db, startup_id, valid, clock_.now());
  });
}

Result<domain::Contact> ContactService::update(std::int64_t id, const Patch<domain::ContactFields>& patch) {
  return store::transact(db_, [&](store::Connection& db) -> Result<domain::Contact> {
    ASSIGN_OR_RETURN(auto current, store::found(contacts_.find(db, id), "contact"));
    ASSIGN_OR_RETURN(auto startup, store::found(startups_.find(db, current.startup_id), "startup"));
    RETURN_IF_ERROR(patch(current.fields));
    ASSIGN_OR_RETURN(auto valid, domain::validated(std::move(current.fields), startup.fields.name));
    return contacts_.update(db, id, valid, clock_.now());
  });
}

}  // namespace poblysh::directory
