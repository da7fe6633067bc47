#include "core/time.hpp"

#include <sstream>

#include <date/date.h>

namespace poblysh {

Result<SystemTime> parse_iso8601(std::string_view text) {
  std::string input(text);
  // Normalise "Z" to an explicit offset so one parse format serves both spellings.
  if (!input.empty() && (input.back() == 'Z' || input.back() == 'z')) {
    input.back() = '+';
    input += "00:00";
  }
  std::istringstream stream(input);
  date::sys_time<std::chrono::milliseconds> parsed;
  stream >> date::parse("%FT%T%Ez", parsed);
  if (stream.fail() || stream.peek() != std::char_traits<char>::eof()) {
    return invalid_field("time", "must be an ISO 8601 time such as 2026-05-04T09:30:00Z");
  }
  return std::chrono::time_point_cast<SystemTime::duration>(parsed);
}

std::string format_iso8601_utc(SystemTime time) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(time));
}

std::int64_t to_unix_ms(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

SystemTime from_unix_ms(std::int64_t ms) {
  return SystemTime(std::chrono::duration_cast<SystemTime::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace poblysh
