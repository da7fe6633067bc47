// calcom-sim: the JSON Cal.com answers with — one function per output type of the v2 API.
#pragma once

#include <nlohmann/json.hpp>

#include "model.hpp"
#include "store.hpp"

namespace poblysh::calcom_sim {

nlohmann::json me_json(const User& user);
nlohmann::json event_type_json(const EventType& type, const Store& store);       // EventTypeOutput_2024_06_14
nlohmann::json team_event_type_json(const EventType& type, const Store& store);  // TeamEventTypeOutput_2024_06_14
nlohmann::json team_json(const Team& team);
nlohmann::json membership_json(const Team& team, const Membership& membership, const Store& store);
nlohmann::json booking_json(const Booking& booking, const Store& store);  // BookingOutput_2024_08_13
nlohmann::json webhook_json(const Webhook& hook);
// The offset pagination object of list endpoints.
nlohmann::json pagination_json(int total, int take, int skip, int returned);

// What the 2024-04-15 controllers answer when a client forgets cal-api-version: enough of
// the old shape for a client to notice it got the wrong one.
nlohmann::json legacy_event_type_json(const EventType& type);
nlohmann::json legacy_booking_json(const Booking& booking, const Store& store);

}  // namespace poblysh::calcom_sim
