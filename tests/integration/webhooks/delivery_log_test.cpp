// DeliveryLog: the admins' list of deliveries and their re-apply — the same apply path as a
// webhook, the row's outcome changed only when the effect was, an exact replay re-applied from
// its original's body, the outbox woken only after an effect. In process, on the test store.
#include "webhooks/delivery_log.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "applier_fixture.hpp"

namespace poblysh::webhooks {
namespace {

using namespace std::chrono_literals;
using store::DeliveryOutcome;

class DeliveryLogTest : public ApplierTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(ApplierTest::SetUp());
    interview_id_ = booked("booking-a", 24);
    ASSERT_FALSE(HasFailure());
  }

  // Cal.com moving booking-a to booking-b, two days ahead.
  CalcomEvent rescheduled() const {
    CalcomEvent event;
    event.trigger = "BOOKING_RESCHEDULED";
    event.uid = "booking-b";
    event.reschedule_uid = "booking-a";
    event.created_at = clock_.now();
    event.start = clock_.now() + 48h;
    event.end = *event.start + 30min;
    return event;
  }

  // A delivery as the receiver records one, with the outcome and body given.
  std::int64_t recorded(DeliveryOutcome outcome, std::string body, std::optional<std::int64_t> duplicate_of = {},
                        std::optional<std::int64_t> interview_id = {}) {
    store::NewDelivery row;
    if (!duplicate_of) row.dedupe_key = "key-" + std::to_string(++keys_);
    row.duplicate_of = duplicate_of;
    row.trigger = "BOOKING_RESCHEDULED";
    row.booking_uid = "booking-b";
    row.received_at = clock_.now();
    row.outcome = outcome;
    row.interview_id = interview_id;
    row.raw_body = std::move(body);
    row.detail = "as recorded";
    auto inserted = store::transact(db_, [&](store::Connection& db) { return deliveries_.insert(db, row); });
    EXPECT_TRUE(inserted) << inserted.error().internal;
    return inserted ? inserted->id : 0;
  }

  store::Delivery delivery(std::int64_t id) {
    auto found =
        store::read_with(db_, [&](store::Connection& db) { return store::found(deliveries_.find(db, id), "row"); });
    EXPECT_TRUE(found) << found.error().internal;
    return found.value_or(store::Delivery{});
  }

  std::string booking_uid() {
    auto found = store::read_with(
        db_, [&](store::Connection& db) { return store::found(interviews_.find(db, interview_id_), "interview"); });
    EXPECT_TRUE(found);
    return found ? found->calcom_booking_uid : "";
  }

  std::ostringstream log_text_;
  std::shared_ptr<spdlog::logger> log_ = std::make_shared<spdlog::logger>(
      "delivery-log-test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text_));
  int wakes_ = 0;
  DeliveryLog log_of_deliveries_{db_, deliveries_, applier_, clock_, [this] { ++wakes_; }, log_};
  std::int64_t interview_id_ = 0;
  int keys_ = 0;
};

TEST_F(DeliveryLogTest, TheListFollowsTheFilterNewestFirst) {
  const auto first = recorded(DeliveryOutcome::unmatched, "{}");
  const auto second = recorded(DeliveryOutcome::applied, "{}", {}, interview_id_);
  const auto third = recorded(DeliveryOutcome::unmatched, "{}");
  auto all = log_of_deliveries_.list({}, {});
  ASSERT_TRUE(all) << all.error().internal;
  ASSERT_EQ(all->items.size(), 3u);
  EXPECT_EQ(all->items[0].id, third);
  EXPECT_EQ(all->items[2].id, first);
  auto unmatched = log_of_deliveries_.list({DeliveryOutcome::unmatched, std::nullopt}, {});
  ASSERT_TRUE(unmatched);
  EXPECT_EQ(unmatched->items.size(), 2u);
  auto of_interview = log_of_deliveries_.list({std::nullopt, interview_id_}, {});
  ASSERT_TRUE(of_interview);
  ASSERT_EQ(of_interview->items.size(), 1u);
  EXPECT_EQ(of_interview->items[0].id, second);
}

TEST_F(DeliveryLogTest, ReapplyingTakesTheEffectRecordsItAndWakesTheOutbox) {
  const auto id = recorded(DeliveryOutcome::rejected, to_body(rescheduled()));
  clock_.advance(1h);
  auto receipt = log_of_deliveries_.reapply(id);
  ASSERT_TRUE(receipt) << receipt.error().internal;
  EXPECT_EQ(receipt->delivery_id, id);
  EXPECT_EQ(receipt->outcome, DeliveryOutcome::applied) << receipt->detail;
  EXPECT_EQ(receipt->interview_id, std::optional<std::int64_t>(interview_id_));
  EXPECT_EQ(booking_uid(), "booking-b");
  const auto after = delivery(id);
  EXPECT_EQ(after.outcome, DeliveryOutcome::applied);
  EXPECT_EQ(after.interview_id, std::optional<std::int64_t>(interview_id_));
  EXPECT_EQ(after.reapplied_at, std::optional<SystemTime>(clock_.now()));
  EXPECT_EQ(wakes_, 1);
  const std::string logged = log_text_.str();
  EXPECT_NE(logged.find(R"("msg":"cal.com event","source":"reapply")"), std::string::npos) << logged;
  EXPECT_NE(logged.find(R"("outcome":"applied")"), std::string::npos) << logged;
}

TEST_F(DeliveryLogTest, AReapplyThatChangesNothingKeepsTheFirstOutcomeAndWakesNothing) {
  const auto id = recorded(DeliveryOutcome::rejected, to_body(rescheduled()));
  ASSERT_TRUE(log_of_deliveries_.reapply(id));
  const auto wakes = wakes_;
  const auto unchanged = recorded(DeliveryOutcome::stale, to_body(rescheduled()));  // the same move, again
  clock_.advance(1h);
  auto receipt = log_of_deliveries_.reapply(unchanged);
  ASSERT_TRUE(receipt) << receipt.error().internal;
  EXPECT_EQ(receipt->outcome, DeliveryOutcome::duplicate) << receipt->detail;
  const auto after = delivery(unchanged);
  EXPECT_EQ(after.outcome, DeliveryOutcome::stale);
  EXPECT_EQ(after.detail, "as recorded");
  EXPECT_EQ(after.reapplied_at, std::optional<SystemTime>(clock_.now()));
  EXPECT_EQ(wakes_, wakes);
}

TEST_F(DeliveryLogTest, AnExactReplayIsReappliedFromItsOriginalsBody) {
  const auto original = recorded(DeliveryOutcome::rejected, to_body(rescheduled()));
  const auto replay = recorded(DeliveryOutcome::duplicate, "", original);
  auto receipt = log_of_deliveries_.reapply(replay);
  ASSERT_TRUE(receipt) << receipt.error().internal;
  EXPECT_EQ(receipt->delivery_id, replay);
  EXPECT_EQ(receipt->outcome, DeliveryOutcome::applied) << receipt->detail;
  EXPECT_EQ(booking_uid(), "booking-b");
}

TEST_F(DeliveryLogTest, ADeliveryThatCannotBeReadIsUnprocessableAndChangesNothing) {
  const auto id = recorded(DeliveryOutcome::rejected, "{not json");
  auto refused = log_of_deliveries_.reapply(id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unprocessable);
  EXPECT_EQ(delivery(id).reapplied_at, std::nullopt);
  EXPECT_EQ(wakes_, 0);
}

TEST_F(DeliveryLogTest, AMissingDeliveryIsNotFound) {
  auto missing = log_of_deliveries_.reapply(987654);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "This webhook delivery does not exist.");
  EXPECT_EQ(wakes_, 0);
}

}  // namespace
}  // namespace poblysh::webhooks
