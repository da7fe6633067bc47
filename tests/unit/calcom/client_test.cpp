// CurlClient over a fake transport: headers, retries, 429 handling, budget, caching, fan-out.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/time.hpp"
#include "harness.hpp"

namespace poblysh::calcom {
namespace {

using namespace std::chrono_literals;
using testing::Harness;
using testing::json_reply;
using testing::success;
using testing::transport_failure;

constexpr const char* kMe = R"({"status":"success","data":{"id":1,"username":"alice","email":"a@x.io"}})";

SlotsQuery slots_for(std::int64_t event_type) {
  SlotsQuery query;
  query.event_type_id = event_type;
  query.start = *parse_iso8601("2026-05-04T00:00:00Z");
  query.end = *parse_iso8601("2026-05-05T00:00:00Z");
  return query;
}

// Cal.com's default slots answer: starts only, as when format=range is not honoured.
constexpr const char* kStartsOnly =
    R"({"2026-05-04":[{"start":"2026-05-04T09:00:00.000Z"},{"start":"2026-05-04T10:00:00.000Z"}]})";
constexpr const char* kBrunosTypes =
    R"([{"id":1101,"slug":"founder-interview","title":"Founder interview","lengthInMinutes":45}])";

std::vector<std::chrono::minutes> lengths(const Slots& slots) {
  std::vector<std::chrono::minutes> out;
  for (const auto& [date, day] : slots.by_date) {
    for (const auto& slot : day) {
      out.push_back(slot.end ? std::chrono::duration_cast<std::chrono::minutes>(*slot.end - slot.start)
                             : std::chrono::minutes(-1));
    }
  }
  return out;
}

TEST(Client, SlotsWithoutAnEndLastTheEventTypesLength) {
  Harness h([](const HttpRequest& request) {
    if (request.url.find("/v2/slots") != std::string::npos) return json_reply(200, success(kStartsOnly));
    if (request.url.find("/v2/event-types?username=bruno&eventSlug=founder-interview") != std::string::npos) {
      return json_reply(200, success(kBrunosTypes));
    }
    return json_reply(404, R"({"status":"error","error":{"code":"NotFoundException","message":"no"}})");
  });
  SlotsQuery member = slots_for(0);
  member.event_type_id.reset();
  member.username = "bruno";
  member.event_type_slug = "founder-interview";
  auto slots = h.client.slots(member);
  ASSERT_TRUE(slots) << slots.error().internal;
  EXPECT_EQ(lengths(*slots), (std::vector<std::chrono::minutes>{45min, 45min}));
  EXPECT_NE(h.log.text().find("without their end"), std::string::npos);

  // With the meeting's length given, that length; no event type is read.
  const auto before = h.transport->count(HttpMethod::get, "/v2/event-types");
  member.duration_minutes = 60;
  slots = h.client.slots(member);
  ASSERT_TRUE(slots);
  EXPECT_EQ(lengths(*slots), (std::vector<std::chrono::minutes>{60min, 60min}));
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/event-types"), before);
}

// A member's free windows with no end and no known length would read as "never free": an error
// says so instead.
TEST(Client, SlotsWithoutAnEndOrAKnownLengthAreAnError) {
  Harness h([](const HttpRequest& request) {
    if (request.url.find("/v2/slots") != std::string::npos) return json_reply(200, success(kStartsOnly));
    return json_reply(200, success("[]"));
  });
  SlotsQuery member = slots_for(0);
  member.event_type_id.reset();
  member.username = "zoe";
  member.event_type_slug = "30min";
  auto slots = h.client.slots(member);
  ASSERT_FALSE(slots);
  EXPECT_EQ(slots.error().code, ErrorCode::upstream_failed);

  // By event type id, an unknown length leaves the ends out: callers count the meeting's own.
  auto by_id = h.client.slots(slots_for(77));
  ASSERT_TRUE(by_id) << by_id.error().internal;
  EXPECT_EQ(lengths(*by_id), (std::vector<std::chrono::minutes>{-1min, -1min}));
  // Asked without ranges, starts only is the answer wanted.
  member.range_format = false;
  auto plain = h.client.slots(member);
  ASSERT_TRUE(plain);
  EXPECT_EQ(lengths(*plain), (std::vector<std::chrono::minutes>{-1min, -1min}));
}

TEST(Client, SendsBearerKeyAndPerEndpointVersion) {
  Harness h([](const HttpRequest& request) {
    if (request.url.find("/v2/slots") != std::string::npos) return json_reply(200, success("{}"));
    return json_reply(200, kMe);
  });
  ASSERT_TRUE(h.client.me());
  ASSERT_TRUE(h.client.slots(slots_for(9)));
  auto requests = h.transport->requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].url, "https://cal.test/v2/me");
  EXPECT_EQ(find_header(requests[0].headers, "authorization"), std::string("Bearer ") + testing::kTestKey);
  EXPECT_FALSE(find_header(requests[0].headers, "cal-api-version").has_value());
  EXPECT_EQ(find_header(requests[1].headers, "cal-api-version"), "2024-09-04");
  EXPECT_NE(requests[1].url.find("eventTypeId=9"), std::string::npos);
  EXPECT_NE(requests[1].url.find("format=range"), std::string::npos);
}

TEST(Client, ReadIsRetriedOn5xxWithJitteredBackoff) {
  int calls = 0;
  Harness h([&](const HttpRequest&) {
    return ++calls < 3 ? json_reply(503, R"({"statusCode":503,"message":"down"})") : json_reply(200, kMe);
  });
  auto me = h.client.me();
  ASSERT_TRUE(me) << me.error().internal;
  EXPECT_EQ(calls, 3);
  // random = 0.5: half of 250 ms, then half of 500 ms.
  EXPECT_EQ(h.sleeper->sleeps(), (std::vector<std::chrono::milliseconds>{125ms, 250ms}));
}

// Cal.com's own 500 and a 408 are as retryable as a gateway's 503: a read tries again.
TEST(Client, ReadIsRetriedAfterAnInternalErrorAndARequestTimeout) {
  int calls = 0;
  Harness h([&](const HttpRequest&) {
    ++calls;
    if (calls == 1) return json_reply(500, R"({"statusCode":500,"message":"Internal server error"})");
    if (calls == 2) return json_reply(408, R"({"statusCode":408,"message":"Request Timeout"})");
    return json_reply(200, kMe);
  });
  auto me = h.client.me();
  ASSERT_TRUE(me) << me.error().internal;
  EXPECT_EQ(calls, 3);
}

TEST(Client, ReadGivesUpAfterMaxAttempts) {
  Harness h([](const HttpRequest&) { return transport_failure(TransportFailure::timed_out); });
  auto me = h.client.me();
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_unavailable);
  EXPECT_EQ(h.transport->count(), 3u);
  EXPECT_EQ(h.sleeper->sleeps().size(), 2u);
}

TEST(Client, TotalRetryTimeBoundsTheAttempts) {
  auto options = testing::test_options();
  options.max_attempts = 10;
  options.max_total_retry_time = 1000ms;
  Harness h([](const HttpRequest&) { return json_reply(502, "<html>bad gateway</html>"); }, options, 0.999);
  auto me = h.client.me();
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_unavailable);
  // 249 + 499 = 748 ms fits; the next 999 ms would pass 1000 ms.
  EXPECT_EQ(h.transport->count(), 3u);
  EXPECT_LE(h.sleeper->total(), 1000ms);
}

TEST(Client, ClientErrorsAreNotRetried) {
  Harness h([](const HttpRequest&) {
    return json_reply(404, R"({"status":"error","error":{"code":"NotFoundException","message":"no booking"}})");
  });
  auto booking = h.client.get_booking("missing");
  ASSERT_FALSE(booking);
  EXPECT_EQ(booking.error().code, ErrorCode::not_found);
  EXPECT_EQ(h.transport->count(), 1u);
}

TEST(Client, RejectedKeyIsUpstreamFailedAndSaysWhatToDo) {
  Harness h([](const HttpRequest&) {
    return json_reply(401,
                      R"({"status":"error","error":{"code":"UnauthorizedException","message":"Invalid API Key"}})");
  });
  auto me = h.client.me();
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_failed);
  EXPECT_NE(me.error().message.find("POBLYSH_CALCOM_API_KEY"), std::string::npos);
  EXPECT_EQ(h.transport->count(), 1u);
}

TEST(Client, MissingRouteForVersionIsAConfigurationProblemNotNotFound) {
  Harness h([](const HttpRequest&) {
    return json_reply(404, R"({"statusCode":404,"message":"Cannot POST /v2/bookings/x/guests","error":"Not Found"})");
  });
  auto added = h.client.add_guests("x", {{"c@x.io", {}, {}}});
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, ErrorCode::upstream_failed);
}

TEST(Client, RateLimitedHonoursRetryAfter) {
  int calls = 0;
  Harness h([&](const HttpRequest&) {
    return ++calls == 1
               ? json_reply(429,
                            R"({"status":"error","error":{"code":"ThrottlerException","message":"Too Many Requests"}})",
                            {{"Retry-After", "3"}})
               : json_reply(200, kMe);
  });
  ASSERT_TRUE(h.client.me());
  EXPECT_EQ(calls, 2);
  EXPECT_GE(h.sleeper->total(), 3s);
}

TEST(Client, RateLimitedUsesResetHeaderWithoutRetryAfter) {
  int calls = 0;
  Harness h([&](const HttpRequest&) {
    return ++calls == 1
               ? json_reply(429, "{}", {{"X-RateLimit-Remaining-Default", "0"}, {"X-RateLimit-Reset-Default", "5"}})
               : json_reply(200, kMe);
  });
  ASSERT_TRUE(h.client.me());
  EXPECT_GE(h.sleeper->total(), 5s);
  EXPECT_LT(h.sleeper->total(), 6s);
}

TEST(Client, RateLimitLongerThanBudgetFailsFastAndHoldsBackOtherCalls) {
  Harness h([](const HttpRequest&) {
    return json_reply(429, R"({"statusCode":429,"message":"ThrottlerException: Too Many Requests"})");
  });
  auto me = h.client.me();
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(me.error().retry_after_seconds, 60);  // no headers: Cal.com's 60 s block
  EXPECT_EQ(h.transport->count(), 1u);
  EXPECT_TRUE(h.sleeper->sleeps().empty());
  // The key is blocked for everyone: the next call is refused without being sent.
  auto again = h.client.list_webhooks();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(h.transport->count(), 1u);
}

TEST(Client, ClientSideBudgetQueuesThenRefuses) {
  auto options = testing::test_options();
  options.requests_per_minute = 2;
  options.max_rate_limit_wait = 5s;
  Harness h([](const HttpRequest&) { return json_reply(200, kMe); }, options);
  ASSERT_TRUE(h.client.me());
  ASSERT_TRUE(h.client.me());
  auto third = h.client.me();
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::rate_limited);
  EXPECT_EQ(third.error().retry_after_seconds, 60);
  EXPECT_EQ(h.transport->count(), 2u);
  h.clock->advance(57s);
  ASSERT_TRUE(h.client.me());  // waits the remaining 3 s for a slot
  EXPECT_EQ(h.transport->count(), 3u);
  EXPECT_EQ(h.sleeper->total(), 3s);
}

TEST(Client, FailuresAreLoggedAsJsonWithRequestIdButNeverTheKey) {
  Harness h([](const HttpRequest&) {
    return json_reply(400,
                      std::string(R"({"status":"error","error":{"code":"BadRequestException","message":"bad key )") +
                          testing::kTestKey + "\"}}");
  });
  auto me = h.client.me(CallContext{"req-77"});
  ASSERT_FALSE(me);
  std::string text = h.log.text();
  EXPECT_EQ(text.find("TOPSECRET"), std::string::npos) << text;
  EXPECT_EQ(me.error().internal.find("TOPSECRET"), std::string::npos);
  EXPECT_EQ(me.error().message.find("TOPSECRET"), std::string::npos);
  // Logged once per failed attempt, not once per layer: exactly one line, a JSON object.
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_EQ(text.rfind(R"({"msg":"cal.com request failed","request_id":"req-77",)", 0), 0u) << text;
  auto line = nlohmann::json::parse(text);
  EXPECT_EQ(line["msg"], "cal.com request failed");
  EXPECT_EQ(line["request_id"], "req-77");
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/v2/me");
  EXPECT_EQ(line["status"], 400);
  EXPECT_EQ(line["calcom_code"], "BadRequestException");
  EXPECT_EQ(line["calcom_message"], "bad key cal_live_...0042");
  EXPECT_EQ(line["attempt"], 1);
  EXPECT_EQ(line["max_attempts"], 3);
  EXPECT_TRUE(line["elapsed_ms"].is_number_integer());
}

TEST(Client, WithoutALoggerFailuresDoNotReachSpdlogsGlobalLogger) {
  std::ostringstream global;
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(
      std::make_shared<spdlog::logger>("global", std::make_shared<spdlog::sinks::ostream_sink_mt>(global)));
  {
    auto transport = std::make_shared<testing::FakeTransport>([](const HttpRequest&) { return json_reply(400, "{}"); });
    auto clock = std::make_shared<testing::ManualClock>();
    CurlClient client(testing::test_options(),
                      ClientDeps{transport, clock, std::make_shared<testing::FakeSleeper>(*clock), nullptr, nullptr});
    EXPECT_FALSE(client.me());
  }
  spdlog::set_default_logger(previous);
  EXPECT_EQ(global.str(), "");
}

TEST(Client, MalformedSuccessIsAClearError) {
  Harness h([](const HttpRequest&) { return json_reply(200, "<html>maintenance</html>"); });
  auto me = h.client.me();
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_failed);
  EXPECT_EQ(h.transport->count(), 1u);
}

TEST(Client, EventTypesAreCachedForTheirTtl) {
  Harness h([](const HttpRequest&) {
    return json_reply(200, success(R"([{"id":1,"slug":"interview","title":"Interview","lengthInMinutes":45}])"));
  });
  ASSERT_TRUE(h.client.event_types({}));
  ASSERT_TRUE(h.client.event_types({}));
  EXPECT_EQ(h.transport->count(), 1u);
  EventTypesQuery team;
  team.team_id = 5;
  ASSERT_TRUE(h.client.event_types(team));  // a different request, a different entry
  EXPECT_EQ(h.transport->count(), 2u);
  EXPECT_EQ(testing::FakeTransport::path_of(h.transport->requests()[1].url), "/v2/teams/5/event-types");
  EXPECT_FALSE(find_header(h.transport->requests()[1].headers, "cal-api-version").has_value());
  EventTypesQuery someone;
  someone.username = "alice";
  ASSERT_TRUE(h.client.event_types(someone));
  EXPECT_EQ(testing::FakeTransport::path_of(h.transport->requests().back().url), "/v2/event-types?username=alice");
  EXPECT_EQ(h.transport->count(), 3u);
  h.clock->advance(5min + 1s);
  ASSERT_TRUE(h.client.event_types({}));
  EXPECT_EQ(h.transport->count(), 4u);
  EventTypesQuery fresh;
  fresh.skip_cache = true;
  ASSERT_TRUE(h.client.event_types(fresh));
  EXPECT_EQ(h.transport->count(), 5u);
}

TEST(Client, EventTypesCacheExpires) {
  Harness h([](const HttpRequest&) {
    return json_reply(200, success(R"([{"id":1,"slug":"interview","title":"Interview","lengthInMinutes":45}])"));
  });
  ASSERT_TRUE(h.client.event_types({}));
  h.clock->advance(5min - 1s);
  ASSERT_TRUE(h.client.event_types({}));
  EXPECT_EQ(h.transport->count(), 1u);
  h.clock->advance(2s);
  ASSERT_TRUE(h.client.event_types({}));
  EXPECT_EQ(h.transport->count(), 2u);
}

TEST(Client, SlotsAreCachedForSecondsAndDroppedWhenABookingIsMade) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) {
      return json_reply(201, success(testing::booking_json("bk", "iv")));
    }
    return json_reply(200, success(R"({"2026-05-04":[{"start":"2026-05-04T09:00:00Z"}]})"));
  });
  ASSERT_TRUE(h.client.slots(slots_for(9)));
  ASSERT_TRUE(h.client.slots(slots_for(9)));
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/slots"), 1u);
  h.clock->advance(31s);
  ASSERT_TRUE(h.client.slots(slots_for(9)));
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/slots"), 2u);

  CreateBookingRequest booking;
  booking.interview_id = "iv";
  booking.event_type_id = 9;
  booking.start = *parse_iso8601("2026-05-04T09:00:00Z");
  booking.attendee = Attendee{"Bob", "bob@example.com", "UTC", {}, {}, false};
  ASSERT_TRUE(h.client.create_booking(booking));
  ASSERT_TRUE(h.client.slots(slots_for(9)));
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/slots"), 3u);
}

TEST(Client, InvalidQueriesAreRefusedWithoutARequest) {
  Harness h([](const HttpRequest&) { return json_reply(200, "{}"); });
  SlotsQuery nothing = slots_for(9);
  nothing.event_type_id.reset();
  auto slots = h.client.slots(nothing);
  ASSERT_FALSE(slots);
  EXPECT_EQ(slots.error().code, ErrorCode::invalid_input);
  BookingsQuery huge;
  huge.take = 1000;
  EXPECT_FALSE(h.client.list_bookings(huge));
  EXPECT_EQ(h.transport->count(), 0u);
}

TEST(Client, SlotsManyRunsLookupsInParallelAndKeepsOrder) {
  std::mutex mutex;
  std::condition_variable all_arrived;
  int in_flight = 0;
  int max_in_flight = 0;
  Harness h([&](const HttpRequest& request) {
    std::unique_lock lock(mutex);
    ++in_flight;
    max_in_flight = std::max(max_in_flight, in_flight);
    all_arrived.notify_all();
    // Hold every request until all eight are in flight (or give up after 2 s, if serial).
    all_arrived.wait_for(lock, 2s, [&] { return max_in_flight >= 8; });
    --in_flight;
    auto id_at = request.url.find("eventTypeId=") + 12;
    std::string id = request.url.substr(id_at, request.url.find('&', id_at) - id_at);
    return json_reply(200, success(R"({"2026-05-0)" + id + R"(":[{"start":"2026-05-04T09:00:00Z"}]})"));
  });
  std::vector<SlotsQuery> queries;
  for (int i = 1; i <= 8; ++i) queries.push_back(slots_for(i));
  auto results = h.client.slots_many(queries);
  ASSERT_EQ(results.size(), 8u);
  EXPECT_EQ(max_in_flight, 8);
  for (int i = 1; i <= 8; ++i) {
    ASSERT_TRUE(results[static_cast<std::size_t>(i - 1)]);
    EXPECT_EQ(results[static_cast<std::size_t>(i - 1)]->by_date.count("2026-05-0" + std::to_string(i)), 1u);
  }
}

TEST(Client, SlotsManyReportsEachFailureSeparately) {
  Harness h([](const HttpRequest& request) {
    if (request.url.find("eventTypeId=2") != std::string::npos) {
      return json_reply(400, R"({"statusCode":400,"message":"bad event"})");
    }
    return json_reply(200, success("{}"));
  });
  auto results = h.client.slots_many({slots_for(1), slots_for(2), slots_for(3)});
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0]);
  EXPECT_FALSE(results[1]);
  EXPECT_TRUE(results[2]);
  EXPECT_TRUE(h.client.slots_many({}).empty());
}

TEST(Client, FindBookingByInterviewPagesAndMatchesMetadata) {
  Harness h([](const HttpRequest& request) {
    bool first = request.url.find("skip=0") != std::string::npos;
    std::string list =
        first ? "[" + testing::booking_json("a", "other") + "," + testing::booking_json("b", "iv_7", "cancelled") + "]"
              : "[" + testing::booking_json("c", "iv_7") + "]";
    return json_reply(200, R"({"status":"success","data":)" + list + R"(,"pagination":{"hasNextPage":)" +
                               (first ? "true" : "false") + "}}");
  });
  BookingsQuery scope;
  scope.take = 2;
  auto found = h.client.find_booking_by_interview("iv_7", scope);
  ASSERT_TRUE(found) << found.error().internal;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->uid, "c");
  EXPECT_EQ(h.transport->count(), 2u);
  auto missing = h.client.find_booking_by_interview("iv_nope", scope);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

}  // namespace
}  // namespace poblysh::calcom
