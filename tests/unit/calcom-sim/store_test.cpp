#include "store.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "fixture.hpp"
#include "iso_time.hpp"
#include "render.hpp"
#include "sim_clock.hpp"

namespace poblysh::calcom_sim {
namespace {

using poblysh::testing::at;

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : store_(load_fixture(CALCOM_SIM_FIXTURE), clock_) { clock_.freeze_at(at("2026-12-01T12:00:00Z")); }

  // Alice (id 2, Europe/Paris, Mon-Fri 09:00-12:30) runs event type 1001: 30 min, or 45/60.
  CreateBookingInput founder_interview(const char* start) {
    CreateBookingInput input;
    input.start = at(start);
    input.event_type_id = 1001;
    input.attendee = Attendee{"Jane Founder", "jane@startup.test", "America/New_York", "en", "", false};
    return input;
  }

  SimClock clock_;
  Store store_;
};

TEST_F(StoreTest, CreatedBookingBlocksItsSlotForLaterCallers) {
  auto booking = store_.create_booking(founder_interview("2026-12-07T09:00:00Z"));
  ASSERT_TRUE(booking) << booking.error().message;
  EXPECT_EQ(booking->status, "accepted");
  EXPECT_EQ(booking->location, "integrations:daily");
  EXPECT_EQ(booking->meeting_url, "https://app.cal.com/video/" + booking->uid);
  EXPECT_EQ(booking->uid.size(), 22u);

  auto clash = store_.create_booking(founder_interview("2026-12-07T09:15:00Z"));
  ASSERT_FALSE(clash);
  EXPECT_EQ(clash.error().status, 400);
  EXPECT_EQ(clash.error().code, "BadRequestException");

  SlotQuery query;
  query.start = "2026-12-07";
  query.end = "2026-12-07";
  query.event_type_id = 1001;
  query.time_zone = "Europe/Paris";
  auto slots = store_.slots(query);
  ASSERT_TRUE(slots);
  for (auto start : slots->starts) EXPECT_NE(format_iso8601_utc(start), "2026-12-07T09:00:00Z");
  EXPECT_EQ(format_iso8601_utc(slots->starts.front()), "2026-12-07T08:00:00Z");
}

TEST_F(StoreTest, RejectsPastStartsTimesOutsideWorkingHoursAndUnknownLengths) {
  EXPECT_EQ(store_.create_booking(founder_interview("2026-11-30T09:00:00Z")).error().status, 400);
  EXPECT_FALSE(store_.create_booking(founder_interview("2026-12-05T09:00:00Z")));  // Saturday
  auto input = founder_interview("2026-12-07T09:00:00Z");
  input.length = 50;
  EXPECT_FALSE(store_.create_booking(input));
  input.length = 60;
  auto booking = store_.create_booking(input);
  ASSERT_TRUE(booking) << booking.error().message;
  EXPECT_EQ(booking->duration, 60);
  auto fixed_length = founder_interview("2026-12-08T09:00:00Z");
  fixed_length.event_type_id = 1002;  // single length: lengthInMinutes not allowed at all
  fixed_length.length = 45;
  EXPECT_FALSE(store_.create_booking(fixed_length));
}

TEST_F(StoreTest, RescheduleLinksBothBookingsAndTheWebhookNamesTheOldOne) {
  auto first = store_.create_booking(founder_interview("2026-12-07T09:00:00Z"));
  ASSERT_TRUE(first);
  auto moved =
      store_.reschedule_booking(first->uid, RescheduleInput{at("2026-12-08T10:00:00Z"), "clash", std::nullopt});
  ASSERT_TRUE(moved) << moved.error().message;
  const auto& [old_booking, new_booking] = *moved;
  EXPECT_EQ(old_booking.status, "cancelled");
  EXPECT_EQ(old_booking.rescheduled_to_uid, new_booking.uid);
  EXPECT_EQ(new_booking.rescheduled_from_uid, first->uid);
  EXPECT_NE(new_booking.uid, first->uid);
  EXPECT_EQ(new_booking.ical_uid, first->ical_uid);
  EXPECT_EQ(new_booking.ical_sequence, first->ical_sequence + 1);
  EXPECT_EQ(store_.get_booking(first->uid)->status, "cancelled");

  WebhookInput hook;
  hook.subscriber_url = "http://127.0.0.1:9/hook";
  hook.triggers = std::vector<std::string>{"BOOKING_RESCHEDULED"};
  hook.secret = "s";
  ASSERT_TRUE(store_.create_webhook(1, hook));  // ops manages Alice through the team
  const auto jobs = store_.deliveries_for("BOOKING_RESCHEDULED", new_booking, &old_booking);
  ASSERT_EQ(jobs.size(), 1u);
  const auto body = nlohmann::json::parse(jobs[0].body);
  EXPECT_EQ(body["triggerEvent"], "BOOKING_RESCHEDULED");
  EXPECT_EQ(body["payload"]["uid"], new_booking.uid);
  EXPECT_EQ(body["payload"]["rescheduleUid"], first->uid);
  EXPECT_EQ(body["payload"]["rescheduleId"], first->id);
  EXPECT_EQ(body["payload"]["rescheduleStartTime"], "2026-12-07T09:00:00Z");
  EXPECT_EQ(body["payload"]["status"], "ACCEPTED");
  EXPECT_EQ(body["payload"]["iCalSequence"], 1);

  // Rescheduling a cancelled booking is refused.
  EXPECT_FALSE(store_.reschedule_booking(first->uid, RescheduleInput{at("2026-12-09T10:00:00Z"), {}, {}}));
}

TEST_F(StoreTest, HostsMustGiveACancellationReasonAndCancelOnlyOnce) {
  auto booking = store_.create_booking(founder_interview("2026-12-07T09:00:00Z"));
  ASSERT_TRUE(booking);
  EXPECT_FALSE(store_.cancel_booking(booking->uid, std::nullopt, 2));     // Alice is the host
  auto cancelled = store_.cancel_booking(booking->uid, std::nullopt, 1);  // ops is not
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->status, "cancelled");
  EXPECT_EQ(cancelled->cancelled_by, "ops@poblysh.test");
  EXPECT_EQ(store_.cancel_booking(booking->uid, "again", 1).error().status, 400);
  EXPECT_EQ(store_.cancel_booking("nope", "x", 1).error().status, 404);
  // Its time is free again.
  EXPECT_TRUE(store_.create_booking(founder_interview("2026-12-07T09:00:00Z")));
}

TEST_F(StoreTest, ListFiltersByStatusAndPaginates) {
  ASSERT_TRUE(store_.create_booking(founder_interview("2026-12-07T09:00:00Z")));
  ASSERT_TRUE(store_.create_booking(founder_interview("2026-12-08T09:00:00Z")));
  auto third = store_.create_booking(founder_interview("2026-12-09T09:00:00Z"));
  ASSERT_TRUE(third);
  ASSERT_TRUE(store_.cancel_booking(third->uid, "no", 1));
  BookingFilter filter;
  filter.statuses = {"upcoming"};
  filter.take = 1;
  auto page = store_.list_bookings(1, filter);
  EXPECT_EQ(page.total, 2);
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(format_iso8601_utc(page.items[0].start), "2026-12-07T09:00:00Z");
  filter.statuses = {"cancelled"};
  EXPECT_EQ(store_.list_bookings(1, filter).total, 1);
  // Emma (6) is no admin of Alice's team: she sees none of it.
  EXPECT_EQ(store_.list_bookings(6, BookingFilter{}).total, 0);
  const auto pagination = pagination_json(5, 2, 2, 2);
  EXPECT_EQ(pagination["currentPage"], 2);
  EXPECT_EQ(pagination["totalPages"], 3);
  EXPECT_EQ(pagination["remainingItems"], 1);
  EXPECT_EQ(pagination["hasNextPage"], true);
  EXPECT_EQ(pagination["hasPreviousPage"], true);
}

TEST_F(StoreTest, CollectiveTeamEventsNeedEveryHostFree) {
  // Event type 2001: Alice (Paris), Bruno (Berlin, Mon-Thu 10-17), Chloé (Paris 09:30-17:30).
  auto alice_busy = founder_interview("2026-12-07T10:00:00Z");  // 11:00 Paris
  ASSERT_TRUE(store_.create_booking(alice_busy));
  SlotQuery query;
  query.start = "2026-12-07";
  query.end = "2026-12-07";
  query.event_type_id = 2001;
  auto slots = store_.slots(query);
  ASSERT_TRUE(slots);
  std::vector<std::string> starts;
  for (auto start : slots->starts) starts.push_back(format_iso8601_utc(start));
  // Common hours 10:00-12:30 and 14:00-17:00 Paris; 11:00-11:30 is Alice's booking.
  EXPECT_EQ(starts, (std::vector<std::string>{"2026-12-07T09:00:00Z", "2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z",
                                              "2026-12-07T15:00:00Z"}));
}

TEST_F(StoreTest, WebhooksAreScopedToTheirUserAndDeliveredOnlyForSubscribedTriggers) {
  WebhookInput hook;
  hook.subscriber_url = "https://example.test/hook";
  hook.triggers = std::vector<std::string>{"BOOKING_CREATED"};
  auto created = store_.create_webhook(1, hook);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->id.size(), 36u);
  EXPECT_EQ(store_.create_webhook(1, hook).error().status, 409);
  EXPECT_EQ(store_.webhook(2, created->id).error().status, 404);
  hook.triggers = std::vector<std::string>{"NOT_A_TRIGGER"};
  hook.subscriber_url = "https://example.test/other";
  EXPECT_EQ(store_.create_webhook(1, hook).error().status, 400);

  auto booking = store_.create_booking(founder_interview("2026-12-07T09:00:00Z"));
  ASSERT_TRUE(booking);
  auto jobs = store_.deliveries_for("BOOKING_CREATED", *booking, nullptr);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].signature, "no-secret-provided");
  EXPECT_TRUE(store_.deliveries_for("BOOKING_CANCELLED", *booking, nullptr).empty());
  WebhookInput off;
  off.active = false;
  ASSERT_TRUE(store_.update_webhook(1, created->id, off));
  EXPECT_TRUE(store_.deliveries_for("BOOKING_CREATED", *booking, nullptr).empty());
}

}  // namespace
}  // namespace poblysh::calcom_sim
