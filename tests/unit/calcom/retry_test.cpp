#include "calcom/retry.hpp"

#include <gtest/gtest.h>

#include "calcom/rate_limiter.hpp"
#include "fakes.hpp"

namespace poblysh::calcom {
namespace {

using namespace std::chrono_literals;
using testing::FakeSleeper;
using testing::FixedRandom;
using testing::ManualClock;

TEST(Backoff, FullJitterScalesTheExponentialCeiling) {
  BackoffPolicy policy{250ms, 4000ms};
  FixedRandom top(0.999999);
  EXPECT_EQ(backoff_delay(1, policy, top), 249ms);
  EXPECT_EQ(backoff_delay(2, policy, top), 499ms);
  EXPECT_EQ(backoff_delay(3, policy, top), 999ms);
  EXPECT_EQ(backoff_delay(5, policy, top), 3999ms);
  EXPECT_EQ(backoff_delay(6, policy, top), 3999ms);     // capped
  EXPECT_EQ(backoff_delay(1000, policy, top), 3999ms);  // no overflow
  FixedRandom half(0.5);
  EXPECT_EQ(backoff_delay(3, policy, half), 500ms);
  FixedRandom zero(0.0);
  EXPECT_EQ(backoff_delay(4, policy, zero), 0ms);
}

TEST(RateLimitWait, RetryAfterSecondsWins) {
  SystemTime now = SystemTime(std::chrono::seconds(1'780'000'000));
  HeaderList headers{{"retry-after", "7"}, {"X-RateLimit-Reset-Default", "50"}};
  EXPECT_EQ(rate_limit_wait(headers, now), 7s);
  EXPECT_EQ(rate_limit_wait({{"Retry-After", "0"}}, now), 1s);  // never zero
  EXPECT_EQ(rate_limit_wait({{"Retry-After", "2.5"}}, now), 3s);
}

TEST(RateLimitWait, RetryAfterHttpDate) {
  SystemTime now = SystemTime(std::chrono::seconds(1'780'000'000));  // Thu, 28 May 2026 20:26:40 GMT
  EXPECT_EQ(rate_limit_wait({{"Retry-After", "Thu, 28 May 2026 20:27:10 GMT"}}, now), 30s);
  EXPECT_EQ(rate_limit_wait({{"Retry-After", "Thu, 28 May 2026 20:00:00 GMT"}}, now), 1s);
}

TEST(RateLimitWait, ResetHeadersAsSecondsOrUnixTime) {
  SystemTime now = SystemTime(std::chrono::seconds(1'780'000'000));
  EXPECT_EQ(rate_limit_wait({{"X-RateLimit-Reset-Default", "42"}}, now), 42s);
  EXPECT_EQ(rate_limit_wait({{"X-RateLimit-Reset-Default", "1780000020"}}, now), 20s);
  EXPECT_EQ(rate_limit_wait({{"X-RateLimit-Reset-Default", "1780000020000"}}, now), 20s);
  // Junk Retry-After falls through to the reset header.
  EXPECT_EQ(rate_limit_wait({{"Retry-After", "soon"}, {"x-ratelimit-reset-default", "9"}}, now), 9s);
}

TEST(RateLimitWait, ExhaustedTierDecides) {
  SystemTime now = SystemTime(std::chrono::seconds(1'780'000'000));
  HeaderList headers{{"X-RateLimit-Remaining-Short", "3"},
                     {"X-RateLimit-Reset-Short", "55"},
                     {"X-RateLimit-Remaining-Default", "0"},
                     {"X-RateLimit-Reset-Default", "12"}};
  EXPECT_EQ(rate_limit_wait(headers, now), 12s);
}

TEST(RateLimitWait, NothingUsableMeansCallerDefault) {
  SystemTime now = SystemTime(std::chrono::seconds(1'780'000'000));
  EXPECT_FALSE(rate_limit_wait({}, now).has_value());
  EXPECT_FALSE(rate_limit_wait({{"X-RateLimit-Limit-Default", "120"}}, now).has_value());
}

TEST(RateLimiter, AllowsTheBudgetThenWaitsForTheOldestToLeaveTheWindow) {
  ManualClock clock;
  FakeSleeper sleeper(clock);
  RateLimiter limiter(3, clock, sleeper);
  EXPECT_EQ(limiter.try_take(), 0ms);
  clock.advance(10s);
  EXPECT_EQ(limiter.try_take(), 0ms);
  EXPECT_EQ(limiter.try_take(), 0ms);
  EXPECT_EQ(limiter.try_take(), 50s);  // the first one leaves the 60 s window in 50 s
  clock.advance(50s);
  EXPECT_EQ(limiter.try_take(), 0ms);
  EXPECT_EQ(limiter.try_take(), 10s);
}

TEST(RateLimiter, AcquireSleepsWithinBoundOtherwiseRefuses) {
  ManualClock clock;
  FakeSleeper sleeper(clock);
  RateLimiter limiter(2, clock, sleeper);
  EXPECT_TRUE(limiter.acquire(0ms).granted);
  EXPECT_TRUE(limiter.acquire(0ms).granted);
  auto refused = limiter.acquire(5s);
  EXPECT_FALSE(refused.granted);
  EXPECT_EQ(refused.retry_after, 60s);
  EXPECT_TRUE(sleeper.sleeps().empty());  // refused without waiting in vain
  clock.advance(58s);
  auto waited = limiter.acquire(5s);
  EXPECT_TRUE(waited.granted);
  EXPECT_EQ(sleeper.total(), 2s);
}

TEST(RateLimiter, NoBurstExceedsTheBudgetInAnyMinute) {
  ManualClock clock;
  FakeSleeper sleeper(clock);
  RateLimiter limiter(120, clock, sleeper);
  std::vector<std::chrono::steady_clock::time_point> sent;
  for (int i = 0; i < 400; ++i) {
    ASSERT_TRUE(limiter.acquire(120s).granted);
    sent.push_back(clock.steady_now());
  }
  for (std::size_t i = 0; i + 120 < sent.size(); ++i) {
    EXPECT_GE(sent[i + 120] - sent[i], std::chrono::seconds(60)) << i;
  }
}

TEST(RateLimiter, BlockForHoldsEveryoneBack) {
  ManualClock clock;
  FakeSleeper sleeper(clock);
  RateLimiter limiter(100, clock, sleeper);
  limiter.block_for(30s);
  EXPECT_EQ(limiter.try_take(), 30s);
  clock.advance(30s);
  EXPECT_EQ(limiter.try_take(), 0ms);
}

TEST(RateLimiter, DisabledWhenBudgetIsZero) {
  ManualClock clock;
  FakeSleeper sleeper(clock);
  RateLimiter limiter(0, clock, sleeper);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.try_take(), 0ms);
}

}  // namespace
}  // namespace poblysh::calcom
