// calcom-sim: bookable slot computation — working hours minus bookings, on a fixed grid.
#pragma once

#include <chrono>
#include <vector>

#include "model.hpp"

namespace poblysh::calcom_sim {

struct SlotRequest {
  std::vector<std::vector<Interval>> availability;  // per host; all hosts must be free
  std::vector<Interval> busy;                       // existing bookings, already widened by their buffers
  Interval window;                                  // slot starts must fall in [start, end)
  std::chrono::minutes duration{30};
  std::chrono::minutes interval{30};                // grid step; Cal.com's default is the duration
  std::chrono::minutes before_buffer{0};            // this event type's buffers around a new booking
  std::chrono::minutes after_buffer{0};
  SystemTime earliest;                              // now + minimum booking notice
};

// The times every list covers; each input list may be unsorted and overlapping.
std::vector<Interval> intersect_all(const std::vector<std::vector<Interval>>& lists);

// Slot starts, ascending. Each common free window is walked from its own start in steps of
// `interval` (Cal.com aligns to the working-hours start, not to the clock), keeping slots that
// fit entirely, start no earlier than `earliest` and whose buffered span misses every busy interval.
std::vector<SystemTime> compute_slots(const SlotRequest& request);

// Whether one concrete booking [start, start+duration) is allowed: the check behind create
// and reschedule, consistent with compute_slots but without requiring grid alignment.
bool is_bookable(const SlotRequest& request, SystemTime start);

}  // namespace poblysh::calcom_sim
