// /_sim/…: the simulator's control panel for tests — reset, clock, faults, rate limit, requests
// served, bookings and webhook deliveries (drop, hold, release, re-send, trigger).
#include "core/time.hpp"
#include "render.hpp"
#include "routes.hpp"
#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

http::Response answer(int status, const json& body) { return http::Response::json_text(status, body.dump()); }
http::Response problem(int status, const std::string& message) { return answer(status, json{{"error", message}}); }

json clock_json(const SimClock& clock) {
  return json{{"now", format_utc_millis(clock.now())}, {"frozen", clock.frozen()}, {"offsetMs", clock.offset_ms()}};
}

// Admin bodies are small JSON objects; a bad one is the test's bug, reported plainly.
std::optional<json> object_body(const http::Request& request) {
  if (request.body.empty()) return json::object();
  auto parsed = json::parse(request.body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  return parsed;
}

json rate_limit_json(const SimContext& context) {
  return json{{"limit", context.limiter.limit()},
              {"retryAfter", context.send_retry_after.load()},
              {"windowSeconds", context.limiter.window().count()}};
}

http::Response set_clock(SimContext& context, const http::Request& request) {
  const auto body = object_body(request);
  if (!body) return problem(400, "body must be a JSON object");
  try {
    if (body->contains("now")) {
      auto time = parse_iso8601(body->at("now").get<std::string>());
      if (!time) return problem(400, "now must be an ISO 8601 time with offset");
      context.clock.freeze_at(*time);
    } else if (body->contains("offsetMs")) {
      context.clock.set_offset(std::chrono::milliseconds(body->at("offsetMs").get<std::int64_t>()));
    } else if (body->contains("advanceMs")) {
      const std::chrono::milliseconds step(body->at("advanceMs").get<std::int64_t>());
      if (context.clock.frozen())
        context.clock.freeze_at(context.clock.now() + step);
      else
        context.clock.set_offset(std::chrono::milliseconds(context.clock.offset_ms()) + step);
    } else if (body->value("real", false)) {
      context.clock.reset();
    } else {
      return problem(400, "give one of now, offsetMs, advanceMs, real");
    }
  } catch (const json::exception& error) {
    return problem(400, error.what());
  }
  return answer(200, clock_json(context.clock));
}

http::Response list_deliveries(SimContext& context, const http::Request& request) {
  // ?waitMs=N waits for the queue to drain first, so tests need not poll.
  if (auto wait = request.query_param("waitMs")) {
    if (auto ms = to_int(*wait)) context.dispatcher.wait_idle(std::chrono::milliseconds(*ms));
  }
  json data = json::array();
  for (const auto& record : context.dispatcher.records()) data.push_back(delivery_json(record));
  return answer(200, json{{"data", data}, {"settings", context.dispatcher.settings_json()}});
}

// Cal.com's scheduled sends: MEETING_ENDED at the end, Cal Video's no-show checks after the start.
bool scheduled_trigger(const std::string& trigger) {
  return trigger == "MEETING_ENDED" || trigger == "MEETING_STARTED" || trigger == "AFTER_HOSTS_CAL_VIDEO_NO_SHOW" ||
         trigger == "AFTER_GUESTS_CAL_VIDEO_NO_SHOW";
}

http::Response trigger(SimContext& context, const http::Request& request) {
  const auto body = object_body(request);
  if (!body || !body->contains("bookingUid") || !body->contains("triggerEvent")) {
    return problem(400, "give bookingUid and triggerEvent");
  }
  const std::string trigger_event = body->value("triggerEvent", "");
  if (scheduled_trigger(trigger_event)) {
    std::vector<std::string> absent;
    try {
      absent = body->value("absentEmails", std::vector<std::string>{});
    } catch (const json::exception&) {
      return problem(400, "absentEmails must be a list of emails");
    }
    auto jobs = context.store.scheduled_deliveries(trigger_event, body->value("bookingUid", ""),
                                                   body->value("hostEmail", ""), absent);
    if (!jobs) return problem(404, jobs.error().message);
    const auto count = jobs->size();
    context.dispatcher.enqueue(std::move(*jobs));
    return answer(202, json{{"queued", count}});
  }
  auto booking = context.store.get_booking(body->value("bookingUid", ""));
  if (!booking) return problem(404, booking.error().message);
  std::optional<Booking> previous;
  if (booking->rescheduled_from_uid) {
    if (auto found = context.store.get_booking(*booking->rescheduled_from_uid)) previous = *found;
  }
  auto jobs = context.store.deliveries_for(body->value("triggerEvent", ""), *booking, previous ? &*previous : nullptr);
  const auto count = jobs.size();
  context.dispatcher.enqueue(std::move(jobs));
  return answer(202, json{{"queued", count}});
}

}  // namespace

std::vector<http::Route> admin_routes(SimContext& context, FaultConfig startup_faults) {
  using http::Method;
  using http::Request;
  return {
      {Method::get, "/_sim/health",
       [](Request&) {
         return answer(200, json{{"status", "ok"}});
       }},
      {Method::post, "/_sim/reset",
       [&context, startup_faults, startup_limit = context.limiter.limit(), startup_window = context.limiter.window(),
        startup_retry_after = context.send_retry_after.load(), startup_frozen = context.clock.frozen(),
        startup_now = context.clock.now(), startup_offset = context.clock.offset_ms()](Request&) {
         context.store.reset();
         context.dispatcher.reset();
         context.faults.set(startup_faults);
         context.faults.forget_requests();
         context.limiter.set_limit(startup_limit);
         context.limiter.set_window(startup_window);
         context.limiter.reset();
         context.send_retry_after = startup_retry_after;
         if (startup_frozen)
           context.clock.freeze_at(startup_now);
         else
           context.clock.set_offset(std::chrono::milliseconds(startup_offset));
         return answer(200, json{{"reset", true}});
       }},
      {Method::get, "/_sim/clock", [&context](Request&) { return answer(200, clock_json(context.clock)); }},
      {Method::post, "/_sim/clock", [&context](Request& request) { return set_clock(context, request); }},
      {Method::get, "/_sim/faults",
       [&context](Request&) { return answer(200, fault_config_json(context.faults.get())); }},
      {Method::post, "/_sim/faults",
       [&context](Request& request) {
         const auto body = object_body(request);
         if (!body) return problem(400, "body must be a JSON object");
         auto merged = merge_fault_config(context.faults.get(), *body);
         if (!merged) return problem(400, merged.error().message);
         context.faults.set(*merged);
         return answer(200, fault_config_json(*merged));
       }},
      {Method::del, "/_sim/faults",
       [&context](Request&) {
         context.faults.set(FaultConfig{});
         return answer(200, fault_config_json(FaultConfig{}));
       }},
      {Method::get, "/_sim/rate-limit", [&context](Request&) { return answer(200, rate_limit_json(context)); }},
      {Method::post, "/_sim/rate-limit",
       [&context](Request& request) {
         const auto body = object_body(request);
         if (!body) return problem(400, "body must be a JSON object");
         if (body->contains("limit")) {
           if (!body->at("limit").is_number_integer()) return problem(400, "limit must be an integer");
           context.limiter.set_limit(body->at("limit").get<int>());
         }
         if (body->contains("retryAfter")) {
           if (!body->at("retryAfter").is_boolean()) return problem(400, "retryAfter must be a boolean");
           context.send_retry_after = body->at("retryAfter").get<bool>();
         }
         if (body->contains("windowSeconds")) {
           const auto& window = body->at("windowSeconds");
           if (!window.is_number_integer() || window.get<int>() < 1 || window.get<int>() > 3600) {
             return problem(400, "windowSeconds must be an integer from 1 to 3600");
           }
           context.limiter.set_window(std::chrono::seconds(window.get<int>()));
         }
         context.limiter.reset();
         return answer(200, rate_limit_json(context));
       }},
      {Method::get, "/_sim/requests",
       [&context](Request&) {
         return answer(200, json{{"data", context.faults.requests_seen()}});
       }},
      {Method::get, "/_sim/bookings",
       [&context](Request&) {
         json data = json::array();
         for (const auto& booking : context.store.all_bookings()) data.push_back(booking_json(booking, context.store));
         return answer(200, json{{"data", data}});
       }},
      {Method::get, "/_sim/deliveries", [&context](Request& request) { return list_deliveries(context, request); }},
      {Method::post, "/_sim/deliveries/:id/redeliver",
       [&context](Request& request) {
         const auto id = to_int(request.path_params["id"]);
         if (!id) return problem(400, "delivery id must be a number");
         auto copy = context.dispatcher.redeliver(*id);
         if (!copy) return problem(404, copy.error().message);
         return answer(202, json{{"id", *copy}});
       }},
      {Method::post, "/_sim/webhooks/drop",
       [&context](Request& request) {
         const auto body = object_body(request);
         if (!body || !body->contains("count") || !body->at("count").is_number_integer())
           return problem(400, "give count");
         context.dispatcher.drop_next(body->at("count").get<int>());
         return answer(200, context.dispatcher.settings_json());
       }},
      {Method::post, "/_sim/webhooks/hold",
       [&context](Request& request) {
         const auto body = object_body(request);
         if (!body || !body->contains("hold") || !body->at("hold").is_boolean())
           return problem(400, "give hold: true|false");
         context.dispatcher.set_hold(body->at("hold").get<bool>());
         return answer(200, context.dispatcher.settings_json());
       }},
      {Method::post, "/_sim/webhooks/release",
       [&context](Request& request) {
         const auto body = object_body(request);
         if (!body) return problem(400, "body must be a JSON object");
         const bool newest_first = body->value("order", "oldest") == "newest";
         return answer(202, json{{"released", context.dispatcher.release_held(newest_first)}});
       }},
      {Method::post, "/_sim/webhooks/trigger", [&context](Request& request) { return trigger(context, request); }},
      {Method::post, "/_sim/bookings/:uid/request-reschedule",
       [&context](Request& request) {
         // The host's "request reschedule" in Cal.com's app (no API v2 route): the booking is
         // cancelled, the attendee asked for a new time, BOOKING_CANCELLED says so.
         const auto body = object_body(request);
         if (!body) return problem(400, "body must be a JSON object");
         std::optional<std::string> reason;
         if (body->contains("reason")) {
           if (!body->at("reason").is_string()) return problem(400, "reason must be a string");
           reason = body->at("reason").get<std::string>();
         }
         auto cancelled = context.store.request_reschedule(request.path_params["uid"], reason);
         if (!cancelled) return problem(cancelled.error().status, cancelled.error().message);
         context.dispatcher.enqueue(context.store.deliveries_for("BOOKING_CANCELLED", *cancelled, nullptr));
         return answer(200, booking_json(*cancelled, context.store));
       }},
  };
}

}  // namespace poblysh::calcom_sim
