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
// BOOKING_CREATED / _CANCELLED (requestReschedule) / _RESCHEDULED / _REQUESTED (with the
// reschedule fields when it replaces a booking) / _REJECTED (rejectionReason) (API-NOTES §5). Ordered, so the
// body reads like Cal.com's JSON.stringify output (triggerEvent first).
nlohmann::ordered_json booking_webhook_body(const std::string& trigger, const PayloadContext& context);

// MEETING_ENDED (or MEETING_STARTED) as Cal.com's scheduled-trigger cron sends it: the Prisma
// booking row and its attendees, user and references, next to triggerEvent — no wrapper, no
// createdAt of the event (the row's createdAt is the booking's).
nlohmann::ordered_json meeting_row_body(const std::string& trigger, const Booking& booking, const User& organizer);

// AFTER_HOSTS_CAL_VIDEO_NO_SHOW / AFTER_GUESTS_CAL_VIDEO_NO_SHOW, as Cal.com's no-show task sends
// them (sendGenericWebhookPayload): `host_email` names the absent host, for the former.
nlohmann::ordered_json cal_video_no_show_body(const std::string& trigger, const Booking& booking, const EventType& type,
                                              const std::string& host_email, SystemTime created_at);

// BOOKING_NO_SHOW_UPDATED after marking attendees absent or present (handleMarkNoShow).
struct NoShowEntry {
  std::string email;
  bool no_show = true;
};
nlohmann::ordered_json no_show_updated_body(const Booking& booking, const std::vector<NoShowEntry>& attendees,
                                            SystemTime created_at);

// A webhook's custom payloadTemplate: "{{name}}" and "{{a.b}}" are replaced with values of the
// body's top level and of its payload, as Cal.com's template variables are.
std::string render_payload_template(const std::string& payload_template, const nlohmann::ordered_json& body);

}  // namespace poblysh::calcom_sim
