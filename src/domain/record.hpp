// domain: a record's fields named once, in order, for the code that goes through all of them
// (the store's rows, the API's bodies and answers, trimming), and the record around them.
#pragma once

#include <cstdint>
#include <tuple>
#include <type_traits>

#include "core/clock.hpp"

namespace poblysh::domain {

template <typename Fields, typename Value>
struct Field {
  const char* name;  // as the API and the table's column name it
  Value Fields::*member;
};

// Calls visit(name, value) for each field of `fields` in the order its field_list gives, which
// is the order of the table's columns. `field_list(std::type_identity<Fields>)` is found by ADL.
template <typename Fields, typename Visit>
void for_each_field(Fields& fields, Visit&& visit) {
  std::apply([&](const auto&... field) { (visit(field.name, fields.*(field.member)), ...); },
             field_list(std::type_identity<std::remove_const_t<Fields>>{}));
}

// What the store keeps around the fields a person can set: identity and timestamps.
template <typename Fields>
struct Record {
  std::int64_t id = 0;
  Fields fields;
  SystemTime created_at{};
  SystemTime updated_at{};
};

}  // namespace poblysh::domain
