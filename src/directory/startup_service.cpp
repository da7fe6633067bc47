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
  return create_record(db_, startups_, std::move(fields), clock_);
}

Result<domain::Startup> StartupService::update(std::int64_t id, const Patch<domain::StartupFields>& patch) {
  return update_record(db_, startups_, "startup", id, patch, clock_);
}

}  // namespace poblysh::directory
