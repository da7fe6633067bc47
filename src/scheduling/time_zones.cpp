#include "scheduling/time_zones.hpp"

#include <date/tz.h>

namespace poblysh::scheduling {
namespace {

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

bool is_valid_time_zone(const std::string& name) { return !name.empty() && find_zone(name) != nullptr; }

LocalTime in_zone(SystemTime time, const std::string& zone_name) {
  const auto* zone = find_zone(zone_name);
  if (!zone) zone = date::locate_zone("UTC");
  const auto zoned = date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(time));
  LocalTime out;
  out.zone = zone->name();
  out.local = date::format("%FT%T%Ez", zoned);
  out.display = date::format("%a %d %b %Y, %H:%M %Z", zoned);
  return out;
}

}  // namespace poblysh::scheduling
