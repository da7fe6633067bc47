#include "webhook_payload.hpp"

#include <chrono>

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
    payload["requestReschedule"] = booking.reschedule_requested;
  }
  if (trigger == "BOOKING_REJECTED") {
    if (booking.rejection_reason) payload["rejectionReason"] = *booking.rejection_reason;
  }
  if (trigger == "BOOKING_REQUESTED" || trigger == "BOOKING_CREATED")
    payload["requiresConfirmation"] = context.event_type.requires_confirmation;
  if ((trigger == "BOOKING_RESCHEDULED" || trigger == "BOOKING_REQUESTED") && context.previous) {
    payload["rescheduleUid"] = context.previous->uid;
    payload["rescheduleId"] = context.previous->id;
    payload["rescheduleStartTime"] = format_iso8601_utc(context.previous->start);
    payload["rescheduleEndTime"] = format_iso8601_utc(context.previous->end);
    payload["rescheduledBy"] = booking.rescheduled_by.value_or(context.organizer.email);
  }
  return json{{"triggerEvent", trigger}, {"createdAt", format_utc_millis(context.created_at)}, {"payload", payload}};
}

json meeting_row_body(const std::string& trigger, const Booking& booking, const User& organizer) {
  json attendees = json::array();
  int attendee_id = booking.id * 10;
  for (const auto& attendee : booking.attendees) {
    attendees.push_back(json{{"id", ++attendee_id},
                             {"email", attendee.email},
                             {"name", attendee.name},
                             {"timeZone", attendee.time_zone},
                             {"phoneNumber", attendee.phone.empty() ? json(nullptr) : json(attendee.phone)},
                             {"locale", attendee.language},
                             {"bookingId", booking.id},
                             {"noShow", attendee.absent}});
  }
  json metadata = json::parse(booking.metadata.dump());
  if (!booking.meeting_url.empty()) metadata["videoCallUrl"] = booking.meeting_url;
  json references = json::array();
  if (!booking.meeting_url.empty()) {
    references.push_back(json{{"id", booking.id},
                              {"type", "daily_video"},
                              {"uid", booking.uid},
                              {"meetingId", booking.uid},
                              {"meetingPassword", nullptr},
                              {"meetingUrl", booking.meeting_url},
                              {"bookingId", booking.id},
                              {"externalCalendarId", nullptr},
                              {"deleted", nullptr},
                              {"credentialId", nullptr}});
  }
  // JSON.stringify({triggerEvent, ...booking}): the trigger, then Prisma's row in model order.
  return json{{"triggerEvent", trigger},
              {"id", booking.id},
              {"uid", booking.uid},
              {"userId", organizer.id},
              {"userPrimaryEmail", organizer.email},
              {"eventTypeId", booking.event_type_id},
              {"title", booking.title},
              {"description", booking.description},
              {"customInputs", json::object()},
              {"responses", responses_json(booking)},
              {"startTime", format_utc_millis(booking.start)},
              {"endTime", format_utc_millis(booking.end)},
              {"location", booking.location},
              {"createdAt", format_utc_millis(booking.created_at)},
              {"updatedAt", format_utc_millis(booking.updated_at)},
              {"status", upper(booking.status)},
              {"paid", false},
              {"destinationCalendarId", nullptr},
              {"cancellationReason", booking.cancellation_reason ? json(*booking.cancellation_reason) : json(nullptr)},
              {"rejectionReason", booking.rejection_reason ? json(*booking.rejection_reason) : json(nullptr)},
              {"dynamicEventSlugRef", nullptr},
              {"dynamicGroupSlugRef", nullptr},
              {"rescheduled", nullptr},
              {"fromReschedule", booking.rescheduled_from_uid ? json(*booking.rescheduled_from_uid) : json(nullptr)},
              {"recurringEventId", nullptr},
              {"smsReminderNumber", nullptr},
              {"scheduledJobs", json::array()},
              {"metadata", metadata},
              {"isRecorded", false},
              {"iCalUID", booking.ical_uid},
              {"iCalSequence", booking.ical_sequence},
              {"rating", nullptr},
              {"ratingFeedback", nullptr},
              {"noShowHost", booking.absent_host},
              {"cancelledBy", booking.cancelled_by ? json(*booking.cancelled_by) : json(nullptr)},
              {"rescheduledBy", booking.rescheduled_by ? json(*booking.rescheduled_by) : json(nullptr)},
              {"attendees", attendees},
              {"user",
               {{"email", organizer.email},
                {"name", organizer.name},
                {"timeZone", organizer.time_zone},
                {"username", organizer.username}}},
              {"payment", json::array()},
              {"references", references}};
}

json cal_video_no_show_body(const std::string& trigger, const Booking& booking, const EventType& type,
                            const std::string& host_email, SystemTime created_at) {
  // The task runs `time` minutes after the start (the webhook's setting; five here) and says
  // whom it did not see by then, in dayjs's "YYYY-MM-DD HH:mm:ss Z".
  const SystemTime deadline = booking.start + std::chrono::minutes(5);
  const std::string before =
      format_iso8601_utc(deadline).substr(0, 10) + " " + format_iso8601_utc(deadline).substr(11, 8) + " +00:00";
  json attendees = json::array();
  int attendee_id = booking.id * 10;
  for (const auto& attendee : booking.attendees) {
    attendees.push_back(json{{"id", ++attendee_id},
                             {"email", attendee.email},
                             {"name", attendee.name},
                             {"timeZone", attendee.time_zone},
                             {"phoneNumber", attendee.phone.empty() ? json(nullptr) : json(attendee.phone)},
                             {"locale", attendee.language},
                             {"bookingId", booking.id},
                             {"noShow", attendee.absent}});
  }
  json payload{{"title", booking.title},       {"bookingId", booking.id},
               {"bookingUid", booking.uid},    {"startTime", format_utc_millis(booking.start)},
               {"attendees", attendees},       {"endTime", format_utc_millis(booking.end)},
               {"participants", json::array()}};
  if (!host_email.empty()) payload["hostEmail"] = host_email;
  if (booking.rescheduled_from_uid)
    payload["rescheduledBy"] = booking.rescheduled_by ? json(*booking.rescheduled_by) : json(nullptr);
  payload["eventType"] = json{{"id", type.id},
                              {"teamId", type.team_id ? json(*type.team_id) : json(nullptr)},
                              {"parentId", nullptr},
                              {"calVideoSettings", nullptr}};
  // Filled per subscriber by the dispatcher's fan-out (Store::deliveries_with_body).
  payload["webhook"] = json{{"id", ""}, {"subscriberUrl", ""}, {"time", 5}, {"timeUnit", "MINUTE"}};
  payload["message"] = trigger == "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"
                           ? "Guest didn't join the call or didn't join before " + before
                           : "Host with email " + host_email + " didn't join the call or didn't join before " + before;
  return json{{"triggerEvent", trigger}, {"createdAt", format_utc_millis(created_at)}, {"payload", payload}};
}

json no_show_updated_body(const Booking& booking, const std::vector<NoShowEntry>& attendees, SystemTime created_at) {
  json list = json::array();
  for (const auto& attendee : attendees) list.push_back(json{{"email", attendee.email}, {"noShow", attendee.no_show}});
  // Translated on Cal.com's side: "x_marked_as_no_show" and its siblings, in English.
  std::string message = "No-show updated";
  if (attendees.size() == 1) {
    message = attendees.front().email + (attendees.front().no_show ? " marked as no-show" : " unmarked as no-show");
  }
  return json{
      {"triggerEvent", "BOOKING_NO_SHOW_UPDATED"},
      {"createdAt", format_utc_millis(created_at)},
      {"payload", {{"message", message}, {"attendees", list}, {"bookingUid", booking.uid}, {"bookingId", booking.id}}}};
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
