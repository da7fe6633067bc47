#include "webhook_payload.hpp"

#include "core/time.hpp"
#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using json = nlohmann::ordered_json;

// Cal.com's organizer.timeFormat is a dayjs pattern, derived from the 12/24 preference.
std::string time_format_pattern(int hours) { return hours == 12 ? "h:mma" : "HH:mm"; }

json organizer_json(const User& user, SystemTime at) {
  return json{{"id", user.id},
              {"name", user.name},
              {"email", user.email},
              {"username", user.username},
              {"timeZone", user.time_zone},
              {"language", {{"locale", user.locale}}},
              {"timeFormat", time_format_pattern(user.time_format)},
              {"utcOffset", utc_offset_minutes(user.time_zone, at)}};
}

json attendee_json(const Attendee& attendee, SystemTime at) {
  const auto space = attendee.name.find(' ');
  json item{{"name", attendee.name},
            {"email", attendee.email},
            {"firstName", space == std::string::npos ? attendee.name : attendee.name.substr(0, space)},
            {"lastName", space == std::string::npos ? "" : attendee.name.substr(space + 1)},
            {"timeZone", attendee.time_zone},
            {"language", {{"locale", attendee.language}}},
            {"utcOffset", utc_offset_minutes(attendee.time_zone, at)}};
  if (!attendee.phone.empty()) item["phoneNumber"] = attendee.phone;
  return item;
}

// Webhook `responses` carry a label per field, unlike the API's bookingFieldsResponses.
json responses_json(const Booking& booking) {
  json responses{{"name", {{"label", "your_name"}, {"value", booking.attendees.front().name}}},
                 {"email", {{"label", "email_address"}, {"value", booking.attendees.front().email}}},
                 {"location",
                  {{"label", "location"}, {"value", {{"optionValue", ""}, {"value", booking.location}}}}},
                 {"guests", {{"label", "additional_guests"}, {"value", booking.guests}}}};
  for (const auto& [key, value] : booking.responses.items()) {
    if (!responses.contains(key)) responses[key] = json{{"label", key}, {"value", value}};
  }
  return responses;
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

json booking_webhook_body(const std::string& trigger, const PayloadContext& context) {
  const Booking& booking = context.booking;
  json attendees = json::array();
  for (const auto& attendee : booking.attendees) attendees.push_back(attendee_json(attendee, booking.start));
  json payload{
      {"type", context.event_type.slug},
      {"title", booking.title},
      {"eventTitle", context.event_type.title},
      {"eventDescription", context.event_type.description},
      {"description", booking.description},
      {"additionalNotes", booking.description},
      {"customInputs", json::object()},
      {"startTime", format_iso8601_utc(booking.start)},
      {"endTime", format_iso8601_utc(booking.end)},
      {"length", booking.duration},
      {"organizer", organizer_json(context.organizer, booking.start)},
      {"attendees", attendees},
      {"responses", responses_json(booking)},
      {"userFieldsResponses", json::object()},
      {"location", booking.location},
      {"destinationCalendar", nullptr},
      {"hideCalendarNotes", false},
      {"requiresConfirmation", false},
      {"eventTypeId", booking.event_type_id},
      {"uid", booking.uid},
      {"bookingId", booking.id},
      {"iCalUID", booking.ical_uid},
      {"iCalSequence", booking.ical_sequence},
      {"status", upper(booking.status)},
      {"price", 0},
      {"currency", "usd"},
      {"organizationId", nullptr},
      {"appsStatus", json::array()},
      // The booking's own metadata, plus videoCallUrl below, as Cal.com merges them.
      {"metadata", json::parse(booking.metadata.dump())},
  };
  if (!booking.meeting_url.empty()) {
    payload["metadata"]["videoCallUrl"] = booking.meeting_url;
    payload["videoCallData"] = json{{"type", "daily_video"},
                                    {"id", booking.uid},
                                    {"password", ""},
                                    {"url", booking.meeting_url}};
  }
  if (context.team) {
    json members = json::array();
    for (const auto* host : context.other_hosts) {
      members.push_back(json{{"id", host->id},
                             {"name", host->name},
                             {"email", host->email},
                             {"timeZone", host->time_zone},
                             {"language", {{"locale", host->locale}}}});
    }
    payload["team"] = json{{"name", context.team->name}, {"members", members}, {"id", context.team->id}};
  }
  if (trigger == "BOOKING_CANCELLED") {
    payload["cancellationReason"] = booking.cancellation_reason.value_or("");
    payload["cancelledBy"] = booking.cancelled_by.value_or("");
    payload["requestReschedule"] = false;
  }
  if (trigger == "BOOKING_RESCHEDULED" && context.previous) {
    payload["rescheduleUid"] = context.previous->uid;
    payload["rescheduleId"] = context.previous->id;
    payload["rescheduleStartTime"] = format_iso8601_utc(context.previous->start);
    payload["rescheduleEndTime"] = format_iso8601_utc(context.previous->end);
    payload["rescheduledBy"] = booking.rescheduled_by.value_or(context.organizer.email);
  }
  return json{{"triggerEvent", trigger}, {"createdAt", format_utc_millis(context.created_at)}, {"payload", payload}};
}

std::string render_payload_template(const std::string& payload_template, const json& body) {
  auto lookup = [&](const std::string& name) -> std::string {
    std::string path = "/" + name;
    for (auto& c : path) if (c == '.') c = '/';
    try {
      const json::json_pointer pointer(path);
      const json& scope = body.contains(pointer) ? body : body.at("payload");
      if (!scope.contains(pointer)) return "";
      const json& value = scope.at(pointer);
      return value.is_string() ? value.get<std::string>() : value.dump();
    } catch (const json::exception&) {
      return "";  // a malformed variable renders empty, as an unknown one does
    }
  };
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto open = payload_template.find("{{", pos);
    const auto close = open == std::string::npos ? open : payload_template.find("}}", open);
    if (close == std::string::npos) break;
    out += payload_template.substr(pos, open - pos);
    out += lookup(payload_template.substr(open + 2, close - open - 2));
    pos = close + 2;
  }
  return out + payload_template.substr(pos);
}

}  // namespace poblysh::calcom_sim
