// core: ISO 8601 time stamps as exchanged with browsers, Cal.com and the database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh {

// Accepts "2026-03-29T01:30:00Z", "…+00:00", "…+02:00", with or without fractional seconds.
Result<SystemTime> parse_iso8601(std::string_view text);

// "2026-03-29T01:30:00Z" (UTC, whole seconds): the one form we emit.
std::string format_iso8601_utc(SystemTime time);

// Writes `value` as `width` zero-padded decimal digits at `out` (its last `width` digits): the
// time texts we write by hand instead of date::format's stream and locale per call.
void put_digits(char* out, unsigned value, int width);

std::int64_t to_unix_ms(SystemTime time);
SystemTime from_unix_ms(std::int64_t ms);

}  // namespace poblysh
