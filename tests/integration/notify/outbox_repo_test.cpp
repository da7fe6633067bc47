#include "store/outbox_repo.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "migrated_store.hpp"

namespace poblysh::store {
namespace {

using namespace std::chrono_literals;

// The repository stores the notice as it is given; composing it is notify's business.
constexpr const char* kNotice = R"({"v":1,"kind":"created"})";

class OutboxRepoTest : public poblysh::testing::MigratedStoreTest {
 protected:
  NewOutboxMessage message(const std::string& key, const std::string& recipient = "ana@acme.example") {
    return {std::int64_t{7}, "created", recipient, "Interview scheduled", kNotice, key, false};
  }
  EnqueueResult enqueue(const NewOutboxMessage& m) {
    auto result = transact(db_, [&](Connection& c) { return repo_.enqueue(c, m, now_); });
    EXPECT_TRUE(result) << (result ? "" : result.error().internal);
    return result.value_or(EnqueueResult{});
  }
  std::vector<ClaimedMessage> claim(SystemTime at, ClaimOptions options = {}) {
    auto claimed = transact(db_, [&](Connection& c) { return repo_.claim_due(c, at, options); });
    EXPECT_TRUE(claimed);
    return claimed.value_or(std::vector<ClaimedMessage>{});
  }
  OutboxEntry entry(std::int64_t id) {
    auto found = read_with(db_, [&](Connection& c) { return repo_.find(c, id); });
    EXPECT_TRUE(found && *found);
    return found && *found ? **found : OutboxEntry{};
  }

  OutboxRepo repo_;
  SystemTime now_ = *parse_iso8601("2026-03-01T10:00:00Z");
};

TEST_F(OutboxRepoTest, TheSameNoticeIsQueuedOnce) {
  const auto first = enqueue(message("booking-1:created:ana@acme.example"));
  const auto again = enqueue(message("booking-1:created:ana@acme.example"));
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.id, first.id);
  const auto other = enqueue(message("booking-1:created:bob@acme.example", "bob@acme.example"));
  EXPECT_TRUE(other.created);
  auto counts = read_with(db_, [&](Connection& c) { return repo_.count_by_status(c); });
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->at(OutboxStatus::pending), 2);
}

TEST_F(OutboxRepoTest, RolledBackTransactionsQueueNothing) {
  auto status = db_.transaction([&](Connection& c) -> Status {
    if (auto queued = repo_.enqueue(c, message("k1"), now_); !queued) return tl::unexpected(queued.error());
    return fail(ErrorCode::conflict, "the state change failed");
  });
  ASSERT_FALSE(status);
  auto page = read_with(db_, [&](Connection& c) { return repo_.list(c, {}, {}); });
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->items.empty());
}

TEST_F(OutboxRepoTest, ClaimLeasesAndFencesTheOutcome) {
  const auto id = enqueue(message("k1")).id;
  const ClaimOptions options{5min, 10, 8};
  auto claimed = claim(now_, options);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, id);
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].recipient, "ana@acme.example");
  EXPECT_EQ(claimed[0].notice, std::optional<std::string>(kNotice));
  EXPECT_EQ(claimed[0].body, "");
  EXPECT_EQ(claimed[0].dedupe_key, "k1");
  EXPECT_EQ(claimed[0].created_at, now_);  // the Date of the email, whichever attempt sends it
  EXPECT_EQ(entry(id).status, OutboxStatus::sending);
  EXPECT_TRUE(claim(now_ + 4min, options).empty());  // leased

  // The worker "crashed": after the lease the message is due again, as a new attempt.
  auto reclaimed = claim(now_ + 6min, options);
  ASSERT_EQ(reclaimed.size(), 1u);
  EXPECT_EQ(reclaimed[0].attempts, 2);
  auto stale = transact(db_, [&](Connection& c) { return repo_.mark_sent(c, id, 1, now_ + 7min); });
  ASSERT_TRUE(stale);
  EXPECT_FALSE(*stale);  // the first lease is gone
  auto current = transact(db_, [&](Connection& c) { return repo_.mark_sent(c, id, 2, now_ + 7min); });
  ASSERT_TRUE(current);
  EXPECT_TRUE(*current);
  const auto sent = entry(id);
  EXPECT_EQ(sent.status, OutboxStatus::sent);
  EXPECT_EQ(sent.sent_at, now_ + 7min);
  EXPECT_TRUE(claim(now_ + 1h, options).empty());
}

// Rows queued before the outbox stored notices carry their composed email and no notice.
TEST_F(OutboxRepoTest, ARowQueuedWithItsComposedBodyIsClaimedWithIt) {
  ASSERT_TRUE(db_.transaction([&](Connection& c) -> Status {
    auto inserted = c.execute(
        "INSERT INTO email_outbox (interview_id, kind, recipient, subject, body, status, attempts, next_attempt_at, "
        "last_error, created_at, dedupe_key) VALUES (7, 'created', 'ana@acme.example', 's', ?, 'pending', 0, ?, '', ?, "
        "'old')",
        {std::string("Subject: x\r\n\r\nbody\r\n"), std::int64_t{0}, std::int64_t{0}});
    if (!inserted) return tl::unexpected(inserted.error());
    return {};
  }));
  auto claimed = claim(now_);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].notice, std::nullopt);
  EXPECT_EQ(claimed[0].body, "Subject: x\r\n\r\nbody\r\n");
}

TEST_F(OutboxRepoTest, FailuresRetryLaterOrDie) {
  const auto id = enqueue(message("k1")).id;
  auto claimed = claim(now_);
  ASSERT_EQ(claimed.size(), 1u);
  auto retry = transact(db_, [&](Connection& c) { return repo_.mark_failed(c, id, 1, "451 busy", now_ + 30s, now_); });
  ASSERT_TRUE(retry && *retry);
  EXPECT_EQ(entry(id).status, OutboxStatus::pending);
  EXPECT_EQ(entry(id).last_error, "451 busy");
  EXPECT_TRUE(claim(now_ + 29s).empty());
  claimed = claim(now_ + 30s);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].attempts, 2);
  auto dead = transact(
      db_, [&](Connection& c) { return repo_.mark_failed(c, id, 2, "550 no such user", std::nullopt, now_ + 31s); });
  ASSERT_TRUE(dead && *dead);
  EXPECT_EQ(entry(id).status, OutboxStatus::dead);
  EXPECT_TRUE(claim(now_ + 10h).empty());
}

TEST_F(OutboxRepoTest, ExpiredLeaseOnTheLastAttemptBuriesTheMessage) {
  const auto id = enqueue(message("k1")).id;
  const ClaimOptions options{1min, 10, 1};
  ASSERT_EQ(claim(now_, options).size(), 1u);
  EXPECT_TRUE(claim(now_ + 2min, options).empty());
  EXPECT_EQ(entry(id).status, OutboxStatus::dead);
  EXPECT_FALSE(entry(id).last_error.empty());
}

TEST_F(OutboxRepoTest, NextDueIsTheEarliestRetryOrLease) {
  auto next = [&] { return read_with(db_, [&](Connection& c) { return repo_.next_due_at(c); }).value(); };
  EXPECT_EQ(next(), std::nullopt);
  const auto first = enqueue(message("k1")).id;
  enqueue(message("k2"));
  EXPECT_EQ(next(), now_);
  ASSERT_EQ(claim(now_, {5min, 1, 8}).size(), 1u);  // k1 leased until now + 5 min; k2 still due now
  EXPECT_EQ(next(), now_);
  ASSERT_EQ(claim(now_, {5min, 1, 8}).size(), 1u);
  EXPECT_EQ(next(), now_ + 5min);
  ASSERT_TRUE(transact(db_, [&](Connection& c) { return repo_.mark_failed(c, first, 1, "451", now_ + 30s, now_); }));
  EXPECT_EQ(next(), now_ + 30s);
}

TEST_F(OutboxRepoTest, ClaimsOldestFirstInBatches) {
  for (int i = 0; i < 5; ++i) enqueue(message("k" + std::to_string(i)));
  auto first = claim(now_, {5min, 3, 8});
  ASSERT_EQ(first.size(), 3u);
  EXPECT_LT(first[0].id, first[1].id);
  EXPECT_LT(first[1].id, first[2].id);
  auto second = claim(now_, {5min, 3, 8});
  ASSERT_EQ(second.size(), 2u);
  EXPECT_GT(second[0].id, first[2].id);
}

TEST_F(OutboxRepoTest, HeldMessagesWaitForAnAdmin) {
  auto held = message("k1");
  held.held = true;
  const auto id = enqueue(held).id;
  EXPECT_EQ(entry(id).status, OutboxStatus::held);
  EXPECT_TRUE(claim(now_ + 1h).empty());
  auto resent = transact(db_, [&](Connection& c) { return repo_.resend(c, id, now_ + 1h); });
  ASSERT_TRUE(resent);
  EXPECT_EQ(resent->status, OutboxStatus::pending);
  EXPECT_EQ(claim(now_ + 1h).size(), 1u);
}

TEST_F(OutboxRepoTest, ResendOnlyRevivesDeadOrHeld) {
  const auto id = enqueue(message("k1")).id;
  ASSERT_EQ(claim(now_).size(), 1u);
  auto sending = transact(db_, [&](Connection& c) { return repo_.resend(c, id, now_); });
  ASSERT_FALSE(sending);
  EXPECT_EQ(sending.error().code, ErrorCode::conflict);
  ASSERT_TRUE(transact(db_, [&](Connection& c) { return repo_.mark_failed(c, id, 1, "550", std::nullopt, now_); }));
  auto revived = transact(db_, [&](Connection& c) { return repo_.resend(c, id, now_ + 1min); });
  ASSERT_TRUE(revived);
  EXPECT_EQ(revived->status, OutboxStatus::pending);
  EXPECT_EQ(revived->attempts, 0);
  auto missing = transact(db_, [&](Connection& c) { return repo_.resend(c, 999, now_); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_F(OutboxRepoTest, ListFiltersAndPagesNewestFirst) {
  for (int i = 0; i < 5; ++i) enqueue(message("k" + std::to_string(i)));
  auto other = message("other");
  other.interview_id = 8;
  other.held = true;
  const auto held_id = enqueue(other).id;

  auto page = read_with(db_, [&](Connection& c) { return repo_.list(c, {}, {3, {}, {}}); });
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_TRUE(page->has_more);
  EXPECT_EQ(page->items[0].id, held_id);
  auto next = read_with(db_, [&](Connection& c) { return repo_.list(c, {}, {3, {}, page->items.back().id}); });
  ASSERT_TRUE(next);
  EXPECT_EQ(next->items.size(), 3u);
  EXPECT_FALSE(next->has_more);
  EXPECT_LT(next->items[0].id, page->items.back().id);

  auto held = read_with(db_, [&](Connection& c) { return repo_.list(c, {OutboxStatus::held, {}}, {}); });
  ASSERT_TRUE(held);
  ASSERT_EQ(held->items.size(), 1u);
  EXPECT_EQ(held->items[0].id, held_id);
  auto by_interview = read_with(db_, [&](Connection& c) { return repo_.list(c, {{}, 7}, {}); });
  ASSERT_TRUE(by_interview);
  EXPECT_EQ(by_interview->items.size(), 5u);
}

}  // namespace
}  // namespace poblysh::store
