// scheduling: meeting time zones (IANA names, checked against the tz database) and local times.
#pragma once

#include <string>

#include "core/clock.hpp"

namespace poblysh::scheduling {

bool is_valid_time_zone(const std::string& name);

struct LocalTime {
  std::string local;      // "2026-03-29T03:30:00+02:00"
  std::string display;    // "Sun 29 Mar 2026, 03:30 CEST"
  std::string zone;       // "Europe/Berlin"
};

// `zone` must be valid (see is_valid_time_zone); an unknown zone falls back to UTC.
LocalTime in_zone(SystemTime time, const std::string& zone);

}  // namespace poblysh::scheduling
