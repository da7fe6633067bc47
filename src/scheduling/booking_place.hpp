// scheduling: an interview's place and Cal.com's event type locations — the default a type gives,
// and the location object a booking sends so that Cal.com's booking says the same place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "calcom/client.hpp"
#include "calcom/types.hpp"
#include "domain/interview_place.hpp"
#include "interviews/interview_view.hpp"

namespace poblysh::scheduling {

// The place of a meeting of `type` unless step 5 says otherwise: its first location (Cal.com's
// default) when that is the organizer's address or phone number, else a video call.
domain::Place default_place(const calcom::EventType& type);

// What the booking of `type` sends as its location for `place`: the organizer's own address or
// number ({type:"address"} / {type:"phone"}) when it is the same, else one the attendee may give
// (attendeeAddress, attendeePhone, attendeeDefined) when the type offers it. Nothing for a video
// call or when the type offers no such location: Cal.com then takes its default and only our
// invitations carry the place.
std::optional<calcom::BookingLocation> booking_location(const domain::Place& place, const calcom::EventType& type);

// booking_location for the interview of `view`, its event type read from Cal.com (cached) as
// step 3 offered it; nothing for a video call, without asking Cal.com.
Result<std::optional<calcom::BookingLocation>> booking_location_for(calcom::Client& client,
                                                                    const interviews::InterviewView& view,
                                                                    const std::optional<std::int64_t>& team_id,
                                                                    const std::string& request_id);

}  // namespace poblysh::scheduling
