// core: an enum's names as one table read both ways, so a name and its parsing cannot disagree.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace poblysh {

template <class Enum>
struct EnumName {
  Enum value;
  const char* name;
};

// The name of `value`; `otherwise` for a value outside the table (only a corrupt one is).
template <class Enum, std::size_t N>
constexpr const char* name_in(const EnumName<Enum> (&names)[N], Enum value, const char* otherwise) {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return otherwise;
}

// The value called `name`; nullopt for a name outside the table.
template <class Enum, std::size_t N>
constexpr std::optional<Enum> value_in(const EnumName<Enum> (&names)[N], std::string_view name) {
  for (const auto& entry : names) {
    if (name == entry.name) return entry.value;
  }
  return std::nullopt;
}

}  // namespace poblysh
