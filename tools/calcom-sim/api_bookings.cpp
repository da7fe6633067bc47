// /v2/bookings…: create, read, list, cancel, reschedule, add guests — plus webhook fan-out.
#include <thread>

#include "core/time.hpp"
#include "render.hpp"
#include "routes.hpp"
#include "webhook_payload.hpp"
#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

// class-validator reports every problem at once, comma-joined; so do we.
class Problems {
 public:
  void add(std::string problem) { list_.push_back(std::move(problem)); }
  bool empty() const { return list_.empty(); }
  ApiError error() const {
    std::string message;
    for (const auto& item : list_) message += (message.empty() ? "" : ", ") + item;
    return ApiError{400, "BadRequestException", message};
  }

 private:
  std::vector<std::string> list_;
};

bool looks_like_email(const std::string& text) {
  const auto at = text.find('@');
  return at != std::string::npos && at > 0 && text.find('@', at + 1) == std::string::npos &&
         text.find('.', at) != std::string::npos && text.back() != '.' && text.find(' ') == std::string::npos;
}

http::Response fail(SimContext& context, const http::Request& request, const ApiError& error) {
  return nest_error(request, error, context.clock.now());
}

void notify(SimContext& context, const std::string& trigger, const Booking& booking, const Booking* previous) {
  context.dispatcher.enqueue(context.store.deliveries_for(trigger, booking, previous));
}

// Metadata limits of Cal.com's booking input: ≤ 50 keys, keys ≤ 40 chars, string values ≤ 500.
void check_metadata(const json& metadata, Problems& problems) {
  if (!metadata.is_object()) {
    problems.add("metadata must be an object");
    return;
  }
  if (metadata.size() > 50) problems.add("metadata must have at most 50 keys");
  for (const auto& [key, value] : metadata.items()) {
    if (key.size() > 40) problems.add("metadata key '" + key.substr(0, 40) + "…' is longer than 40 characters");
    if (value.is_string() && value.get<std::string>().size() > 500) {
      problems.add("metadata value of '" + key + "' is longer than 500 characters");
    } else if (!value.is_string() && !value.is_number() && !value.is_boolean()) {
      problems.add("metadata value of '" + key + "' must be a string, number or boolean");
    }
  }
}

std::optional<Attendee> parse_person(const json& item, const std::string& prefix, bool name_required,
                                     const std::string& default_zone, Problems& problems) {
  if (!item.is_object()) {
    problems.add(prefix + " must be an object");
    return std::nullopt;
  }
  Attendee person;
  person.time_zone = default_zone;
  if (item.contains("name") ? !item["name"].is_string() : name_required) problems.add(prefix + ".name must be a string");
  else person.name = item.value("name", "");
  if (item.contains("email")) {
    if (!item["email"].is_string() || !looks_like_email(item["email"].get<std::string>())) {
      problems.add(prefix + ".email must be an email");
    } else {
      person.email = item["email"].get<std::string>();
    }
  }
  if (item.contains("timeZone") || name_required) {
    if (!item.contains("timeZone") || !item["timeZone"].is_string() ||
        !is_known_zone(item["timeZone"].get<std::string>())) {
      problems.add(prefix + ".timeZone must be a valid IANA time zone");
    } else {
      person.time_zone = item["timeZone"].get<std::string>();
    }
  }
  if (item.contains("phoneNumber")) {
    if (item["phoneNumber"].is_string()) person.phone = item["phoneNumber"].get<std::string>();
    else problems.add(prefix + ".phoneNumber must be a valid phone number");
  }
  if (item.contains("language")) {
    if (item["language"].is_string()) person.language = item["language"].get<std::string>();
    else problems.add(prefix + ".language must be a string");
  }
  return person;
}

SimResult<CreateBookingInput> parse_create(const json& body) {
  Problems problems;
  CreateBookingInput input;
  if (!body.is_object()) return tl::unexpected(ApiError{400, "BadRequestException", "body must be an object"});
  if (!body.contains("start") || !body["start"].is_string() || !parse_iso8601(body["start"].get<std::string>())) {
    problems.add("start must be a valid ISO 8601 date string");
  } else {
    input.start = *parse_iso8601(body["start"].get<std::string>());
  }
  if (!body.contains("attendee")) {
    problems.add("attendee should not be null or undefined");
  } else if (auto attendee = parse_person(body["attendee"], "attendee", true, "UTC", problems)) {
    if (attendee->email.empty() && attendee->phone.empty()) problems.add("attendee.email or attendee.phoneNumber is required");
    input.attendee = *attendee;
  }
  if (body.contains("eventTypeId")) {
    if (body["eventTypeId"].is_number_integer()) input.event_type_id = body["eventTypeId"].get<int>();
    else problems.add("eventTypeId must be a number conforming to the specified constraints");
  }
  input.event_type_slug = body.value("eventTypeSlug", "");
  input.username = body.value("username", "");
  input.team_slug = body.value("teamSlug", "");
  if (body.contains("guests")) {
    if (!body["guests"].is_array()) {
      problems.add("guests must be an array");
    } else {
      for (const auto& guest : body["guests"]) {
        if (!guest.is_string() || !looks_like_email(guest.get<std::string>())) {
          problems.add("each value in guests must be an email");
          break;
        }
        input.guests.push_back(guest.get<std::string>());
      }
    }
  }
  if (body.contains("lengthInMinutes")) {
    if (body["lengthInMinutes"].is_number_integer()) input.length = body["lengthInMinutes"].get<int>();
    else problems.add("lengthInMinutes must be a number conforming to the specified constraints");
  }
  if (body.contains("metadata")) {
    check_metadata(body["metadata"], problems);
    if (body["metadata"].is_object()) input.metadata = body["metadata"];
  }
  if (body.contains("bookingFieldsResponses")) {
    if (body["bookingFieldsResponses"].is_object()) input.responses = body["bookingFieldsResponses"];
    else problems.add("bookingFieldsResponses must be an object");
  }
  if (body.contains("location")) {
    if (body["location"].is_object() && body["location"].contains("type")) input.location = body["location"];
    else if (!body["location"].is_null()) problems.add("location must be a valid booking location object");
  }
  if (!problems.empty()) return tl::unexpected(problems.error());
  return input;
}

// Without a known cal-api-version the request reaches the 2024-04-15 controller, whose body
// schema (eventTypeId, start, end, responses, timeZone, language, metadata) a 2024-08-13 body fails.
ApiError legacy_create_error(const json& body) {
  Problems problems;
  if (!body.is_object() || !body.contains("end")) problems.add("end must be a valid ISO 8601 date string");
  if (!body.is_object() || !body.contains("responses")) problems.add("responses must be an object");
  if (!body.is_object() || !body.contains("timeZone")) problems.add("timeZone must be a string");
  if (!body.is_object() || !body.contains("language")) problems.add("language must be a string");
  if (!body.is_object() || !body.contains("metadata")) problems.add("metadata must be an object");
  if (problems.empty()) return ApiError{400, "BadRequestException", "Legacy (2024-04-15) booking creation is not simulated"};
  return problems.error();
}

http::Response create_booking(SimContext& context, http::Request& request, const Caller&) {
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  if (!is_bookings_version(api_version(request))) return fail(context, request, legacy_create_error(*body));
  auto input = parse_create(*body);
  if (!input) return fail(context, request, input.error());
  input->start += std::chrono::minutes(context.faults.get().booking_start_shift_minutes);
  auto booking = context.store.create_booking(*input);
  if (!booking) return fail(context, request, booking.error());
  // A booking that waits for its host is announced as requested; BOOKING_CREATED follows its confirmation.
  notify(context, booking->status == "pending" ? "BOOKING_REQUESTED" : "BOOKING_CREATED", *booking, nullptr);
  // Fail after commit: the booking exists, the client sees an error (or nothing) and must look
  // it up before retrying, or it books twice.
  const std::string mode = context.faults.take_fail_after_commit();
  if (mode == "hang") std::this_thread::sleep_for(std::chrono::milliseconds(context.faults.get().hang_ms));
  if (!mode.empty()) return fail(context, request, ApiError{500, "InternalServerErrorException", "Internal server error"});
  return success(201, booking_json(*booking, context.store));
}

http::Response get_booking(SimContext& context, http::Request& request, const Caller&) {
  auto booking = context.store.get_booking(request.path_params["bookingUid"]);
  if (!booking) return fail(context, request, booking.error());
  if (!is_bookings_version(api_version(request))) return success(200, legacy_booking_json(*booking, context.store));
  return success(200, booking_json(*booking, context.store));
}

std::optional<SystemTime> time_param(const http::Request& request, const std::string& name, Problems& problems) {
  const auto value = request.query_param(name);
  if (!value) return std::nullopt;
  auto parsed = parse_iso8601(*value);
  if (!parsed) {
    problems.add(name + " must be a valid ISO 8601 date string");
    return std::nullopt;
  }
  return *parsed;
}

http::Response list_bookings(SimContext& context, http::Request& request, const Caller& caller) {
  Problems problems;
  BookingFilter filter;
  static const std::vector<std::string> kBuckets{"upcoming", "recurring", "past", "cancelled", "unconfirmed"};
  for (const auto& [key, value] : request.query) {
    if (key != "status" && key != "status[]") continue;
    for (const auto& bucket : split_list(value)) {
      if (std::find(kBuckets.begin(), kBuckets.end(), bucket) == kBuckets.end()) {
        problems.add("each value in status must be one of the following values: upcoming, recurring, past, cancelled, unconfirmed");
      }
      filter.statuses.push_back(bucket);
    }
  }
  filter.attendee_email = request.query_param("attendeeEmail").value_or("");
  filter.attendee_name = request.query_param("attendeeName").value_or("");
  for (const auto* name : {"eventTypeId", "eventTypeIds"}) {
    for (const auto& id : split_list(request.query_param(name).value_or(""))) {
      if (auto number = to_int(id)) filter.event_type_ids.push_back(*number);
      else problems.add(std::string(name) + " must be a number or a comma-separated list of numbers");
    }
  }
  filter.after_start = time_param(request, "afterStart", problems);
  filter.before_end = time_param(request, "beforeEnd", problems);
  filter.after_created = time_param(request, "afterCreatedAt", problems);
  filter.before_created = time_param(request, "beforeCreatedAt", problems);
  filter.after_updated = time_param(request, "afterUpdatedAt", problems);
  filter.before_updated = time_param(request, "beforeUpdatedAt", problems);
  for (const auto& [param, field] : std::vector<std::pair<std::string, std::string>>{
           {"sortStart", "start"}, {"sortEnd", "end"}, {"sortCreated", "createdAt"}, {"sortUpdatedAt", "updatedAt"}}) {
    if (auto direction = request.query_param(param)) {
      if (*direction != "asc" && *direction != "desc") problems.add(param + " must be one of the following values: asc, desc");
      filter.sort_field = field;
      filter.descending = *direction == "desc";
    }
  }
  const auto take = to_int(request.query_param("take").value_or("100"));
  const auto skip = to_int(request.query_param("skip").value_or("0"));
  if (!take || *take < 1 || *take > 250) problems.add("take must not be greater than 250");
  if (!skip || *skip < 0) problems.add("skip must not be less than 0");
  if (!problems.empty()) return fail(context, request, problems.error());
  filter.take = *take;
  filter.skip = *skip;
  const auto page = context.store.list_bookings(caller.user->id, filter);
  json data = json::array();
  const bool current = is_bookings_version(api_version(request));
  for (const auto& booking : page.items) {
    data.push_back(current ? booking_json(booking, context.store) : legacy_booking_json(booking, context.store));
  }
  if (!current) {
    return success(200, json{{"bookings", data}, {"recurringInfo", json::array()}, {"nextCursor", nullptr}});
  }
  return success_with(200, json{{"status", "success"},
                                {"data", data},
                                {"pagination", pagination_json(page.total, filter.take, filter.skip,
                                                               static_cast<int>(page.items.size()))}});
}

http::Response cancel_booking(SimContext& context, http::Request& request, const Caller& caller) {
  const std::string uid = request.path_params["bookingUid"];
  // The 2024-04-15 controller cancels by numeric id (ParseIntPipe).
  if (!is_bookings_version(api_version(request)) && !to_int(uid)) {
    return fail(context, request, ApiError{400, "BadRequestException", "Validation failed (numeric string is expected)"});
  }
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  if (body->contains("seatUid")) return fail(context, request, ApiError{400, "BadRequestException", "Booking is not a seated booking"});
  std::optional<std::string> reason;
  if (body->contains("cancellationReason")) {
    if (!(*body)["cancellationReason"].is_string()) {
      return fail(context, request, ApiError{400, "BadRequestException", "cancellationReason must be a string"});
    }
    reason = (*body)["cancellationReason"].get<std::string>();
  }
  auto cancelled = context.store.cancel_booking(uid, reason, caller.user ? caller.user->id : 0);
  if (!cancelled) return fail(context, request, cancelled.error());
  notify(context, "BOOKING_CANCELLED", *cancelled, nullptr);
  return success(200, booking_json(*cancelled, context.store));
}

http::Response reschedule_booking(SimContext& context, http::Request& request, const Caller&) {
  if (!is_bookings_version(api_version(request))) return cannot_route(request, context.clock.now());
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  Problems problems;
  RescheduleInput input;
  if (!body->is_object() || !body->contains("start") || !(*body)["start"].is_string() ||
      !parse_iso8601((*body)["start"].get<std::string>())) {
    problems.add("start must be a valid ISO 8601 date string");
  } else {
    input.start = *parse_iso8601((*body)["start"].get<std::string>());
  }
  if (body->is_object() && body->contains("reschedulingReason")) {
    if ((*body)["reschedulingReason"].is_string()) input.reason = (*body)["reschedulingReason"].get<std::string>();
    else problems.add("reschedulingReason must be a string");
  }
  if (body->is_object() && body->contains("rescheduledBy")) {
    const auto& by = (*body)["rescheduledBy"];
    if (by.is_string() && looks_like_email(by.get<std::string>())) input.rescheduled_by = by.get<std::string>();
    else problems.add("rescheduledBy must be an email");
  }
  if (!problems.empty()) return fail(context, request, problems.error());
  auto moved = context.store.reschedule_booking(request.path_params["bookingUid"], input);
  if (!moved) return fail(context, request, moved.error());
  // One BOOKING_RESCHEDULED for the new booking; Cal.com sends no BOOKING_CANCELLED for the old.
  // A new time that waits for the host arrives as BOOKING_REQUESTED for the new booking.
  notify(context, moved->second.status == "pending" ? "BOOKING_REQUESTED" : "BOOKING_RESCHEDULED", moved->second,
         &moved->first);
  return success(201, booking_json(moved->second, context.store));
}

http::Response add_guests(SimContext& context, http::Request& request, const Caller&) {
  // This route has no 2024-04-15 controller: without the header Nest finds no route at all.
  if (!is_bookings_version(api_version(request))) return cannot_route(request, context.clock.now());
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  auto existing = context.store.get_booking(request.path_params["bookingUid"]);
  if (!existing) return fail(context, request, existing.error());
  Problems problems;
  std::vector<Attendee> guests;
  if (!body->is_object() || !body->contains("guests") || !(*body)["guests"].is_array() || (*body)["guests"].empty()) {
    problems.add("guests must contain at least 1 elements");
  } else if ((*body)["guests"].size() > 10) {
    problems.add("guests must contain no more than 10 elements");
  } else {
    const std::string zone = existing->attendees.empty() ? "UTC" : existing->attendees.front().time_zone;
    for (std::size_t i = 0; i < (*body)["guests"].size(); ++i) {
      const auto& item = (*body)["guests"][i];
      const std::string prefix = "guests." + std::to_string(i);
      if (auto guest = parse_person(item, prefix, false, zone, problems)) {
        if (guest->email.empty()) problems.add(prefix + ".email must be an email");
        guests.push_back(*guest);
      }
    }
  }
  if (!problems.empty()) return fail(context, request, problems.error());
  auto updated = context.store.add_guests(existing->uid, guests);
  if (!updated) return fail(context, request, updated.error());
  return success(200, booking_json(*updated, context.store));
}

http::Response confirm_booking(SimContext& context, http::Request& request, const Caller&) {
  if (!is_bookings_version(api_version(request))) return cannot_route(request, context.clock.now());
  auto confirmed = context.store.confirm_booking(request.path_params["bookingUid"]);
  if (!confirmed) return fail(context, request, confirmed.error());
  notify(context, "BOOKING_CREATED", *confirmed, nullptr);
  return success(200, booking_json(*confirmed, context.store));
}

http::Response decline_booking(SimContext& context, http::Request& request, const Caller&) {
  if (!is_bookings_version(api_version(request))) return cannot_route(request, context.clock.now());
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  std::optional<std::string> reason;
  if (body->is_object() && body->contains("reason")) {
    if (!(*body)["reason"].is_string())
      return fail(context, request, ApiError{400, "BadRequestException", "reason must be a string"});
    reason = (*body)["reason"].get<std::string>();
  }
  auto declined = context.store.decline_booking(request.path_params["bookingUid"], reason);
  if (!declined) return fail(context, request, declined.error());
  notify(context, "BOOKING_REJECTED", *declined, nullptr);
  return success(200, booking_json(*declined, context.store));
}

http::Response mark_absent(SimContext& context, http::Request& request, const Caller&) {
  if (!is_bookings_version(api_version(request))) return cannot_route(request, context.clock.now());
  auto body = parse_json_body(request);
  if (!body) return fail(context, request, body.error());
  Problems problems;
  std::optional<bool> host;
  std::vector<Store::AbsentMark> attendees;
  if (!body->is_object()) problems.add("body must be an object");
  if (body->is_object() && body->contains("host")) {
    if ((*body)["host"].is_boolean())
      host = (*body)["host"].get<bool>();
    else
      problems.add("host must be a boolean value");
  }
  if (body->is_object() && body->contains("attendees")) {
    const auto& list = (*body)["attendees"];
    if (!list.is_array()) problems.add("attendees must be an array");
    for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
      const auto& item = list[i];
      const std::string prefix = "attendees." + std::to_string(i);
      if (!item.is_object() || !item.contains("email") || !item["email"].is_string())
        problems.add(prefix + ".email must be a string");
      else if (!item.contains("absent") || !item["absent"].is_boolean())
        problems.add(prefix + ".absent must be a boolean value");
      else
        attendees.push_back({item["email"].get<std::string>(), item["absent"].get<bool>()});
    }
  }
  if (!problems.empty()) return fail(context, request, problems.error());
  auto marked = context.store.mark_absent(request.path_params["bookingUid"], host, attendees);
  if (!marked) return fail(context, request, marked.error());
  // Cal.com's handleMarkNoShow sends BOOKING_NO_SHOW_UPDATED for attendees only: marking the
  // host alone changes the booking and tells no webhook.
  if (body->contains("attendees") && !attendees.empty()) {
    std::vector<NoShowEntry> entries;
    for (const auto& mark : marked->second) entries.push_back({mark.email, mark.absent});
    const Booking& booking = marked->first;
    context.dispatcher.enqueue(context.store.deliveries_with_body(
        "BOOKING_NO_SHOW_UPDATED", booking, no_show_updated_body(booking, entries, context.clock.now())));
  }
  return success(200, booking_json(marked->first, context.store));
}

}  // namespace

std::vector<http::Route> booking_routes(SimContext& context) {
  using http::Method;
  auto bind = [&context](auto function) {
    return [&context, function](http::Request& request, const Caller& caller) { return function(context, request, caller); };
  };
  return {
      {Method::post, "/v2/bookings", guarded(context, Auth::optional, "", bind(create_booking))},
      {Method::get, "/v2/bookings", guarded(context, Auth::required, "", bind(list_bookings))},
      {Method::get, "/v2/bookings/:bookingUid", guarded(context, Auth::optional, "", bind(get_booking))},
      {Method::post, "/v2/bookings/:bookingUid/cancel", guarded(context, Auth::optional, "", bind(cancel_booking))},
      {Method::post, "/v2/bookings/:bookingUid/reschedule",
       guarded(context, Auth::optional, "", bind(reschedule_booking))},
      {Method::post, "/v2/bookings/:bookingUid/guests", guarded(context, Auth::required, "", bind(add_guests))},
      {Method::post, "/v2/bookings/:bookingUid/confirm", guarded(context, Auth::required, "", bind(confirm_booking))},
      {Method::post, "/v2/bookings/:bookingUid/decline", guarded(context, Auth::required, "", bind(decline_booking))},
      {Method::post, "/v2/bookings/:bookingUid/mark-absent", guarded(context, Auth::required, "", bind(mark_absent))},
  };
}

}  // namespace poblysh::calcom_sim
