// domain: what may change on an interview once it is booked — its time (reschedule).
#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview.hpp"

namespace poblysh::domain {

// A booked interview moves to `start` for `reason` (optional, told to everyone invited): it
// must hold a Cal.com booking, not be over or cancelled, and the new time must be ahead.
Status check_reschedule(const Interview& interview, SystemTime start, const std::string& reason, SystemTime now);

}  // namespace poblysh::domain
