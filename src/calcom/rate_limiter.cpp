#include "calcom/rate_limiter.hpp"

#include <algorithm>

namespace poblysh::calcom {

using std::chrono::milliseconds;

RateLimiter::RateLimiter(int requests_per_minute, const Clock& clock, Sleeper& sleeper)
    : limit_(requests_per_minute), clock_(clock), sleeper_(sleeper) {}

milliseconds RateLimiter::try_take() {
  std::lock_guard lock(mutex_);
  auto now = clock_.steady_now();
  if (blocked_until_ > now) {
    return std::max(std::chrono::ceil<milliseconds>(blocked_until_ - now), milliseconds(1));
  }
  if (limit_ <= 0) return milliseconds(0);
  while (!sent_.empty() && sent_.front() + kWindow <= now) sent_.pop_front();
  if (static_cast<int>(sent_.size()) < limit_) {
    sent_.push_back(now);
    return milliseconds(0);
  }
  return std::max(std::chrono::ceil<milliseconds>(sent_.front() + kWindow - now), milliseconds(1));
}

RateLimiter::Grant RateLimiter::acquire(milliseconds max_wait) {
  milliseconds waited{0};
  for (;;) {
    milliseconds wait = try_take();
    if (wait.count() == 0) return Grant{true, milliseconds(0)};
    // Sleeping and then losing the slot to another thread is possible, so the bound is on the
    // total time spent waiting, re-checked on every round.
    if (waited + wait > max_wait) return Grant{false, wait};
    sleeper_.sleep_for(wait);
    waited += wait;
  }
}

void RateLimiter::block_for(milliseconds duration) {
  std::lock_guard lock(mutex_);
  blocked_until_ = std::max(blocked_until_, clock_.steady_now() + duration);
}

}  // namespace poblysh::calcom
