// Non-idempotent writes: a lost answer is followed by a lookup, never by a blind second send.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "harness.hpp"

namespace poblysh::calcom {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::booking_json;
using testing::Harness;
using testing::json_reply;
using testing::success;
using testing::transport_failure;

CreateBookingRequest interview(const std::string& id = "iv_1") {
  CreateBookingRequest request;
  request.interview_id = id;
  request.event_type_id = 9;
  request.start = *parse_iso8601("2026-05-04T09:00:00Z");
  request.attendee = Attendee{"Bob", "bob@example.com", "UTC", {}, {}, false};
  return request;
}

std::string list_of(const std::vector<std::string>& items) {
  std::string data = "[";
  for (const auto& item : items) data += (data.size() > 1 ? "," : "") + item;
  return success(data + "]");
}

bool is_list(const HttpRequest& request) {
  return request.method == HttpMethod::get && testing::FakeTransport::path_of(request.url).rfind("/v2/bookings?", 0) == 0;
}

TEST(CreateBooking, TimeoutThenLookupFindsTheBookingSoNoSecondPost) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return transport_failure(TransportFailure::timed_out);
    return json_reply(200, list_of({booking_json("other", "iv_0"), booking_json("made", "iv_1")}));
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_TRUE(booked) << booked.error().internal;
  EXPECT_EQ(booked->uid, "made");
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings"), 1u);
  // The lookup is narrowed to this attendee and event type, starting at the booked time.
  auto requests = h.transport->requests();
  ASSERT_TRUE(is_list(requests.back()));
  EXPECT_NE(requests.back().url.find("attendeeEmail=bob%40example.com"), std::string::npos);
  EXPECT_NE(requests.back().url.find("eventTypeId=9"), std::string::npos);
  EXPECT_NE(requests.back().url.find("afterStart=2026-05-04T08%3A59%3A00Z"), std::string::npos);
  EXPECT_EQ(find_header(requests.back().headers, "cal-api-version"), "2024-08-13");
}

TEST(CreateBooking, LookupFindsNothingSoItIsSafeToSendAgain) {
  int posts = 0;
  Harness h([&](const HttpRequest& request) {
    if (request.method == HttpMethod::post) {
      return ++posts == 1 ? json_reply(503, R"({"statusCode":503,"message":"busy"})")
                          : json_reply(201, success(booking_json("made", "iv_1")));
    }
    // A cancelled booking for the same interview is history, not a reason to skip booking.
    return json_reply(200, list_of({booking_json("old", "iv_1", "cancelled")}));
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_TRUE(booked) << booked.error().internal;
  EXPECT_EQ(booked->uid, "made");
  EXPECT_EQ(posts, 2);
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/bookings"), 1u);
  ASSERT_FALSE(h.sleeper->sleeps().empty());  // waited before looking
}

TEST(CreateBooking, UnknownOutcomeWhenTheLookupFailsToo) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return transport_failure(TransportFailure::interrupted);
    return transport_failure(TransportFailure::not_sent);
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_FALSE(booked);
  EXPECT_EQ(booked.error().code, ErrorCode::upstream_unavailable);
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings"), 1u);
}

TEST(CreateBooking, NeverMoreThanMaxAttemptsPostsAndEachFollowedByALookup) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return transport_failure(TransportFailure::timed_out);
    return json_reply(200, list_of({}));
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_FALSE(booked);
  EXPECT_EQ(booked.error().code, ErrorCode::upstream_unavailable);
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings"), 3u);
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/bookings"), 3u);
  // Strictly alternating: no POST follows another without a lookup in between.
  auto requests = h.transport->requests();
  for (std::size_t i = 1; i < requests.size(); ++i) {
    EXPECT_FALSE(requests[i].method == HttpMethod::post && requests[i - 1].method == HttpMethod::post);
  }
}

TEST(CreateBooking, RefusedCreateIsNotRetriedAndShowsCalcomReason) {
  Harness h([](const HttpRequest&) {
    return json_reply(400, R"({"status":"error","error":{"code":"BadRequestException","message":"User either already has booking at this time or is not available"}})");
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_FALSE(booked);
  EXPECT_EQ(booked.error().code, ErrorCode::upstream_failed);
  EXPECT_NE(booked.error().message.find("already has booking"), std::string::npos);
  EXPECT_EQ(h.transport->count(), 1u);
}

TEST(CreateBooking, ConnectionNeverOpenedIsRetriedWithoutLookup) {
  int posts = 0;
  Harness h([&](const HttpRequest&) {
    return ++posts == 1 ? transport_failure(TransportFailure::not_sent)
                        : json_reply(201, success(booking_json("made", "iv_1")));
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_TRUE(booked);
  EXPECT_EQ(posts, 2);
  EXPECT_EQ(h.transport->count(HttpMethod::get, "/v2/bookings"), 0u);
}

TEST(CreateBooking, UnreadableSuccessIsRecoveredByLookup) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return json_reply(201, R"({"status":"success","data":{"uid":5}})");
    return json_reply(200, list_of({booking_json("made", "iv_1")}));
  });
  auto booked = h.client.create_booking(interview());
  ASSERT_TRUE(booked) << booked.error().internal;
  EXPECT_EQ(booked->uid, "made");
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings"), 1u);
}

TEST(CreateBooking, LookUpFirstReusesAnExistingBooking) {
  Harness h([](const HttpRequest&) { return json_reply(200, list_of({booking_json("made", "iv_1")})); });
  auto request = interview();
  request.look_up_first = true;
  auto booked = h.client.create_booking(request);
  ASSERT_TRUE(booked);
  EXPECT_EQ(booked->uid, "made");
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings"), 0u);
}

TEST(CreateBooking, InvalidRequestIsRefusedLocally) {
  Harness h([](const HttpRequest&) { return json_reply(500, "{}"); });
  auto request = interview();
  request.interview_id.clear();
  auto booked = h.client.create_booking(request);
  ASSERT_FALSE(booked);
  EXPECT_EQ(booked.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(h.transport->count(), 0u);
}

TEST(Reschedule, LostAnswerIsResolvedThroughTheOldBooking) {
  Harness h([](const HttpRequest& request) {
    std::string path = testing::FakeTransport::path_of(request.url);
    if (request.method == HttpMethod::post) return transport_failure(TransportFailure::timed_out);
    if (path == "/v2/bookings/old") {
      return json_reply(200, success(booking_json("old", "iv_1", "cancelled", R"(,"rescheduledToUid":"new")")));
    }
    if (path == "/v2/bookings/new") {
      return json_reply(200, success(booking_json("new", "iv_1", "accepted", R"(,"rescheduledFromUid":"old")")));
    }
    return json_reply(404, "{}");
  });
  auto moved = h.client.reschedule_booking("old", RescheduleRequest{*parse_iso8601("2026-05-05T09:00:00Z"), "clash", {}});
  ASSERT_TRUE(moved) << moved.error().internal;
  EXPECT_EQ(moved->uid, "new");
  EXPECT_EQ(moved->rescheduled_from_uid, "old");
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings/old/reschedule"), 1u);
}

TEST(Cancel, RetriedAndAnAlreadyCancelledAnswerMeansDone) {
  int posts = 0;
  Harness h([&](const HttpRequest& request) {
    if (request.method == HttpMethod::post) {
      return ++posts == 1 ? transport_failure(TransportFailure::timed_out)
                          : json_reply(400, R"({"statusCode":400,"message":"This booking has already been cancelled."})");
    }
    return json_reply(200, success(booking_json("bk", "iv_1", "cancelled")));
  });
  auto cancelled = h.client.cancel_booking("bk", "Candidate withdrew");
  ASSERT_TRUE(cancelled) << cancelled.error().internal;
  EXPECT_EQ(cancelled->status, BookingStatus::cancelled);
  EXPECT_EQ(posts, 2);
}

TEST(Cancel, CancellingACancelledBookingIsDone) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) {
      return json_reply(400, R"({"status":"error","error":{"code":"BadRequestException","message":"This booking has already been cancelled."}})");
    }
    return json_reply(200, success(booking_json("bk", "iv_1", "cancelled")));
  });
  auto cancelled = h.client.cancel_booking("bk", "reason");
  ASSERT_TRUE(cancelled) << cancelled.error().internal;
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings/bk/cancel"), 1u);
}

TEST(Cancel, RefusalOfALiveBookingIsAnError) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return json_reply(403, R"({"statusCode":403,"message":"Forbidden"})");
    return json_reply(200, success(booking_json("bk", "iv_1", "accepted")));
  });
  auto cancelled = h.client.cancel_booking("bk", "reason");
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().code, ErrorCode::upstream_failed);
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings/bk/cancel"), 1u);
  EXPECT_EQ(h.client.cancel_booking("bk", "").error().code, ErrorCode::invalid_input);
}

TEST(AddGuests, LostAnswerButGuestsPresentMeansDone) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return json_reply(504, "gateway timeout");
    return json_reply(200, success(booking_json("bk", "iv_1", "accepted", R"(,"guests":["Carol@Example.com"])")));
  });
  auto added = h.client.add_guests("bk", {{"carol@example.com", {}, {}}});
  ASSERT_TRUE(added) << added.error().internal;
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings/bk/guests"), 1u);
}

// Marking sets a state (absent or present), so a lost answer is simply sent again.
TEST(MarkAbsent, IsSentToTheBookingAndRetriedAfterALostAnswer) {
  int calls = 0;
  Harness h([&](const HttpRequest& request) {
    EXPECT_EQ(request.method, HttpMethod::post);
    EXPECT_EQ(json::parse(request.body),
              (json{{"host", false}, {"attendees", {{{"email", "bob@example.com"}, {"absent", true}}}}}));
    if (++calls == 1) return transport_failure(TransportFailure::timed_out);
    return json_reply(200, success(booking_json("bk", "iv_1", "accepted", R"(,"absentHost":false)")));
  });
  auto marked = h.client.mark_absent("bk", false, {{"bob@example.com", true}});
  ASSERT_TRUE(marked) << marked.error().internal;
  EXPECT_EQ(marked->uid, "bk");
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/bookings/bk/mark-absent"), 2u);
  EXPECT_EQ(find_header(h.transport->requests()[0].headers, "cal-api-version"), "2024-08-13");
}

TEST(MarkAbsent, NothingToMarkIsRefusedBeforeAnyRequest) {
  Harness h([](const HttpRequest&) { return json_reply(500, "{}"); });
  EXPECT_FALSE(h.client.mark_absent("bk", std::nullopt, {}));
  EXPECT_FALSE(h.client.mark_absent("", true, {}));
  EXPECT_FALSE(h.client.mark_absent("bk", std::nullopt, {{"", true}}));
  EXPECT_TRUE(h.transport->requests().empty());
}

TEST(Webhooks, CreateAfterLostAnswerFindsTheWebhookByUrl) {
  Harness h([](const HttpRequest& request) {
    if (request.method == HttpMethod::post) return transport_failure(TransportFailure::interrupted);
    return json_reply(200, success(R"([{"id":"9b1d","subscriberUrl":"https://us/hooks/calcom","triggers":["BOOKING_CREATED"],"active":true}])"));
  });
  auto created = h.client.create_webhook({"https://us/hooks/calcom", {"BOOKING_CREATED"}, true, "s", {}});
  ASSERT_TRUE(created) << created.error().internal;
  EXPECT_EQ(created->id, "9b1d");
  EXPECT_EQ(h.transport->count(HttpMethod::post, "/v2/webhooks"), 1u);
}

TEST(Webhooks, UpdateIsPatchedAndRetried) {
  int calls = 0;
  Harness h([&](const HttpRequest& request) {
    EXPECT_EQ(request.method, HttpMethod::patch);
    return ++calls == 1 ? transport_failure(TransportFailure::timed_out)
                        : json_reply(200, success(R"({"id":"9b1d","subscriberUrl":"u","triggers":[],"active":false})"));
  });
  WebhookPatch patch;
  patch.active = false;
  auto updated = h.client.update_webhook("9b1d", patch);
  ASSERT_TRUE(updated);
  EXPECT_FALSE(updated->active);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(testing::FakeTransport::path_of(h.transport->requests()[0].url), "/v2/webhooks/9b1d");
}

}  // namespace
}  // namespace poblysh::calcom
