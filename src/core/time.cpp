#include "core/time.hpp"

#include <date/date.h>

#include <cstring>

namespace poblysh {
namespace {

// "YYYY-MM-DDTHH:MM:SS[.f…]±HH:MM", digits where digits belong. date::parse checks the values
// (month 13, hour 25), but malformed text such as an empty seconds field or "-+05:45" makes it
// compute with NaN or negate INT64_MIN (found by fuzz/time_fuzzer.cpp), so nothing else reaches it.
bool has_iso8601_shape(std::string_view text) {
  auto digits = [&](std::size_t at, std::size_t count) {
    if (at + count > text.size()) return false;
    for (std::size_t i = at; i < at + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4) || text.size() < 25 || text[4] != '-' || !digits(5, 2) || text[7] != '-' || !digits(8, 2) ||
      text[10] != 'T' || !digits(11, 2) || text[13] != ':' || !digits(14, 2) || text[16] != ':' || !digits(17, 2)) {
    return false;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    std::size_t fraction = 0;
    while (digits(at + 1 + fraction, 1)) ++fraction;
    if (fraction == 0 || fraction > 9) return false;
    at += 1 + fraction;
  }
  return text.size() == at + 6 && (text[at] == '+' || text[at] == '-') && digits(at + 1, 2) && text[at + 3] == ':' &&
         digits(at + 4, 2);
}

}  // namespace

Result<SystemTime> parse_iso8601(std::string_view text) {
  // Read field by field at the shape's fixed places: date::parse builds an istringstream and a
  // locale per call, a seventh of a webhook delivery's time on its HTTP thread. It
  // stays the reference: tests and fuzz/time_fuzzer.cpp hold this to what it accepts and gives
  // (among others: at most three fraction digits, any ±HH:MM offset, no second 60).
  const auto malformed = [] { return invalid_field("time", "must be an ISO 8601 time such as 2026-05-04T09:30:00Z"); };
  std::string_view input = text;
  bool utc = false;
  if (!input.empty() && (input.back() == 'Z' || input.back() == 'z')) {
    input.remove_suffix(1);
    utc = true;
  }
  // "Z" stands for "+00:00": the shape check wants an explicit offset.
  char shaped[40];
  if (utc) {
    if (input.size() + 6 > sizeof shaped) return malformed();
    input.copy(shaped, input.size());
    std::memcpy(shaped + input.size(), "+00:00", 6);
    input = std::string_view(shaped, input.size() + 6);
  }
  if (!has_iso8601_shape(input)) return malformed();
  const auto number = [&input](std::size_t at, std::size_t count) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + count; ++i) value = value * 10 + static_cast<unsigned>(input[i] - '0');
    return value;
  };
  const date::year_month_day day{date::year{static_cast<int>(number(0, 4))}, date::month{number(5, 2)},
                                 date::day{number(8, 2)}};
  const unsigned hours = number(11, 2);
  const unsigned minutes = number(14, 2);
  const unsigned seconds = number(17, 2);
  std::size_t at = 19;
  unsigned millis = 0;
  if (input[at] == '.') {
    std::size_t digits = 0;
    while (input[at + 1 + digits] != '+' && input[at + 1 + digits] != '-') ++digits;
    if (digits > 3) return malformed();  // date::parse reads milliseconds and stops there
    millis = number(at + 1, digits);
    for (std::size_t i = digits; i < 3; ++i) millis *= 10;
    at += 1 + digits;
  }
  if (!day.ok() || hours > 23 || minutes > 59 || seconds > 59) return malformed();
  const auto offset = std::chrono::hours(number(at + 1, 2)) + std::chrono::minutes(number(at + 4, 2));
  const auto local = date::sys_days(day).time_since_epoch() + std::chrono::hours(hours) +
                     std::chrono::minutes(minutes) + std::chrono::seconds(seconds) + std::chrono::milliseconds(millis);
  const std::chrono::milliseconds since_epoch = input[at] == '-' ? local + offset : local - offset;
  // SystemTime counts nanoseconds in 64 bits (years 1677–2262): a year like 2300 or 9999 would
  // overflow the conversion (undefined behaviour), so it is refused like any malformed time.
  using Limit = std::chrono::duration<double, std::milli>;
  if (Limit(since_epoch) >= Limit(SystemTime::duration::max()) ||
      Limit(since_epoch) <= Limit(SystemTime::duration::min())) {
    return invalid_field("time", "must be an ISO 8601 time between the years 1678 and 2261");
  }
  return SystemTime(std::chrono::duration_cast<SystemTime::duration>(since_epoch));
}

std::string format_iso8601_utc(SystemTime time) {
  // Written digit by digit: date::format builds an ostringstream and a locale per call, and a
  // page of 50 interviews formats a hundred times. Years without four digits are left to it.
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const auto day = floor<days>(seconds);
  const year_month_day date{day};
  const int year = static_cast<int>(date.year());
  if (year < 1000 || year > 9999) return date::format("%FT%TZ", seconds);
  const hh_mm_ss clock{seconds - day};
  char text[] = "0000-00-00T00:00:00Z";
  put_digits(text, static_cast<unsigned>(year), 4);
  put_digits(text + 5, static_cast<unsigned>(date.month()), 2);
  put_digits(text + 8, static_cast<unsigned>(date.day()), 2);
  put_digits(text + 11, static_cast<unsigned>(clock.hours().count()), 2);
  put_digits(text + 14, static_cast<unsigned>(clock.minutes().count()), 2);
  put_digits(text + 17, static_cast<unsigned>(clock.seconds().count()), 2);
  return std::string(text, sizeof(text) - 1);
}

void put_digits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
}

std::int64_t to_unix_ms(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

SystemTime from_unix_ms(std::int64_t ms) {
  return SystemTime(std::chrono::duration_cast<SystemTime::duration>(std::chrono::milliseconds(ms)));
}

}  // namespace poblysh
