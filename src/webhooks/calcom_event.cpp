#include "webhooks/calcom_event.hpp"

#include <charconv>
#include <chrono>

#include <date/date.h>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "webhooks/meeting_location.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::webhooks {
namespace {

using nlohmann::json;

std::string text_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& object_at(const json& object, const char* key) {
  static const json kEmpty = json::object();
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : kEmpty;
}

std::optional<std::int64_t> integer_at(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_string()) {  // metadata values are strings in Cal.com
    const auto text = it->get<std::string>();
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size()) return value;
  }
  return std::nullopt;
}

bool is_booking_trigger(std::string_view trigger) {
  return trigger == kBookingCreated || trigger == kBookingCancelled || trigger == kBookingRescheduled ||
         trigger == kBookingRequested || trigger == kBookingRejected;
}

bool needs_times(std::string_view trigger) {
  return trigger == kBookingCreated || trigger == kBookingRescheduled || trigger == kBookingRequested;
}

// Whole seconds as usual, milliseconds when the time has them: a body we write must parse back
// to the same event (a sub-second start and end would otherwise collapse into one instant).
std::string body_time(SystemTime time) {
  const auto ms = std::chrono::floor<std::chrono::milliseconds>(time);
  if (ms == std::chrono::floor<std::chrono::seconds>(time)) return format_iso8601_utc(time);
  return date::format("%FT%TZ", ms);
}

}  // namespace

bool CalcomEvent::acts() const { return is_booking_trigger(trigger); }

Result<CalcomEvent> parse_event(std::string_view body) {
  json root = json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return invalid_field("body", "is not a JSON object");
  CalcomEvent event;
  event.trigger = text_at(root, "triggerEvent");
  if (event.trigger.empty()) return invalid_field("triggerEvent", "is required");
  if (auto created = text_at(root, "createdAt"); !created.empty()) {
    auto parsed = parse_iso8601(created);
    if (!parsed) return invalid_field("createdAt", "is not an ISO 8601 time");
    event.created_at = *parsed;
  }
  if (!event.acts()) return event;  // PING and triggers we do not use: nothing else matters

  auto payload_it = root.find("payload");
  if (payload_it == root.end() || !payload_it->is_object()) return invalid_field("payload", "is required");
  const json& payload = *payload_it;
  event.uid = text_at(payload, "uid");
  if (event.uid.empty()) return invalid_field("payload.uid", "is required");
  event.booking_id = integer_at(payload, "bookingId");
  for (auto [key, target] : {std::pair{"startTime", &event.start}, std::pair{"endTime", &event.end}}) {
    const auto text = text_at(payload, key);
    if (text.empty()) {
      if (needs_times(event.trigger)) return invalid_field(std::string("payload.") + key, "is required");
      continue;
    }
    auto parsed = parse_iso8601(text);
    if (!parsed) return invalid_field(std::string("payload.") + key, "is not an ISO 8601 time");
    *target = *parsed;
  }
  if (event.start && event.end && *event.end <= *event.start) return invalid_field("payload.endTime", "is not after startTime");
  event.status = text_at(payload, "status");
  event.ical_uid = text_at(payload, "iCalUID");
  if (auto sequence = integer_at(payload, "iCalSequence"); sequence && *sequence >= 0 && *sequence < 1'000'000) {
    event.ical_sequence = static_cast<int>(*sequence);
  }
  event.reschedule_uid = text_at(payload, "rescheduleUid");
  if (event.trigger == kBookingRescheduled && event.reschedule_uid.empty()) {
    return invalid_field("payload.rescheduleUid", "is required");
  }
  event.reason = text_at(payload, event.trigger == kBookingRejected ? "rejectionReason" : "cancellationReason");
  event.changed_by = text_at(payload, event.trigger == kBookingRescheduled ? "rescheduledBy" : "cancelledBy");
  const json& metadata = object_at(payload, "metadata");
  const json& video = object_at(payload, "videoCallData");
  auto place = meeting_place(text_at(metadata, "videoCallUrl"), text_at(video, "url"), text_at(video, "type"),
                             text_at(payload, "location"));
  event.meeting_url = std::move(place.url);
  event.meeting_provider = std::move(place.provider);
  event.interview_id = integer_at(metadata, "poblysh_interview_id");
  return event;
}

std::string dedupe_key(const CalcomEvent& event, std::string_view body) {
  if (!event.uid.empty() && event.created_at) {
    return "event:" + event.trigger + ":" + event.uid + ":" + std::to_string(to_unix_ms(*event.created_at));
  }
  return "body:" + sha256_hex(body);
}

std::string to_body(const CalcomEvent& event) {
  json payload{{"uid", event.uid}, {"status", event.status}};
  if (event.booking_id) payload["bookingId"] = *event.booking_id;
  if (event.start) payload["startTime"] = body_time(*event.start);
  if (event.end) payload["endTime"] = body_time(*event.end);
  if (!event.ical_uid.empty()) payload["iCalUID"] = event.ical_uid;
  if (event.ical_sequence) payload["iCalSequence"] = *event.ical_sequence;
  if (!event.reschedule_uid.empty()) payload["rescheduleUid"] = event.reschedule_uid;
  if (!event.reason.empty()) {
    payload[event.trigger == kBookingRejected ? "rejectionReason" : "cancellationReason"] = event.reason;
  }
  json metadata = json::object();
  if (!event.meeting_url.empty()) metadata["videoCallUrl"] = event.meeting_url;
  if (event.interview_id) metadata["poblysh_interview_id"] = std::to_string(*event.interview_id);
  payload["metadata"] = metadata;
  // The provider survives the round trip through the location Cal.com would have stored.
  if (event.meeting_provider == "Cal Video") payload["location"] = "integrations:daily";
  else if (event.meeting_provider == "Google Meet") payload["location"] = "integrations:google:meet";
  else if (event.meeting_provider == "Zoom") payload["location"] = "integrations:zoom";
  json root{{"triggerEvent", event.trigger}, {"payload", payload}};
  if (event.created_at) root["createdAt"] = body_time(*event.created_at);
  return root.dump();
}

}  // namespace poblysh::webhooks
