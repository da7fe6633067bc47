// calcom: keeps this process under its share of Cal.com's per-key request budget.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>

#include "calcom/retry.hpp"
#include "core/clock.hpp"

namespace poblysh::calcom {

// A sliding-window log over the steady clock: at most `requests_per_minute` sends in any 60 s.
// A token bucket of the same rate would allow up to twice that inside one of Cal.com's fixed
// 60 s windows (a full bucket plus its refill), and going over locks the key for 60 s.
// Requests wait (bounded) for a free slot instead of being sent and refused.
class RateLimiter {
 public:
  // requests_per_minute <= 0 disables limiting.
  RateLimiter(int requests_per_minute, const Clock& clock, Sleeper& sleeper);

  struct Grant {
    bool granted = false;
    std::chrono::milliseconds retry_after{0};  // when not granted: how long until a slot frees
  };

  // Takes a slot, sleeping as needed, but gives up if that would take longer than max_wait.
  Grant acquire(std::chrono::milliseconds max_wait);

  // Takes a slot if one is free now; otherwise returns how long until one is (never 0).
  std::chrono::milliseconds try_take();

  // Cal.com answered 429: nobody in this process sends before `duration` has passed.
  void block_for(std::chrono::milliseconds duration);

 private:
  static constexpr std::chrono::seconds kWindow{60};

  const int limit_;
  const Clock& clock_;
  Sleeper& sleeper_;
  std::mutex mutex_;
  std::deque<std::chrono::steady_clock::time_point> sent_;  // oldest first
  std::chrono::steady_clock::time_point blocked_until_{};
};

}  // namespace poblysh::calcom
