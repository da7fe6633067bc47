// scheduling: meeting time zones (IANA names, checked against the tz database) and local times.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "notify/zone_time.hpp"

namespace poblysh::scheduling {

bool is_valid_time_zone(const std::string& name);

using LocalTime = notify::ZonedTime;

// `zone` must be valid (see is_valid_time_zone); an unknown zone falls back to UTC.
LocalTime in_zone(SystemTime time, const std::string& zone);

}  // namespace poblysh::scheduling
