#include "notify/zone_time.hpp"

#include <locale>
#include <stdexcept>

#include <date/tz.h>

namespace poblysh::notify {
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

}  // namespace

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
  const date::time_zone* found = find_zone(zone);
  if (found == nullptr) return std::nullopt;
  // One format (each builds a stream, and subjects are written in the database's writer):
  // "%a" is three letters in the classic locale, so the day's leading zero is at index 4.
  std::string text = date::format(std::locale::classic(), "%a %d %b %Y %H:%M %Z",
                                  date::make_zoned(found, std::chrono::floor<std::chrono::seconds>(time)));
  if (text.size() > 5 && text[4] == '0') text.erase(4, 1);
  return text;
}

}  // namespace poblysh::notify
