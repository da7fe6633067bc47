#include "calcom/curl_client.hpp"

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>

#include "calcom/client_calls.hpp"
#include "calcom/curl_transport.hpp"
#include "calcom/encode.hpp"
#include "calcom/parse.hpp"
#include "core/log_line.hpp"

namespace poblysh::calcom {
namespace {

ClientDeps with_defaults(ClientDeps deps) {
  if (!deps.transport) deps.transport = std::make_shared<CurlTransport>();
  if (!deps.clock) deps.clock = std::make_shared<SystemClock>();
  if (!deps.sleeper) deps.sleeper = std::make_shared<ThreadSleeper>();
  if (!deps.random) deps.random = std::make_shared<SystemRandom>();
  if (!deps.logger) {
    // Not registered with spdlog: each client owns its fallback logger.
    deps.logger = std::make_shared<spdlog::logger>("calcom", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  }
  return deps;
}

// Enough pages for any realistic lookup window; beyond that the scope is too wide to trust a
// "not found", so we say so instead.
constexpr int kMaxLookupPages = 10;

}  // namespace

CurlClient::CurlClient(ClientOptions options, ClientDeps deps)
    : options_(std::move(options)),
      deps_(with_defaults(std::move(deps))),
      limiter_(options_.requests_per_minute, *deps_.clock, *deps_.sleeper),
      executor_(options_, *deps_.transport, *deps_.clock, *deps_.sleeper, *deps_.random, limiter_, *deps_.logger),
      event_types_cache_(*deps_.clock, options_.event_types_ttl),
      slots_cache_(*deps_.clock, options_.slots_ttl, 1024) {}

std::string CurlClient::version_of(const std::string& api) const {
  auto it = options_.api_versions.find(api);
  return it == options_.api_versions.end() ? std::string{} : it->second;
}

std::string CurlClient::cache_key(const ApiCall& api_call) const {
  return version_of(api_call.api) + " " + api_call.path + build_query(api_call.query);
}

Result<Me> CurlClient::me(const CallContext& ctx) {
  ApiCall api_call{HttpMethod::get, "/v2/me", {}, {}, kApiMe, "user"};
  return call<Me>(api_call, ctx, Repeat::safe, parse_me_response);
}

Result<std::vector<EventType>> CurlClient::event_types(const EventTypesQuery& query, const CallContext& ctx) {
  ApiCall api_call;
  api_call.resource = "event type";
  if (query.team_id) {
    api_call.path = "/v2/teams/" + std::to_string(*query.team_id) + "/event-types";
    api_call.api = kApiTeams;
    if (query.event_slug) api_call.query.emplace_back("eventSlug", *query.event_slug);
  } else {
    api_call.path = "/v2/event-types";
    api_call.api = kApiEventTypes;
    if (query.username) api_call.query.emplace_back("username", *query.username);
    if (query.event_slug) api_call.query.emplace_back("eventSlug", *query.event_slug);
  }
  std::string key = cache_key(api_call);
  if (!query.skip_cache) {
    if (auto cached = event_types_cache_.get(key)) return std::move(*cached);
  }
  auto types = call<std::vector<EventType>>(api_call, ctx, Repeat::safe, parse_event_types_response);
  if (types) event_types_cache_.put(key, *types);
  return types;
}

Result<Slots> CurlClient::slots(const SlotsQuery& query, const CallContext& ctx) {
  RETURN_IF_ERROR(validate_slots_query(query));
  ApiCall api_call{HttpMethod::get, "/v2/slots", slots_query_params(query), {}, kApiSlots, "event type"};
  std::string key = cache_key(api_call);
  if (auto cached = slots_cache_.get(key)) return std::move(*cached);
  auto found = call<Slots>(api_call, ctx, Repeat::safe, parse_slots_response);
  if (!found) return found;
  ASSIGN_OR_RETURN(auto complete, with_ends(std::move(*found), query, ctx));
  slots_cache_.put(key, complete);
  return complete;
}

Result<Slots> CurlClient::with_ends(Slots slots, const SlotsQuery& query, const CallContext& ctx) {
  const bool all_end = std::all_of(slots.by_date.begin(), slots.by_date.end(), [](const auto& day) {
    return std::all_of(day.second.begin(), day.second.end(), [](const Slot& slot) { return slot.end.has_value(); });
  });
  if (all_end || !query.range_format) return slots;
  std::optional<int> minutes = query.duration_minutes;
  if (!minutes && !query.usernames.empty()) minutes = 30;  // Cal.com's length of a dynamic group event
  if (!minutes) {
    EventTypesQuery lookup;
    if (!query.event_type_id) {
      lookup.username = query.username;
      lookup.event_slug = query.event_type_slug;
    }
    auto types = event_types(lookup, ctx);
    if (types) {
      for (const auto& type : *types) {
        const bool named = query.event_type_id ? type.id == *query.event_type_id
                                               : query.event_type_slug && type.slug == *query.event_type_slug;
        if (named && type.length_in_minutes > 0) minutes = type.length_in_minutes;
      }
    }
  }
  deps_.logger->warn(LogLine("cal.com answered free times without their end")
                         .text("request_id", ctx.request_id)
                         .number("length_minutes", minutes.value_or(0))
                         .str());
  if (!minutes) {
    // Another user's or a team's event type by id: its callers count from the meeting's own
    // length. A member's calendar (by username) would look never free: that is an error.
    if (query.event_type_id) return slots;
    return tl::unexpected(Error{ErrorCode::upstream_failed,
                                "Cal.com gave free times without their end, and the event type's length is unknown.",
                                {},
                                "slots: no end and no length for the query",
                                {}});
  }
  for (auto& [date, day] : slots.by_date) {
    for (auto& slot : day) {
      if (!slot.end) slot.end = slot.start + std::chrono::minutes(*minutes);
    }
  }
  return slots;
}

std::vector<Result<Slots>> CurlClient::slots_many(const std::vector<SlotsQuery>& queries, const CallContext& ctx) {
  std::vector<Result<Slots>> results(queries.size());
  std::atomic<std::size_t> next{0};
  // Each worker takes the next query; the transport's handle pool gives each its own
  // connection, so N lookups cost about one round trip (within the rate budget).
  auto work = [&] {
    for (std::size_t i = next++; i < queries.size(); i = next++) {
      try {
        results[i] = slots(queries[i], ctx);
      } catch (const std::exception& e) {
        results[i] = tl::unexpected(Error{
            ErrorCode::internal, "Looking up free times failed.", {}, std::string("slots_many: ") + e.what(), {}});
      }
    }
  };
  std::size_t width =
      std::min<std::size_t>(queries.size(), static_cast<std::size_t>(std::max(1, options_.max_parallel_requests)));
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < width; ++t) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads available: the ones we have (and this one) finish the queue
    }
  }
  work();
  for (auto& worker : workers) worker.join();
  return results;
}

Result<Booking> CurlClient::get_booking(const std::string& uid, const CallContext& ctx) {
  if (uid.empty()) return invalid_field("uid", "is required");
  ApiCall api_call{HttpMethod::get, "/v2/bookings/" + path_segment(uid), {}, {}, kApiBookings, "booking"};
  return call<Booking>(api_call, ctx, Repeat::safe, parse_booking_response);
}

Result<BookingsPage> CurlClient::list_bookings(const BookingsQuery& query, const CallContext& ctx) {
  if (query.take < 1 || query.take > 250) return invalid_field("take", "must be between 1 and 250");
  if (query.skip < 0) return invalid_field("skip", "must not be negative");
  ApiCall api_call{HttpMethod::get, "/v2/bookings", bookings_query_params(query), {}, kApiBookings, "booking"};
  int take = query.take;
  return call<BookingsPage>(api_call, ctx, Repeat::safe,
                            [take](std::string_view body) { return parse_bookings_response(body, take); });
}

Result<std::optional<Booking>> CurlClient::find_booking_by_interview(const std::string& interview_id,
                                                                     const BookingsQuery& scope,
                                                                     const CallContext& ctx) {
  if (interview_id.empty()) return invalid_field("interview_id", "is required");
  BookingsQuery page_query = scope;
  for (int page = 0; page < kMaxLookupPages; ++page) {
    ASSIGN_OR_RETURN(auto listed, list_bookings(page_query, ctx));
    for (Booking& booking : listed.bookings) {
      bool live = booking.status != BookingStatus::cancelled && booking.status != BookingStatus::rejected;
      if (live && booking.interview_id() == interview_id) return std::optional<Booking>(std::move(booking));
    }
    if (!listed.has_next_page || listed.bookings.empty()) return std::optional<Booking>();
    page_query.skip += static_cast<int>(listed.bookings.size());
  }
  return tl::unexpected(
      Error{ErrorCode::upstream_failed,
            "Could not search all Cal.com bookings for this interview.",
            {},
            "find_booking_by_interview: more than " + std::to_string(kMaxLookupPages) + " pages in scope",
            {}});
}

Result<std::vector<Webhook>> CurlClient::list_webhooks(const CallContext& ctx) {
  ApiCall api_call{HttpMethod::get, "/v2/webhooks", {{"take", "250"}}, {}, kApiWebhooks, "webhook"};
  return call<std::vector<Webhook>>(api_call, ctx, Repeat::safe, parse_webhooks_response);
}

Result<Webhook> CurlClient::create_webhook(const WebhookInput& input, const CallContext& ctx) {
  if (input.subscriber_url.empty()) return invalid_field("subscriber_url", "is required");
  if (input.triggers.empty()) return invalid_field("triggers", "give at least one trigger");
  ApiCall api_call{HttpMethod::post, "/v2/webhooks", {}, encode_webhook_input(input), kApiWebhooks, "webhook"};
  // Creating twice would deliver every event twice: after a lost answer, look for a webhook
  // with this URL before sending again.
  auto find_applied = [&]() -> Result<std::optional<Webhook>> {
    ASSIGN_OR_RETURN(auto existing, list_webhooks(ctx));
    for (Webhook& webhook : existing) {
      if (webhook.subscriber_url == input.subscriber_url) return std::optional<Webhook>(std::move(webhook));
    }
    return std::optional<Webhook>();
  };
  return call_checked<Webhook>(api_call, ctx, parse_webhook_response, find_applied);
}

Result<Webhook> CurlClient::update_webhook(const std::string& id, const WebhookPatch& patch, const CallContext& ctx) {
  if (id.empty()) return invalid_field("id", "is required");
  ApiCall api_call{HttpMethod::patch, "/v2/webhooks/" + path_segment(id), {}, encode_webhook_patch(patch), kApiWebhooks,
                   "webhook"};
  // PATCH sets the same fields to the same values again: safe to repeat.
  return call<Webhook>(api_call, ctx, Repeat::safe, parse_webhook_response);
}

}  // namespace poblysh::calcom
