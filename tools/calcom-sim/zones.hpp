// calcom-sim: time-zone arithmetic (IANA zones via the system tzdb) for slots and payloads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "model.hpp"

namespace poblysh::calcom_sim {

bool is_known_zone(const std::string& zone);

// Offset of `zone` from UTC at `time`, in minutes (Cal.com's webhook `utcOffset`).
int utc_offset_minutes(const std::string& zone, SystemTime time);

// "2050-09-05T09:00:00.000+02:00", or "…000Z" in UTC: how Cal.com's slots endpoint prints
// times in the requested zone.
std::string format_in_zone(SystemTime time, const std::string& zone);

// "2050-09-05": the local calendar date of `time` in `zone` (the key of the slots map).
std::string local_date(SystemTime time, const std::string& zone);

// Milliseconds form Cal.com uses in booking objects: "2050-09-05T07:00:00.000Z".
std::string format_utc_millis(SystemTime time);

// A slots `start`/`end` query value: a date ("2050-09-05", read in `zone`; an end date means
// the end of that day) or an ISO 8601 time with offset. Empty on malformed input.
std::optional<SystemTime> parse_date_or_time(std::string_view text, const std::string& zone, bool is_end);

// The user's weekly working hours laid out as absolute intervals overlapping `window`.
std::vector<Interval> working_intervals(const WeeklyHours& hours, const std::string& zone, Interval window);

}  // namespace poblysh::calcom_sim
