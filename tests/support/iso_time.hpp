// Test support: a moment written as ISO 8601 text, so that a test reads like the times it is about.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace poblysh::testing {

// The moment `iso` names ("2026-03-29T08:00:00Z"); a test's own malformed time throws.
inline SystemTime at(std::string_view iso) {
  auto parsed = parse_iso8601(iso);
  if (!parsed) throw std::invalid_argument("not an ISO 8601 time: " + std::string(iso));
  return *parsed;
}

}  // namespace poblysh::testing
