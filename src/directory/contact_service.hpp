// directory: the people at startups we talk to — listed per startup, searched, added, edited.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "directory/record_edits.hpp"
#include "domain/startup.hpp"
#include "store/database.hpp"
#include "store/startup_repo.hpp"

namespace poblysh::directory {

class ContactService {
 public:
  ContactService(store::Database& db, store::StartupRepo& startups, store::ContactRepo& contacts, const Clock& clock);

  // A startup's contacts by name; not_found when there is no such startup.
  Result<store::Page<domain::Contact>> list_for_startup(std::int64_t startup_id, const store::PageRequest& page);
  // Across startups, by name or email, each with its startup's name.
  Result<store::Page<store::ContactMatch>> search(const std::string& text, const store::PageRequest& page);
  Result<domain::Contact> get(std::int64_t id);
  // Validated against the startup, whose name fills an empty company.
  Result<domain::Contact> create(std::int64_t startup_id, domain::ContactFields fields);

  // Applied once the contact and its startup are found, so a missing one is not_found whatever
  // the request says.
  Result<domain::Contact> update(std::int64_t id, const Patch<domain::ContactFields>& patch);

 private:
  store::Database& db_;
  store::StartupRepo& startups_;
  store::ContactRepo& contacts_;
  const Clock& clock_;
};

}  // namespace poblysh::directory
