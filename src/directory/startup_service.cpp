#include "directory/startup_service.hpp"

namespace poblysh::directory {

StartupService::StartupService(store::Database& db, store::StartupRepo& startups, store::ContactRepo& contacts,
                               store::InterviewRepo& interviews, const Clock& clock)
    : db_(db), startups_(startups), contacts_(contacts), interviews_(interviews), clock_(clock) {}

Result<store::Page<domain::Startup>> StartupService::search(const std::string& text, const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) { return startups_.search(db, text, page); });
}

Result<StartupRecord> StartupService::record(std::int64_t id) {
  return store::read_with(db_, [&](store::Connection& db) -> Result<StartupRecord> {
    StartupRecord record;
    ASSIGN_OR_RETURN(record.startup, store::found(startups_.find(db, id), "startup"));
    ASSIGN_OR_RETURN(auto contacts, contacts_.list_for_startup(db, id, store::PageRequest{kRecordContacts, {}, {}}));
    record.contacts = std::move(contacts.items);
    store::InterviewFilter filter;
    filter.startup_id = id;
    ASSIGN_OR_RETURN(auto interviews, interviews_.list(db, filter, store::PageRequest{kRecordInterviews, {}, {}}));
    record.interviews = std::move(interviews.items);
    return record;
  });
}

Result<domain::Startup> StartupService::create(domain::StartupFields fields) {
  ASSIGN_OR_RETURN(auto valid, domain::validated(std::move(fields)));
  return store::transact(db_, [&](store::Connection& db) { return startups_.insert(db, valid, clock_.now()); });
}

Result<domain::Startup> StartupService::update(std::int64_t id, const Patch& patch) {
  return store::transact(db_, [&](store::Connection& db) -> Result<domain::Startup> {
    ASSIGN_OR_RETURN(auto current, store::found(startups_.find(db, id), "startup"));
    RETURN_IF_ERROR(patch(current.fields));
    ASSIGN_OR_RETURN(auto valid, domain::validated(std::move(current.fields)));
    return startups_.update(db, id, valid, clock_.now());
  });
}

}  // namespace poblysh::directory
