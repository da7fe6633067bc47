#include "notify/backoff.hpp"

#include <algorithm>

namespace poblysh::notify {

std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempts, double unit) {
  const auto cap = std::max(policy.cap, std::chrono::milliseconds(0));
  auto delay = std::clamp(policy.base, std::chrono::milliseconds(0), cap);
  // Doubling stops at the cap, so large attempt counts cannot overflow.
  for (int i = 1; i < attempts && delay < cap; ++i) delay = std::min(cap, delay * 2);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0) * std::clamp(unit, 0.0, 1.0);
  const auto taken = static_cast<std::chrono::milliseconds::rep>(static_cast<double>(delay.count()) * jitter);
  return delay - std::chrono::milliseconds(taken);
}

RetrySchedule::RetrySchedule(RetryPolicy policy, int max_attempts)
    : policy_(policy), max_attempts_(max_attempts), random_(std::random_device{}()) {}

std::optional<SystemTime> RetrySchedule::next_try(int attempts, SystemTime now) {
  if (attempts >= max_attempts_) return std::nullopt;
  const double unit = std::uniform_real_distribution<double>(0.0, 1.0)(random_);
  return now + retry_delay(policy_, attempts, unit);
}

}  // namespace poblysh::notify
