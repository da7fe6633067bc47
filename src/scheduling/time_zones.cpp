#include "scheduling/time_zones.hpp"

namespace poblysh::scheduling {

bool is_valid_time_zone(const std::string& name) { return notify::is_known_zone(name); }

LocalTime in_zone(SystemTime time, const std::string& zone) {
  if (auto zoned = notify::zoned_time(time, zone)) return std::move(*zoned);
  return *notify::zoned_time(time, "UTC");
}

}  // namespace poblysh::scheduling
