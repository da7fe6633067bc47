// calcom-sim: webhook bodies for booking triggers, in Cal.com's 2021-10-20 webhook format.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model.hpp"

namespace poblysh::calcom_sim {

struct PayloadContext {
  const Booking& booking;
  const Booking* previous = nullptr;  // BOOKING_RESCHEDULED: the booking that was moved
  const EventType& event_type;
  const User& organizer;
  const Team* team = nullptr;          // team event types
  std::vector<const User*> other_hosts;
  SystemTime created_at;
};

// {"triggerEvent", "createdAt", "payload": {…}} with the payload fields Cal.com sends for
// BOOKING_CREATED / BOOKING_CANCELLED / BOOKING_RESCHEDULED (API-NOTES §5). Ordered, so the
// body reads like Cal.com's JSON.stringify output (triggerEvent first).
nlohmann::ordered_json booking_webhook_body(const std::string& trigger, const PayloadContext& context);

// A webhook's custom payloadTemplate: "{{name}}" and "{{a.b}}" are replaced with values of the
// body's top level and of its payload, as Cal.com's template variables are.
std::string render_payload_template(const std::string& payload_template, const nlohmann::ordered_json& body);

}  // namespace poblysh::calcom_sim
