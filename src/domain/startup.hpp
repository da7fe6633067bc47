// domain: the startups Poblysh interviews, and the people there we talk to.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/record.hpp"

namespace poblysh::domain {

struct StartupFields {
  std::string name;
  std::string website;
  std::string description;
};

constexpr auto field_list(std::type_identity<StartupFields>) {
  using F = StartupFields;
  return std::tuple{Field{"name", &F::name}, Field{"website", &F::website}, Field{"description", &F::description}};
}

using Startup = Record<StartupFields>;

Result<StartupFields> validated(StartupFields fields);

struct ContactFields {
  std::string name;
  std::string email;
  std::string title;
  std::string company;  // empty: the startup's name
  std::optional<std::string> phone;
};

constexpr auto field_list(std::type_identity<ContactFields>) {
  using F = ContactFields;
  return std::tuple{Field{"name", &F::name}, Field{"email", &F::email}, Field{"title", &F::title},
                    Field{"company", &F::company}, Field{"phone", &F::phone}};
}

struct Contact : Record<ContactFields> {
  std::int64_t startup_id = 0;
};

// `startup_name` fills an empty company, the usual case.
Result<ContactFields> validated(ContactFields fields, const std::string& startup_name);

}  // namespace poblysh::domain
