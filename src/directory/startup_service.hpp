// directory: startups — searched, read as the startup's page shows it, created and edited.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "directory/record_edits.hpp"
#include "domain/startup.hpp"
#include "store/database.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"

namespace poblysh::directory {

// A startup with the people and interviews its page lists (the first of each, by name and in
// the interview list's order).
struct StartupRecord {
  domain::Startup startup;
  std::vector<domain::Contact> contacts;
  std::vector<store::InterviewRow> interviews;
};

class StartupService {
 public:
  // How many contacts and interviews a record holds at most.
  static constexpr int kRecordContacts = 200;
  static constexpr int kRecordInterviews = 100;

  StartupService(store::Database& db, store::StartupRepo& startups, store::ContactRepo& contacts,
                 store::InterviewRepo& interviews, const Clock& clock);

  // By name, those whose name contains `text` (whatever its case).
  Result<store::Page<domain::Startup>> search(const std::string& text, const store::PageRequest& page);
  Result<StartupRecord> record(std::int64_t id);
  Result<domain::Startup> create(domain::StartupFields fields);

  // Applied once the startup is found (directory/record_edits.hpp).
  Result<domain::Startup> update(std::int64_t id, const Patch<domain::StartupFields>& patch);

 private:
  store::Database& db_;
  store::StartupRepo& startups_;
  store::ContactRepo& contacts_;
  store::InterviewRepo& interviews_;
  const Clock& clock_;
};

}  // namespace poblysh::directory
