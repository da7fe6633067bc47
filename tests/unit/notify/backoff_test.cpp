#include "notify/backoff.hpp"

#include <gtest/gtest.h>

namespace poblysh::notify {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(Backoff, DoublesFromTheBaseUpToTheCap) {
  const RetryPolicy policy{seconds(30), std::chrono::minutes(10), 0.0};
  EXPECT_EQ(retry_delay(policy, 1, 0.5), seconds(30));
  EXPECT_EQ(retry_delay(policy, 2, 0.5), seconds(60));
  EXPECT_EQ(retry_delay(policy, 3, 0.5), seconds(120));
  EXPECT_EQ(retry_delay(policy, 5, 0.5), seconds(480));
  EXPECT_EQ(retry_delay(policy, 6, 0.5), std::chrono::minutes(10));
  EXPECT_EQ(retry_delay(policy, 1000, 0.5), std::chrono::minutes(10));  // no overflow
}

TEST(Backoff, JitterOnlyShortensWithinItsFraction) {
  const RetryPolicy policy{seconds(30), std::chrono::hours(1), 0.2};
  EXPECT_EQ(retry_delay(policy, 2, 0.0), seconds(60));
  EXPECT_EQ(retry_delay(policy, 2, 0.5), seconds(54));
  const auto shortest = retry_delay(policy, 2, 0.999999);
  EXPECT_GE(shortest, milliseconds(48'000));
  EXPECT_LT(shortest, seconds(49));
  // Jitter applies after the cap, so a capped delay never exceeds it.
  EXPECT_LE(retry_delay(policy, 40, 0.0), std::chrono::hours(1));
  EXPECT_GE(retry_delay(policy, 40, 0.99), milliseconds(std::chrono::hours(1)) * 8 / 10);
}

TEST(Backoff, OutOfRangeInputsAreClamped) {
  const RetryPolicy policy{seconds(10), seconds(5), 3.0};
  EXPECT_EQ(retry_delay(policy, 1, 0.0), seconds(5));  // base above the cap
  EXPECT_EQ(retry_delay(policy, 1, 2.0), seconds(0));  // jitter above 1 takes at most all
  EXPECT_EQ(retry_delay(policy, 0, 0.0), seconds(5));  // attempts below 1 act like 1
}

TEST(RetrySchedule, RetriesWithinTheJitteredDelayUntilTheLastAttempt) {
  RetrySchedule retries({seconds(30), std::chrono::hours(1), 0.2}, 3);
  const SystemTime now{seconds(1'000'000)};
  for (int attempts = 1; attempts < 3; ++attempts) {
    const auto at = retries.next_try(attempts, now);
    ASSERT_TRUE(at.has_value()) << attempts;
    const auto full = seconds(30) * (1 << (attempts - 1));
    EXPECT_LE(*at, now + full);
    EXPECT_GE(*at, now + full * 8 / 10);
  }
  EXPECT_FALSE(retries.next_try(3, now).has_value());
  EXPECT_FALSE(retries.next_try(4, now).has_value());
}

// A failed try: retried while attempts remain and the failure is not for good; counted where its
// row went; its detail is the internal one when there is one; its warning ends alike for all.
TEST(RetrySchedule, AFailedTryIsRetriedCountedAndLoggedOneWay) {
  RetrySchedule retries({seconds(30), std::chrono::hours(1), 0.0}, 3);
  const SystemTime now{seconds(1'000'000)};
  const Error relay_down{ErrorCode::upstream_unavailable, "Email is unavailable.", {}, "connect refused", {}};
  const auto again = retries.after_failure(1, now, relay_down);
  EXPECT_EQ(again.retry_at, now + seconds(30));
  EXPECT_EQ(again.detail, "connect refused");
  const auto refused =
      retries.after_failure(1, now, Error{ErrorCode::unprocessable, "No such mailbox.", {}, {}, {}}, true);
  EXPECT_FALSE(refused.retry_at.has_value());
  EXPECT_EQ(refused.detail, "No such mailbox.");
  EXPECT_FALSE(retries.after_failure(3, now, relay_down).retry_at.has_value());

  struct Tally {
    int retrying = 0;
    int dead = 0;
    int lost = 0;
  } tally;
  again.count(true, tally);
  refused.count(true, tally);
  again.count(false, tally);
  EXPECT_EQ(tally.retrying, 1);
  EXPECT_EQ(tally.dead, 1);
  EXPECT_EQ(tally.lost, 1);
  EXPECT_EQ(again.log_line(LogLine("email not sent").number("outbox_id", 7), 1),
            R"({"msg":"email not sent","outbox_id":7,"attempt":1,"will_retry":true,"detail":"connect refused"})");
}

}  // namespace
}  // namespace poblysh::notify
