// EmailOutbox: what admins see of the outbox and how they send a message again — a held or
// failed message goes out (and the worker is woken), any other is refused and wakes nothing.
#include "notify/email_outbox.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "migrated_store.hpp"

namespace poblysh::notify {
namespace {

using store::OutboxStatus;

class EmailOutboxTest : public poblysh::testing::MigratedStoreTest {
 protected:
  std::int64_t enqueue(const std::string& key, bool held, std::int64_t interview_id = 7) {
    const store::NewOutboxMessage message{
        interview_id, "created", "ana@acme.example", "Interview scheduled", R"({"v":1})", key, held};
    auto queued = store::transact(db_, [&](store::Connection& c) { return repo_.enqueue(c, message, clock_.now()); });
    EXPECT_TRUE(queued) << queued.error().internal;
    return queued ? queued->id : 0;
  }

  store::OutboxRepo repo_;
  int wakes_ = 0;
  EmailOutbox outbox_{db_, repo_, clock_, [this] { ++wakes_; }};
};

TEST_F(EmailOutboxTest, TheListFollowsTheFilter) {
  const auto held = enqueue("k1", /*held=*/true);
  enqueue("k2", /*held=*/false);
  enqueue("k3", /*held=*/false, 8);
  auto all = outbox_.list({}, {});
  ASSERT_TRUE(all) << all.error().internal;
  EXPECT_EQ(all->items.size(), 3u);
  auto only_held = outbox_.list({OutboxStatus::held, std::nullopt}, {});
  ASSERT_TRUE(only_held);
  ASSERT_EQ(only_held->items.size(), 1u);
  EXPECT_EQ(only_held->items[0].id, held);
  auto of_interview = outbox_.list({std::nullopt, 8}, {});
  ASSERT_TRUE(of_interview);
  ASSERT_EQ(of_interview->items.size(), 1u);
  EXPECT_EQ(of_interview->items[0].interview_id, std::optional<std::int64_t>(8));
}

TEST_F(EmailOutboxTest, AHeldMessageIsSentAgainAndTheWorkerWoken) {
  const auto id = enqueue("k1", /*held=*/true);
  auto resent = outbox_.resend(id);
  ASSERT_TRUE(resent) << resent.error().internal;
  EXPECT_EQ(resent->status, OutboxStatus::pending);
  EXPECT_EQ(resent->next_attempt_at, clock_.now());
  EXPECT_EQ(wakes_, 1);
}

TEST_F(EmailOutboxTest, AMessageStillToBeSentIsAConflictAndWakesNothing) {
  const auto id = enqueue("k1", /*held=*/false);
  auto refused = outbox_.resend(id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(wakes_, 0);
}

TEST_F(EmailOutboxTest, AMissingMessageIsNotFoundAndWakesNothing) {
  auto missing = outbox_.resend(987654);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().message, "This email does not exist.");
  EXPECT_EQ(wakes_, 0);
}

}  // namespace
}  // namespace poblysh::notify
