// domain: the one calendar event an interview is — which UID our invitations carry and which
// SEQUENCE, so that ours and Cal.com's land on the same entry in everyone's calendar.
#pragma once

#include <string_view>

#include "domain/interview.hpp"

namespace poblysh::domain {

// Chooses the UID our invitations carry, once, before the first goes out: Cal.com's own
// (`calcom_uid`, its icsUid / iCalUID, constant across reschedules) when known, else `our_uid`.
// An interview that already has one keeps it: its invitations went out with it.
void settle_calendar_uid(Interview& interview, std::string_view calcom_uid, std::string_view our_uid);

// Raises the SEQUENCE of our next invitation or cancellation above every one we sent and every
// one Cal.com sent for the same event (a calendar ignores an update that does not outrank what
// it holds).
void raise_calendar_sequence(Interview& interview);

}  // namespace poblysh::domain
