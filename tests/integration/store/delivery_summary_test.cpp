// WebhookDeliveryRepo::for_interview: an interview's deliveries, oldest first, with what its
// detail shows of each, on both stores; on SQLite read from the index alone (migration 0012).
#include <gtest/gtest.h>

#include "core/time.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

class DeliverySummaryTest : public StoreTest {
 protected:
  void SetUp() override { ASSERT_TRUE(db().migrate()); }

  void record(std::string key, DeliverySource source, std::string trigger, std::int64_t received_ms,
              DeliveryOutcome outcome, std::optional<std::int64_t> interview_id) {
    NewDelivery delivery;
    delivery.dedupe_key = std::move(key);
    delivery.source = source;
    delivery.trigger = std::move(trigger);
    delivery.booking_uid = "uid-1";
    delivery.received_at = from_unix_ms(received_ms);
    delivery.outcome = outcome;
    delivery.interview_id = interview_id;
    delivery.raw_body = std::string(2000, 'x');
    auto inserted = transact(db(), [&](Connection& c) { return deliveries_.insert(c, delivery); });
    ASSERT_TRUE(inserted) << inserted.error().internal;
  }

  WebhookDeliveryRepo deliveries_;
};

TEST_F(DeliverySummaryTest, ListsAnInterviewsDeliveriesOldestFirst) {
  record("a", DeliverySource::webhook, "BOOKING_CREATED", 1'780'000'000'000, DeliveryOutcome::applied, 7);
  record("b", DeliverySource::webhook, "BOOKING_CREATED", 1'780'000'001'000, DeliveryOutcome::applied, 8);
  record("c", DeliverySource::sync, "BOOKING_RESCHEDULED", 1'780'000'002'000, DeliveryOutcome::stale, 7);
  record("d", DeliverySource::webhook, "BOOKING_CANCELLED", 1'780'000'003'000, DeliveryOutcome::unmatched,
         std::nullopt);

  auto listed = read_with(db(), [&](Connection& c) { return deliveries_.for_interview(c, 7); });
  ASSERT_TRUE(listed) << listed.error().internal;
  ASSERT_EQ(listed->size(), 2u);
  const auto& first = (*listed)[0];
  const auto& second = (*listed)[1];
  EXPECT_LT(first.id, second.id);
  EXPECT_EQ(first.source, DeliverySource::webhook);
  EXPECT_EQ(first.trigger, "BOOKING_CREATED");
  EXPECT_EQ(to_unix_ms(first.received_at), 1'780'000'000'000);
  EXPECT_EQ(first.outcome, DeliveryOutcome::applied);
  EXPECT_EQ(second.source, DeliverySource::sync);
  EXPECT_EQ(second.trigger, "BOOKING_RESCHEDULED");
  EXPECT_EQ(to_unix_ms(second.received_at), 1'780'000'002'000);
  EXPECT_EQ(second.outcome, DeliveryOutcome::stale);

  auto none = read_with(db(), [&](Connection& c) { return deliveries_.for_interview(c, 9); });
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

// The detail reads an interview's deliveries without their rows (and ~2 KB raw bodies).
TEST_F(DeliverySummaryTest, TheSummaryIsReadFromTheIndexAlone) {
  if (on_postgres()) GTEST_SKIP() << "SQLite's query plan";
  auto plan = read_with(db(), [&](Connection& c) -> Result<std::string> {
    auto rows = c.query(
        "EXPLAIN QUERY PLAN SELECT id, source, trigger_event, received_at, outcome FROM webhook_deliveries "
        "WHERE interview_id = ? ORDER BY id",
        {std::int64_t{7}});
    if (!rows) return tl::unexpected(rows.error());
    std::string text;
    for (const auto& row : *rows) text += row.text(3) + "\n";
    return text;
  });
  ASSERT_TRUE(plan) << plan.error().internal;
  EXPECT_NE(plan->find("USING COVERING INDEX webhook_deliveries_by_interview"), std::string::npos) << *plan;
  EXPECT_EQ(plan->find("TEMP B-TREE"), std::string::npos) << *plan;
}

}  // namespace
}  // namespace poblysh::store::conformance
