#include "calcom/parse.hpp"

#include <cmath>
#include <exception>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace poblysh::calcom {
namespace {

using json = nlohmann::json;

// Optional fields are omitted by Cal.com, but the spec also marks some nullable; both mean
// "absent" here, so a null never reaches a typed accessor.
const json* get(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string join_path(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

std::optional<std::int64_t> as_int(const json& value) {
  if (value.is_number_unsigned()) {
    auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // JavaScript has one number type, so 30 may arrive as 30.0.
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) {
      return static_cast<std::int64_t>(d);
    }
  }
  return std::nullopt;
}

// Lenient readers for optional fields: a wrong type is treated like an omitted field.
std::string opt_string(const json& object, const char* key) {
  const json* value = get(object, key);
  return value && value->is_string() ? value->get<std::string>() : std::string{};
}
std::optional<std::string> opt_string_maybe(const json& object, const char* key) {
  const json* value = get(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}
std::optional<std::int64_t> opt_int(const json& object, const char* key) {
  const json* value = get(object, key);
  return value ? as_int(*value) : std::nullopt;
}
bool opt_bool(const json& object, const char* key, bool fallback) {
  const json* value = get(object, key);
  return value && value->is_boolean() ? value->get<bool>() : fallback;
}
std::optional<SystemTime> opt_time(const json& object, const char* key) {
  const json* value = get(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  auto parsed = parse_iso8601(value->get<std::string>());
  if (!parsed) return std::nullopt;
  return *parsed;
}

// Strict readers for the fields without which the object is useless.
Result<std::string> req_string(const json& object, const char* key, const std::string& path) {
  const json* value = get(object, key);
  if (!value || !value->is_string()) {
    return fail(malformed_response(join_path(path, key) + ": missing or not a string"));
  }
  return value->get<std::string>();
}
Result<std::int64_t> req_int(const json& object, const char* key, const std::string& path) {
  const json* value = get(object, key);
  std::optional<std::int64_t> number = value ? as_int(*value) : std::nullopt;
  if (!number) return fail(malformed_response(join_path(path, key) + ": missing or not an integer"));
  return *number;
}
Result<SystemTime> req_time(const json& object, const char* key, const std::string& path) {
  auto text = req_string(object, key, path);
  if (!text) return fail(text.error());
  auto parsed = parse_iso8601(*text);
  if (!parsed) {
    return fail(malformed_response(join_path(path, key) + ": not an ISO 8601 time: " +
                                   text->substr(0, 40)));
  }
  return *parsed;
}

std::vector<std::string> string_array(const json& object, const char* key) {
  std::vector<std::string> out;
  const json* value = get(object, key);
  if (!value || !value->is_array()) return out;
  for (const auto& item : *value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::string join_messages(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  std::string joined;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) continue;
      if (!joined.empty()) joined += ", ";
      joined += item.get<std::string>();
    }
  }
  return joined;
}

Result<json> parse_json(std::string_view body) {
  json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail(malformed_response("body is not JSON"));
  if (!doc.is_object()) return fail(malformed_response("body is not a JSON object"));
  return doc;
}

// Checks the success envelope and returns the document; `data` is then known to exist.
Result<json> parse_envelope(std::string_view body) {
  auto doc = parse_json(body);
  if (!doc) return doc;
  const json* status = get(*doc, "status");
  if (status && status->is_string() && status->get<std::string>() != "success") {
    ApiErrorInfo info = parse_error_body(body);
    return fail(malformed_response("2xx with status \"" + status->get<std::string>() +
                                   "\": " + info.code + " " + info.message));
  }
  if (!doc->contains("data")) return fail(malformed_response("no \"data\" in the envelope"));
  return doc;
}

// Runs a parser with a last-resort net: nlohmann throws on some misuse we may have missed,
// and an exception must never escape into a request handler.
template <class T, class F>
Result<T> guarded(F&& parse) {
  try {
    return parse();
  } catch (const std::exception& e) {
    return fail(malformed_response(std::string("parser exception: ") + e.what()));
  }
}

Result<Me> me_from(const json& data) {
  auto id = req_int(data, "id", "data");
  if (!id) return fail(id.error());
  Me me;
  me.id = *id;
  me.username = opt_string(data, "username");
  me.email = opt_string(data, "email");
  me.name = opt_string(data, "name");
  me.time_zone = opt_string(data, "timeZone");
  if (auto tf = opt_int(data, "timeFormat")) me.time_format = static_cast<int>(*tf);
  me.week_start = opt_string(data, "weekStart");
  me.default_schedule_id = opt_int(data, "defaultScheduleId");
  me.organization_id = opt_int(data, "organizationId");
  return me;
}

Result<EventType> event_type_from(const json& item, const std::string& path) {
  auto id = req_int(item, "id", path);
  if (!id) return fail(id.error());
  EventType type;
  type.id = *id;
  type.slug = opt_string(item, "slug");
  type.title = opt_string(item, "title");
  // 2024-06-14 says lengthInMinutes; older controllers said length.
  auto length = opt_int(item, "lengthInMinutes");
  if (!length) length = opt_int(item, "length");
  type.length_in_minutes = static_cast<int>(length.value_or(0));
  if (const json* options = get(item, "lengthInMinutesOptions"); options && options->is_array()) {
    for (const auto& option : *options) {
      if (auto n = as_int(option)) type.length_in_minutes_options.push_back(static_cast<int>(*n));
    }
  }
  type.description = opt_string(item, "description");
  type.hidden = opt_bool(item, "hidden", false);
  type.owner_id = opt_int(item, "ownerId");
  type.team_id = opt_int(item, "teamId");
  type.scheduling_type = opt_string(item, "schedulingType");
  type.booking_url = opt_string(item, "bookingUrl");
  return type;
}

Attendee attendee_from(const json& item) {
  Attendee attendee;
  attendee.name = opt_string(item, "name");
  attendee.email = opt_string(item, "email");
  attendee.time_zone = opt_string(item, "timeZone");
  attendee.language = opt_string_maybe(item, "language");
  attendee.phone_number = opt_string_maybe(item, "phoneNumber");
  attendee.absent = opt_bool(item, "absent", false);
  return attendee;
}

Host host_from(const json& item) {
  Host host;
  host.id = opt_int(item, "id");
  host.name = opt_string(item, "name");
  host.email = opt_string(item, "email");
  host.username = opt_string(item, "username");
  host.time_zone = opt_string(item, "timeZone");
  return host;
}

Result<Booking> booking_from(const json& item, const std::string& path) {
  if (!item.is_object()) return fail(malformed_response(path + ": booking is not an object"));
  auto uid = req_string(item, "uid", path);
  if (!uid) return fail(uid.error());
  auto start = req_time(item, "start", path);
  if (!start) return fail(start.error());
  auto end = req_time(item, "end", path);
  if (!end) return fail(end.error());

  Booking booking;
  booking.id = opt_int(item, "id").value_or(0);
  booking.uid = std::move(*uid);
  booking.start = *start;
  booking.end = *end;
  booking.title = opt_string(item, "title");
  booking.description = opt_string(item, "description");
  booking.status = parse_booking_status(opt_string(item, "status"));
  if (auto d = opt_int(item, "duration")) booking.duration_minutes = static_cast<int>(*d);
  if (const json* type = get(item, "eventType")) {
    booking.event_type_id = opt_int(*type, "id");
    booking.event_type_slug = opt_string(*type, "slug");
  }
  if (!booking.event_type_id) booking.event_type_id = opt_int(item, "eventTypeId");
  booking.location = opt_string(item, "location");
  if (const json* hosts = get(item, "hosts"); hosts && hosts->is_array()) {
    for (const auto& host : *hosts) {
      if (host.is_object()) booking.hosts.push_back(host_from(host));
    }
  }
  if (const json* attendees = get(item, "attendees"); attendees && attendees->is_array()) {
    for (const auto& attendee : *attendees) {
      if (attendee.is_object()) booking.attendees.push_back(attendee_from(attendee));
    }
  }
  booking.guests = string_array(item, "guests");
  if (const json* metadata = get(item, "metadata"); metadata && metadata->is_object()) {
    for (const auto& [key, value] : metadata->items()) {
      if (value.is_string()) booking.metadata.emplace(key, value.get<std::string>());
    }
  }
  booking.created_at = opt_time(item, "createdAt");
  booking.updated_at = opt_time(item, "updatedAt");
  booking.cancellation_reason = opt_string(item, "cancellationReason");
  booking.rescheduling_reason = opt_string(item, "reschedulingReason");
  booking.rescheduled_from_uid = opt_string(item, "rescheduledFromUid");
  booking.rescheduled_to_uid = opt_string(item, "rescheduledToUid");
  return booking;
}

Result<Webhook> webhook_from(const json& item, const std::string& path) {
  const json* id = get(item, "id");
  Webhook webhook;
  if (id && id->is_string()) {
    webhook.id = id->get<std::string>();
  } else if (auto number = id ? as_int(*id) : std::nullopt) {
    webhook.id = std::to_string(*number);  // the spec's type; real ids are UUID strings
  } else {
    return fail(malformed_response(path + ".id: missing or not a string/number"));
  }
  webhook.subscriber_url = opt_string(item, "subscriberUrl");
  webhook.triggers = string_array(item, "triggers");
  webhook.active = opt_bool(item, "active", false);
  webhook.payload_template = opt_string(item, "payloadTemplate");
  webhook.has_secret = !opt_string(item, "secret").empty();
  return webhook;
}

// A list may arrive bare or wrapped by older controllers ({"eventTypes": [...]}).
const json* list_in(const json& data, const char* wrapper) {
  if (data.is_array()) return &data;
  const json* inner = get(data, wrapper);
  return inner && inner->is_array() ? inner : nullptr;
}

}  // namespace

Error malformed_response(std::string detail) {
  return Error{ErrorCode::upstream_failed,
               "Cal.com sent a response we could not read. Try again; if it keeps happening, "
               "report it with the request id.",
               {},
               "malformed Cal.com response: " + std::move(detail),
               {}};
}

const char* booking_status_name(BookingStatus status) {
  switch (status) {
    case BookingStatus::accepted: return "accepted";
    case BookingStatus::pending: return "pending";
    case BookingStatus::cancelled: return "cancelled";
    case BookingStatus::rejected: return "rejected";
    case BookingStatus::unknown: return "unknown";
  }
  return "unknown";
}

BookingStatus parse_booking_status(std::string_view text) {
  // The API says lowercase, webhooks say UPPERCASE; accept both.
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "accepted") return BookingStatus::accepted;
  if (lower == "pending") return BookingStatus::pending;
  if (lower == "cancelled") return BookingStatus::cancelled;
  if (lower == "rejected") return BookingStatus::rejected;
  return BookingStatus::unknown;
}

ApiErrorInfo parse_error_body(std::string_view body) {
  ApiErrorInfo info;
  try {
    json doc = json::parse(body.begin(), body.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      // Not Cal.com's JSON (a gateway page): keep a short, single-line snippet for the log.
      for (char c : body.substr(0, 200)) info.message += (c == '\n' || c == '\r') ? ' ' : c;
      return info;
    }
    if (const json* error = get(doc, "error"); error && error->is_object()) {
      info.code = opt_string(*error, "code");
      if (const json* message = get(*error, "message")) info.message = join_messages(*message);
      if (info.message.empty()) {
        if (const json* details = get(*error, "details")) {
          if (const json* message = get(*details, "message")) info.message = join_messages(*message);
        }
      }
      return info;
    }
    // Bare Nest body: {"statusCode":400,"message":…,"error":"Bad Request"}.
    if (const json* message = get(doc, "message")) info.message = join_messages(*message);
    info.code = opt_string(doc, "error");
  } catch (const std::exception&) {
    // Best effort by contract: whatever we collected so far is the answer.
  }
  return info;
}

Result<Me> parse_me_response(std::string_view body) {
  return guarded<Me>([&]() -> Result<Me> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    return me_from((*doc)["data"]);
  });
}

Result<std::vector<EventType>> parse_event_types_response(std::string_view body) {
  return guarded<std::vector<EventType>>([&]() -> Result<std::vector<EventType>> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json* list = list_in((*doc)["data"], "eventTypes");
    if (!list) return fail(malformed_response("data: not a list of event types"));
    std::vector<EventType> types;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto type = event_type_from((*list)[i], "data[" + std::to_string(i) + "]");
      if (!type) return fail(type.error());
      types.push_back(std::move(*type));
    }
    return types;
  });
}

Result<Slots> parse_slots_response(std::string_view body) {
  return guarded<Slots>([&]() -> Result<Slots> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json* data = &(*doc)["data"];
    // The 2024-04-15 controller wrapped the map as {"slots": {...}}.
    if (const json* inner = get(*data, "slots"); inner && inner->is_object()) data = inner;
    if (!data->is_object()) return fail(malformed_response("data: slots are not a date map"));
    Slots slots;
    for (const auto& [date, list] : data->items()) {
      std::string path = "data." + date;
      if (!list.is_array()) return fail(malformed_response(path + ": not a list"));
      std::vector<Slot>& day = slots.by_date[date];
      for (const auto& item : list) {
        Slot slot;
        if (item.is_string()) {  // the spec's (wrong) schema: bare start strings
          auto start = parse_iso8601(item.get<std::string>());
          if (!start) return fail(malformed_response(path + ": bad slot time"));
          slot.start = *start;
        } else {
          auto start = req_time(item, "start", path);
          if (!start) return fail(start.error());
          slot.start = *start;
          if (get(item, "end")) {
            auto end = req_time(item, "end", path);
            if (!end) return fail(end.error());
            slot.end = *end;
          }
        }
        day.push_back(slot);
      }
    }
    return slots;
  });
}

Result<Booking> parse_booking_response(std::string_view body) {
  return guarded<Booking>([&]() -> Result<Booking> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json& data = (*doc)["data"];
    // A recurring create answers with an array; we only create single bookings, so the
    // first occurrence stands for the series.
    if (data.is_array()) {
      if (data.empty()) return fail(malformed_response("data: empty booking list"));
      return booking_from(data[0], "data[0]");
    }
    return booking_from(data, "data");
  });
}

Result<BookingsPage> parse_bookings_response(std::string_view body, int take) {
  return guarded<BookingsPage>([&]() -> Result<BookingsPage> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json* list = list_in((*doc)["data"], "bookings");
    if (!list) return fail(malformed_response("data: not a list of bookings"));
    BookingsPage page;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto booking = booking_from((*list)[i], "data[" + std::to_string(i) + "]");
      if (!booking) return fail(booking.error());
      page.bookings.push_back(std::move(*booking));
    }
    const json* pagination = get(*doc, "pagination");
    if (!pagination) pagination = get((*doc)["data"], "pagination");
    if (pagination && pagination->is_object()) {
      if (auto total = opt_int(*pagination, "totalItems")) page.total_items = static_cast<int>(*total);
      // Offset form says hasNextPage, the cursor form (2026-05-01) says hasMore.
      page.has_next_page = opt_bool(*pagination, "hasNextPage", opt_bool(*pagination, "hasMore", false));
    } else {
      page.has_next_page = take > 0 && static_cast<int>(page.bookings.size()) >= take;
    }
    return page;
  });
}

Result<Webhook> parse_webhook_response(std::string_view body) {
  return guarded<Webhook>([&]() -> Result<Webhook> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json& data = (*doc)["data"];
    if (!data.is_object()) return fail(malformed_response("data: webhook is not an object"));
    return webhook_from(data, "data");
  });
}

Result<std::vector<Webhook>> parse_webhooks_response(std::string_view body) {
  return guarded<std::vector<Webhook>>([&]() -> Result<std::vector<Webhook>> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json* list = list_in((*doc)["data"], "webhooks");
    if (!list) return fail(malformed_response("data: not a list of webhooks"));
    std::vector<Webhook> webhooks;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto webhook = webhook_from((*list)[i], "data[" + std::to_string(i) + "]");
      if (!webhook) return fail(webhook.error());
      webhooks.push_back(std::move(*webhook));
    }
    return webhooks;
  });
}

}  // namespace poblysh::calcom
