#include "webhooks/calcom_event.hpp"

#include <date/date.h>
#include <simdjson.h>

#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/json_depth.hpp"
#include "core/time.hpp"
#include "webhooks/meeting_location.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::webhooks {
namespace {

using nlohmann::json;

// Deliveries are read with simdjson, which validates the whole body (structure, UTF-8, numbers)
// like nlohmann's parser does, at a fraction of its cost: nlohmann's lexer builds every token a
// character at a time, a third of a delivery's time on its HTTP thread. The helpers keep what
// the nlohmann DOM gives: the last of duplicate keys wins, a wrong type reads as absent.
using Element = simdjson::dom::element;

// An absent object (metadata, videoCallData) reads as an empty one.
std::optional<Element> member(std::optional<Element> object, std::string_view key) {
  simdjson::dom::object fields;
  if (!object || object->get(fields) != simdjson::SUCCESS) return std::nullopt;
  std::optional<Element> found;
  for (auto field : fields) {
    if (field.key == key) found = field.value;
  }
  return found;
}

std::string text_at(std::optional<Element> object, std::string_view key) {
  auto value = member(object, key);
  std::string_view text;
  if (!value || value->get(text) != simdjson::SUCCESS) return std::string();
  return std::string(text);
}

std::optional<Element> object_at(Element object, std::string_view key) {
  auto value = member(object, key);
  return value && value->is_object() ? value : std::nullopt;
}

std::optional<std::int64_t> integer_at(std::optional<Element> object, std::string_view key) {
  auto value = member(object, key);
  if (!value) return std::nullopt;
  if (value->is_int64()) return value->get_int64().value_unsafe();
  // As nlohmann's get<std::int64_t>() of an unsigned number.
  if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64().value_unsafe());
  std::string_view text;
  if (value->get(text) == simdjson::SUCCESS) {  // metadata values are strings in Cal.com
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) return number;
  }
  return std::nullopt;
}

bool is_booking_trigger(std::string_view trigger) {
  return trigger == kBookingCreated || trigger == kBookingCancelled || trigger == kBookingRescheduled ||
         trigger == kBookingRequested || trigger == kBookingRejected || trigger == kMeetingEnded;
}

bool is_no_show_trigger(std::string_view trigger) {
  return trigger == kNoShowUpdated || trigger == kHostsNoShow || trigger == kGuestsNoShow;
}

// A boolean field; a wrong type reads as absent.
std::optional<bool> boolean_at(std::optional<Element> object, std::string_view key) {
  auto value = member(object, key);
  bool flag = false;
  if (!value || value->get(flag) != simdjson::SUCCESS) return std::nullopt;
  return flag;
}

// The attendees array: what it names is read by `read` (email, noShow); a wrong type is none.
Status read_attendees(Element payload, const std::string& path, std::vector<PartyMark>& marks, bool absent_only) {
  auto list = member(payload, "attendees");
  simdjson::dom::array attendees;
  if (!list || list->get(attendees) != simdjson::SUCCESS) return {};
  if (attendees.size() > kMaxAttendees) {
    return invalid_field(path + "attendees", "lists more than " + std::to_string(kMaxAttendees) + " attendees");
  }
  for (Element attendee : attendees) {
    auto email = text_at(attendee, "email");
    auto no_show = boolean_at(attendee, "noShow");
    if (email.empty() || !no_show || (absent_only && !*no_show)) continue;
    marks.push_back({std::move(email), *no_show});
  }
  return {};
}

// MEETING_ENDED and the no-show triggers: who was absent.
Status read_marks(const std::string& trigger, Element payload, const std::string& path, CalcomEvent& event) {
  if (trigger == kHostsNoShow) {
    event.marks.push_back({text_at(payload, "hostEmail"), true});
    return {};
  }
  RETURN_IF_ERROR(read_attendees(payload, path, event.marks, trigger != kNoShowUpdated));
  if (trigger == kGuestsNoShow) {
    event.every_attendee_absent = event.marks.empty();
    return {};
  }
  if (auto host = boolean_at(payload, "noShowHost"); host && (*host || trigger == kNoShowUpdated)) {
    event.marks.push_back({"", *host});
  }
  return {};
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

bool CalcomEvent::acts() const { return is_booking_trigger(trigger) || is_no_show_trigger(trigger); }

bool CalcomEvent::reports_no_show() const { return is_no_show_trigger(trigger); }

Result<CalcomEvent> parse_event(std::string_view body) {
  if (!json_depth_within(body)) {
    return invalid_field("body", "nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  simdjson::dom::parser parser;
  Element root;
  std::string normalized;
  if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    // What nlohmann reads and simdjson refuses — an integer beyond 64 bits (JavaScript writes
    // numbers up to 1e21 as plain digits), a byte-order mark — is read once more as nlohmann
    // writes it back (such an integer as a float), so no delivery is refused for a field we
    // never read. Rare, so the slow way.
    const auto document = json::parse(body, nullptr, false);
    if (document.is_discarded()) return invalid_field("body", "is not a JSON object");
    normalized = document.dump(-1, ' ', false, json::error_handler_t::replace);
    if (parser.parse(normalized).get(root) != simdjson::SUCCESS) return invalid_field("body", "is not a JSON object");
  }
  if (!root.is_object()) return invalid_field("body", "is not a JSON object");
  CalcomEvent event;
  event.trigger = text_at(root, "triggerEvent");
  if (event.trigger.empty()) return invalid_field("triggerEvent", "is required");
  if (auto created = text_at(root, "createdAt"); !created.empty()) {
    auto parsed = parse_iso8601(created);
    if (!parsed) return invalid_field("createdAt", "is not an ISO 8601 time");
    event.created_at = *parsed;
  }
  if (!event.acts()) return event;  // PING and triggers we do not use: nothing else matters

  const auto payload_member = member(root, "payload");
  const bool wrapped = payload_member && payload_member->is_object();
  if (!wrapped && event.trigger != kMeetingEnded) return invalid_field("payload", "is required");
  // Cal.com sends MEETING_ENDED as the booking row itself, whose createdAt is the booking's.
  if (!wrapped) event.created_at.reset();
  const Element payload = wrapped ? *payload_member : root;
  const std::string path = wrapped ? "payload." : "";
  if (event.reports_no_show()) {
    event.uid = text_at(payload, "bookingUid");
    if (event.uid.empty()) return invalid_field(path + "bookingUid", "is required");
    event.booking_id = integer_at(payload, "bookingId");
    event.message = text_at(payload, "message");
    RETURN_IF_ERROR(read_marks(event.trigger, payload, path, event));
    return event;
  }
  event.uid = text_at(payload, "uid");
  if (event.uid.empty()) return invalid_field(path + "uid", "is required");
  event.booking_id = integer_at(payload, "bookingId");
  if (!event.booking_id && event.trigger == kMeetingEnded) event.booking_id = integer_at(payload, "id");
  for (auto [key, target] : {std::pair{"startTime", &event.start}, std::pair{"endTime", &event.end}}) {
    const auto text = text_at(payload, key);
    if (text.empty()) {
      if (needs_times(event.trigger)) return invalid_field(path + key, "is required");
      continue;
    }
    auto parsed = parse_iso8601(text);
    if (!parsed) return invalid_field(path + key, "is not an ISO 8601 time");
    *target = *parsed;
  }
  if (event.start && event.end && *event.end <= *event.start)
    return invalid_field(path + "endTime", "is not after startTime");
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
  const bool moved = event.trigger == kBookingRescheduled || event.trigger == kBookingRequested;
  event.changed_by = text_at(payload, moved ? "rescheduledBy" : "cancelledBy");
  if (event.trigger == kBookingCancelled) {
    // Newer Cal.com also sends rescheduleRequested, with the same meaning.
    event.request_reschedule = boolean_at(payload, "requestReschedule").value_or(false) ||
                               boolean_at(payload, "rescheduleRequested").value_or(false);
  }
  if (event.trigger == kMeetingEnded) RETURN_IF_ERROR(read_marks(event.trigger, payload, path, event));
  const auto metadata = object_at(payload, "metadata");
  const auto video = object_at(payload, "videoCallData");
  auto place = meeting_place(text_at(metadata, "videoCallUrl"), text_at(video, "url"), text_at(video, "type"),
                             text_at(payload, "location"));
  event.meeting_url = std::move(place.url);
  event.meeting_provider = std::move(place.provider);
  event.place = std::move(place.place);
  event.interview_id = integer_at(metadata, "poblysh_interview_id");
  return event;
}

std::string dedupe_key(const CalcomEvent& event, std::string_view body) {
  if (!event.uid.empty() && event.created_at) {
    std::string key = "event:" + event.trigger + ":" + event.uid + ":" + std::to_string(to_unix_ms(*event.created_at));
    // Cal Video sends one delivery per absent host, possibly within the same millisecond.
    if (event.trigger == kHostsNoShow && !event.marks.empty()) key += ":" + sha256_hex(event.marks.front().email);
    return key;
  }
  return "body:" + sha256_hex(body);
}

std::string to_body(const CalcomEvent& event) {
  json root{{"triggerEvent", event.trigger}};
  if (event.created_at) root["createdAt"] = body_time(*event.created_at);
  if (event.reports_no_show()) {
    json payload{{"bookingUid", event.uid}};
    if (event.booking_id) payload["bookingId"] = *event.booking_id;
    if (!event.message.empty()) payload["message"] = event.message;
    json attendees = json::array();
    for (const auto& mark : event.marks) {
      if (event.trigger == kHostsNoShow) {
        if (!mark.email.empty()) payload["hostEmail"] = mark.email;
      } else if (mark.email.empty()) {
        payload["noShowHost"] = mark.absent;
      } else {
        attendees.push_back({{"email", mark.email}, {"noShow", mark.absent}});
      }
    }
    if (event.trigger != kHostsNoShow) payload["attendees"] = attendees;
    root["payload"] = payload;
    return root.dump();
  }
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
  if (event.request_reschedule) payload["requestReschedule"] = true;
  if (event.trigger == kMeetingEnded) {
    json attendees = json::array();
    for (const auto& mark : event.marks) {
      if (mark.email.empty()) {
        payload["noShowHost"] = mark.absent;
      } else {
        attendees.push_back({{"email", mark.email}, {"noShow", mark.absent}});
      }
    }
    payload["attendees"] = attendees;
  }
  json metadata = json::object();
  if (!event.meeting_url.empty()) metadata["videoCallUrl"] = event.meeting_url;
  if (event.interview_id) metadata["poblysh_interview_id"] = std::to_string(*event.interview_id);
  payload["metadata"] = metadata;
  // The provider survives the round trip through the location Cal.com would have stored.
  if (event.meeting_provider == "Cal Video")
    payload["location"] = "integrations:daily";
  else if (event.meeting_provider == "Google Meet")
    payload["location"] = "integrations:google:meet";
  else if (event.meeting_provider == "Zoom")
    payload["location"] = "integrations:zoom";
  if (event.place) payload["location"] = event.place->detail;  // an address or number is the location itself
  root["payload"] = payload;
  return root.dump();
}

}  // namespace poblysh::webhooks
