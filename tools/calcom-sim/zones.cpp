#include "zones.hpp"

#include <chrono>
#include <sstream>

#include <date/date.h>
#include <date/tz.h>

#include "core/time.hpp"

namespace poblysh::calcom_sim {
namespace {

using std::chrono::minutes;

const date::time_zone* find_zone(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    return nullptr;
  }
}

const date::time_zone& zone_or_utc(const std::string& zone) {
  const auto* found = find_zone(zone);
  return found ? *found : *date::locate_zone("UTC");
}

}  // namespace

bool is_known_zone(const std::string& zone) { return !zone.empty() && find_zone(zone) != nullptr; }

int utc_offset_minutes(const std::string& zone, SystemTime time) {
  const auto info = zone_or_utc(zone).get_info(time);
  return static_cast<int>(std::chrono::duration_cast<minutes>(info.offset).count());
}

std::string format_in_zone(SystemTime time, const std::string& zone) {
  const auto millis = std::chrono::floor<std::chrono::milliseconds>(time);
  if (zone.empty() || zone == "UTC" || zone == "Etc/UTC") return date::format("%FT%TZ", millis);
  const date::zoned_time<std::chrono::milliseconds> local(&zone_or_utc(zone), millis);
  return date::format("%FT%T%Ez", local);
}

std::string local_date(SystemTime time, const std::string& zone) {
  const date::zoned_time<std::chrono::seconds> local(&zone_or_utc(zone),
                                                     std::chrono::floor<std::chrono::seconds>(time));
  return date::format("%F", local);
}

std::string format_utc_millis(SystemTime time) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::milliseconds>(time));
}

std::optional<SystemTime> parse_date_or_time(std::string_view text, const std::string& zone, bool is_end) {
  if (text.size() == 10) {
    std::istringstream stream{std::string(text)};
    date::local_days day;
    stream >> date::parse("%F", day);
    if (stream.fail()) return std::nullopt;
    // An end date includes that whole day, as Cal.com reads `end=2050-09-06`.
    if (is_end) day += date::days{1};
    return zone_or_utc(zone).to_sys(day, date::choose::earliest);
  }
  auto parsed = parse_iso8601(text);
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::vector<Interval> working_intervals(const WeeklyHours& hours, const std::string& zone, Interval window) {
  const auto& tz = zone_or_utc(zone);
  std::vector<Interval> out;
  // One day of margin each side: a local day can straddle the window's UTC edges.
  const auto first = date::floor<date::days>(tz.to_local(window.start)) - date::days{1};
  const auto last = date::floor<date::days>(tz.to_local(window.end)) + date::days{1};
  for (auto day = first; day <= last; day += date::days{1}) {
    const auto weekday = date::weekday(day).c_encoding();  // 0 = Sunday, as in the fixture
    for (const auto& range : hours[weekday]) {
      const SystemTime start = tz.to_sys(day + minutes{range.start_minute}, date::choose::earliest);
      const SystemTime end = tz.to_sys(day + minutes{range.end_minute}, date::choose::earliest);
      if (end > window.start && start < window.end) out.push_back(Interval{start, end});
    }
  }
  return out;
}

}  // namespace poblysh::calcom_sim
