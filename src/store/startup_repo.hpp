// store: startups and their contacts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/startup.hpp"
#include "store/database.hpp"

namespace poblysh::store {

class StartupRepo {
 public:
  Result<domain::Startup> insert(Connection& db, const domain::StartupFields& fields, SystemTime now);
  Result<domain::Startup> update(Connection& db, std::int64_t id, const domain::StartupFields& fields, SystemTime now);
  Result<std::optional<domain::Startup>> find(Connection& db, std::int64_t id);
  // Names containing `text` (case-insensitive); names starting with it come first.
  Result<Page<domain::Startup>> search(Connection& db, const std::string& text, const PageRequest& page);
};

struct ContactMatch {
  domain::Contact contact;
  std::string startup_name;
};

class ContactRepo {
 public:
  Result<domain::Contact> insert(Connection& db, std::int64_t startup_id, const domain::ContactFields& fields, SystemTime now);
  Result<domain::Contact> update(Connection& db, std::int64_t id, const domain::ContactFields& fields, SystemTime now);
  Result<std::optional<domain::Contact>> find(Connection& db, std::int64_t id);
  Result<std::optional<domain::Contact>> find_by_email(Connection& db, std::int64_t startup_id, const std::string& email);
  Result<Page<domain::Contact>> list_for_startup(Connection& db, std::int64_t startup_id, const PageRequest& page);
  // Across startups, by name or email.
  Result<Page<ContactMatch>> search(Connection& db, const std::string& text, const PageRequest& page);
};

}  // namespace poblysh::store
