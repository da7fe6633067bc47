// notify: how long the outbox waits before trying a failed email again.
#pragma once

#include <chrono>
#include <optional>
#include <random>

#include "core/clock.hpp"

namespace poblysh::notify {

struct RetryPolicy {
  std::chrono::milliseconds base{std::chrono::seconds(30)};
  std::chrono::milliseconds cap{std::chrono::hours(1)};
  double jitter = 0.2;  // up to this fraction is taken off, so retries of one outage spread out
};

// After `attempts` tries (1 = the first one failed): base·2^(attempts-1), at most `cap`, minus
// up to `jitter` of it. `unit` is a random number in [0, 1), passed in to keep this testable.
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempts, double unit);

// The retries of a worker's failed items (emails, jobs), jitter drawn at random. Not
// thread-safe: each worker calls it inside its own pass, which never overlaps another.
class RetrySchedule {
 public:
  RetrySchedule(RetryPolicy policy, int max_attempts);
  // When an item tried `attempts` times runs again, or nothing once it has had all its attempts.
  std::optional<SystemTime> next_try(int attempts, SystemTime now);

 private:
  RetryPolicy policy_;
  int max_attempts_;
  std::mt19937 random_;
};

}  // namespace poblysh::notify
