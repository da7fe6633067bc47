// domain: what may change on an interview once it is booked — its time (reschedule).
#pragma once

#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview.hpp"

namespace poblysh::domain {

// A booked interview moves to `start` for `reason` (optional, told to everyone invited): it
// must hold a Cal.com booking, not be over or cancelled, and the new time must be ahead. One
// awaiting the host moves too, and one whose host asked for a new time is booked again: Cal.com
// reschedules a booking cancelled by that request (and only such a cancelled one).
Status check_reschedule(const Interview& interview, SystemTime start, const std::string& reason, SystemTime now);

// The status once Cal.com has moved the booking: held for the host when its answer says so
// (`awaits_host`); booked again when it was waiting for a new time or for the host; else as it was.
Status settle_rescheduled_status(Interview& interview, bool awaits_host);

}  // namespace poblysh::domain
