#include "scheduling/time_zones.hpp"

#include <array>

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

// Writes `value` as `width` decimal digits, zero-padded, at `at`.
void put_digits(std::string& out, std::size_t at, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
}

// The same text as date::format("%FT%T%Ez") and ("%a %d %b %Y, %H:%M %Z"), without the
// ostringstream and locale each of those builds per call: an interview's detail formats four
// zoned times, and that was a third of its rendering. Offsets with seconds (local mean time
// before ~1972) are left to date::format, which has its own way of writing them.
bool format_fast(date::sys_seconds time, const date::sys_info& info, LocalTime& out) {
  using namespace std::chrono;
  const auto offset = info.offset.count();
  if (offset % 60 != 0) return false;
  const auto local = time + info.offset;
  const auto day = floor<days>(local);
  const year_month_day date{day};
  const hh_mm_ss clock{local - day};
  const int year = static_cast<int>(date.year());
  if (year < 1000 || year > 9999) return false;
  const auto month = static_cast<unsigned>(date.month());
  const auto hours = static_cast<unsigned>(clock.hours().count());
  const auto minutes = static_cast<unsigned>(clock.minutes().count());
  const auto offset_minutes = static_cast<unsigned>((offset < 0 ? -offset : offset) / 60);

  out.local.assign("0000-00-00T00:00:00+00:00");
  put_digits(out.local, 0, static_cast<unsigned>(year), 4);
  put_digits(out.local, 5, month, 2);
  put_digits(out.local, 8, static_cast<unsigned>(date.day()), 2);
  put_digits(out.local, 11, hours, 2);
  put_digits(out.local, 14, minutes, 2);
  put_digits(out.local, 17, static_cast<unsigned>(clock.seconds().count()), 2);
  out.local[19] = offset < 0 ? '-' : '+';
  put_digits(out.local, 20, offset_minutes / 60, 2);
  put_digits(out.local, 23, offset_minutes % 60, 2);

  // The C locale's names, as date::format writes them.
  static constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  out.display.assign("Www 00 Mmm 0000, 00:00 ");
  out.display.replace(0, 3, kWeekdays[weekday{day}.c_encoding()]);
  put_digits(out.display, 4, static_cast<unsigned>(date.day()), 2);
  out.display.replace(7, 3, kMonths[month - 1]);
  put_digits(out.display, 11, static_cast<unsigned>(year), 4);
  put_digits(out.display, 17, hours, 2);
  put_digits(out.display, 20, minutes, 2);
  out.display += info.abbrev;
  return true;
}

}  // namespace

bool is_valid_time_zone(const std::string& name) { return !name.empty() && find_zone(name) != nullptr; }

LocalTime in_zone(SystemTime time, const std::string& zone_name) {
  const auto* zone = find_zone(zone_name);
  if (!zone) zone = date::locate_zone("UTC");
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  LocalTime out;
  out.zone = zone->name();
  if (format_fast(seconds, zone->get_info(seconds), out)) return out;
  const auto zoned = date::make_zoned(zone, seconds);
  out.local = date::format("%FT%T%Ez", zoned);
  out.display = date::format("%a %d %b %Y, %H:%M %Z", zoned);
  return out;
}

}  // namespace poblysh::scheduling
