// core: meeting times as people read them, in an IANA time zone (system tz database).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace poblysh {

// Whether `zone` names a zone in the tz database ("Europe/Berlin", "UTC").
bool is_known_zone(std::string_view zone);

// An instant as read in a zone.
struct ZonedTime {
  std::string local;    // "2026-03-29T03:30:00+02:00"
  std::string display;  // "Sun 29 Mar 2026, 03:30 CEST"
  std::string zone;     // "Europe/Berlin"
};

// nullopt when the zone is unknown. Written digit by digit (date::format builds a stream and a
// locale per call; subjects are written in the database's writer, and a detail shows four times).
std::optional<ZonedTime> zoned_time(SystemTime time, std::string_view zone);

// The same, in UTC when `zone` is unknown (check it with is_known_zone first where a wrong zone
// is the user's mistake).
ZonedTime in_zone(SystemTime time, std::string_view zone);

// "Monday 30 March 2026, 10:00–11:00 CEST (Europe/Berlin)"; when the range crosses midnight
// in that zone both dates are shown. nullopt when the zone is unknown.
std::optional<std::string> describe_range(SystemTime start, SystemTime end, std::string_view zone);

// "Mon 30 Mar 2026 10:00 CEST", for subject lines. nullopt when the zone is unknown.
std::optional<std::string> describe_short(SystemTime time, std::string_view zone);

}  // namespace poblysh
