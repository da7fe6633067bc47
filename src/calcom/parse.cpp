#include "calcom/parse.hpp"

#include "calcom/json_read.hpp"
#include "core/json_depth.hpp"

namespace poblysh::calcom {
namespace {

using namespace json_read;

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
  if (const json* locations = get(item, "locations"); locations && locations->is_array()) {
    for (const auto& location : *locations) {
      if (!location.is_object() || opt_string(location, "type").empty()) continue;
      BookingLocation where{opt_string(location, "type"), {}, {}, {}, {}};
      if (auto text = opt_string(location, "integration"); !text.empty()) where.integration = text;
      if (auto text = opt_string(location, "address"); !text.empty()) where.address = text;
      if (auto text = opt_string(location, "phone"); !text.empty()) where.phone = text;
      if (auto text = opt_string(location, "location"); !text.empty()) where.location = text;
      type.locations.push_back(std::move(where));
    }
  }
  return type;
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

// A response whose data is a list, bare or wrapped as {"<wrapper>": [...]}, of `what`.
template <class T>
Result<std::vector<T>> list_response(std::string_view body, const char* wrapper, std::string_view what,
                                     Result<T> (*item_from)(const json&, const std::string&)) {
  return guarded<std::vector<T>>([&]() -> Result<std::vector<T>> {
    ASSIGN_OR_RETURN(auto doc, parse_envelope(body));
    const json* list = list_in(doc["data"], wrapper);
    if (!list) return fail(malformed_response("data: not a list of " + std::string(what)));
    return items_from(*list, item_from);
  });
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

ApiErrorInfo parse_error_body(std::string_view body) {
  ApiErrorInfo info;
  try {
    json doc = json_depth_within(body) ? json::parse(body.begin(), body.end(), nullptr, false) : json(nullptr);
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
  return list_response(body, "eventTypes", "event types", event_type_from);
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
  return list_response(body, "webhooks", "webhooks", webhook_from);
}

}  // namespace poblysh::calcom
