// domain: the startups Poblysh interviews, and the people there we talk to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::domain {

struct StartupFields {
  std::string name;
  std::string website;
  std::string description;
};

struct Startup {
  std::int64_t id = 0;
  StartupFields fields;
  SystemTime created_at{};
  SystemTime updated_at{};
};

Result<StartupFields> validated(StartupFields fields);

struct ContactFields {
  std::string name;
  std::string email;
  std::string title;
  std::string company;  // empty: the startup's name
  std::optional<std::string> phone;
};

struct Contact {
  std::int64_t id = 0;
  std::int64_t startup_id = 0;
  ContactFields fields;
  SystemTime created_at{};
  SystemTime updated_at{};
};

// `startup_name` fills an empty company, the usual case.
Result<ContactFields> validated(ContactFields fields, const std::string& startup_name);

}  // namespace poblysh::domain
