#include "core/zone_time.hpp"

#include <date/tz.h>

#include <array>
#include <locale>
#include <stdexcept>

#include "core/time.hpp"

namespace poblysh {
namespace {

const date::time_zone* find_zone(std::string_view zone) {
  if (zone.empty()) return nullptr;
  try {
    return date::locate_zone(zone);
  } catch (const std::runtime_error&) {  // unknown name: the caller decides what to show
    return nullptr;
  }
}

// "Monday 30 March 2026": %d would give "03", which reads oddly in a sentence.
template <class Zoned>
std::string day_text(const std::locale& classic, const Zoned& time) {
  std::string day = date::format(classic, "%d", time);
  if (day.size() == 2 && day.front() == '0') day.erase(0, 1);
  return date::format(classic, "%A ", time) + day + date::format(classic, " %B %Y", time);
}

// The same text as date::format("%FT%T%Ez") and ("%a %d %b %Y, %H:%M %Z"). Offsets with seconds
// (local mean time before ~1972) are left to date::format, which has its own way of writing them.
bool format_fast(date::sys_seconds time, const date::sys_info& info, ZonedTime& out) {
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
  put_digits(out.local.data(), static_cast<unsigned>(year), 4);
  put_digits(out.local.data() + 5, month, 2);
  put_digits(out.local.data() + 8, static_cast<unsigned>(date.day()), 2);
  put_digits(out.local.data() + 11, hours, 2);
  put_digits(out.local.data() + 14, minutes, 2);
  put_digits(out.local.data() + 17, static_cast<unsigned>(clock.seconds().count()), 2);
  out.local[19] = offset < 0 ? '-' : '+';
  put_digits(out.local.data() + 20, offset_minutes / 60, 2);
  put_digits(out.local.data() + 23, offset_minutes % 60, 2);

  // The C locale's names, as date::format writes them.
  static constexpr std::array<const char*, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  out.display.assign("Www 00 Mmm 0000, 00:00 ");
  out.display.replace(0, 3, kWeekdays[weekday{day}.c_encoding()]);
  put_digits(out.display.data() + 4, static_cast<unsigned>(date.day()), 2);
  out.display.replace(7, 3, kMonths[month - 1]);
  put_digits(out.display.data() + 11, static_cast<unsigned>(year), 4);
  put_digits(out.display.data() + 17, hours, 2);
  put_digits(out.display.data() + 20, minutes, 2);
  out.display += info.abbrev;
  return true;
}

}  // namespace

std::optional<ZonedTime> zoned_time(SystemTime time, std::string_view zone_name) {
  const date::time_zone* zone = find_zone(zone_name);
  if (zone == nullptr) return std::nullopt;
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  ZonedTime out;
  out.zone = zone->name();
  if (format_fast(seconds, zone->get_info(seconds), out)) return out;
  const auto zoned = date::make_zoned(zone, seconds);
  out.local = date::format("%FT%T%Ez", zoned);
  out.display = date::format("%a %d %b %Y, %H:%M %Z", zoned);
  return out;
}

bool is_known_zone(std::string_view zone) { return find_zone(zone) != nullptr; }

std::optional<std::string> describe_range(SystemTime start, SystemTime end, std::string_view zone) {
  const date::time_zone* found = find_zone(zone);
  if (found == nullptr) return std::nullopt;
  // The classic locale: emails are in English whatever the process locale says.
  const std::locale classic = std::locale::classic();
  const auto from = date::make_zoned(found, std::chrono::floor<std::chrono::seconds>(start));
  const auto to = date::make_zoned(found, std::chrono::floor<std::chrono::seconds>(end));
  const std::string from_day = day_text(classic, from);
  const std::string to_day = day_text(classic, to);
  std::string text = from_day + ", " + date::format(classic, "%H:%M", from);
  const std::string from_abbrev = date::format(classic, "%Z", from);
  const std::string to_abbrev = date::format(classic, "%Z", to);
  // Name the abbreviation at both ends when a DST change falls inside the meeting.
  if (from_abbrev != to_abbrev) text += " " + from_abbrev;
  text += "\u2013";
  if (to_day != from_day) text += to_day + ", ";
  text += date::format(classic, "%H:%M %Z", to);
  return text + " (" + std::string(zone) + ")";
}

std::optional<std::string> describe_short(SystemTime time, std::string_view zone) {
  auto zoned = zoned_time(time, zone);
  if (!zoned) return std::nullopt;
  // "Sun 29 Mar 2026, 03:30 CEST" → "Sun 29 Mar 2026 03:30 CEST", and "Sun 01 …" → "Sun 1 …".
  std::string text = std::move(zoned->display);
  if (const auto comma = text.find(','); comma != std::string::npos) text.erase(comma, 1);
  if (text.size() > 5 && text[4] == '0') text.erase(4, 1);
  return text;
}

ZonedTime in_zone(SystemTime time, std::string_view zone) {
  if (auto zoned = zoned_time(time, zone)) return std::move(*zoned);
  return *zoned_time(time, "UTC");
}

}  // namespace poblysh
