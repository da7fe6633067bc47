// notify: how long the outbox waits before trying a failed email again, and how a worker
// records a failed try (the job worker does the same).
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/log_line.hpp"

namespace poblysh::notify {

struct RetryPolicy {
  std::chrono::milliseconds base{std::chrono::seconds(30)};
  std::chrono::milliseconds cap{std::chrono::hours(1)};
  double jitter = 0.2;  // up to this fraction is taken off, so retries of one outage spread out
};

// After `attempts` tries (1 = the first one failed): base·2^(attempts-1), at most `cap`, minus
// up to `jitter` of it. `unit` is a random number in [0, 1), passed in to keep this testable.
std::chrono::milliseconds retry_delay(const RetryPolicy& policy, int attempts, double unit);

// An item's failed try: when it runs again (never once its attempts are spent, or when trying
// again cannot help) and why it failed, as its row and the log keep it.
struct FailedTry {
  std::optional<SystemTime> retry_at;
  std::string detail;

  // Where a pass counts it: lost when its claim no longer held to mark it, else retrying or dead.
  template <class Tally>
  void count(bool marked, Tally& tally) const {
    ++(!marked ? tally.lost : retry_at ? tally.retrying : tally.dead);
  }
  // The warning: `item`'s fields name the item; the attempt, whether it runs again and why follow.
  std::string log_line(LogLine item, int attempt) const {
    return item.number("attempt", attempt).flag("will_retry", retry_at.has_value()).text("detail", detail).str();
  }
};

// The retries of a worker's failed items (emails, jobs), jitter drawn at random. Not
// thread-safe: each worker calls it inside its own pass, which never overlaps another.
class RetrySchedule {
 public:
  RetrySchedule(RetryPolicy policy, int max_attempts);
  // When an item tried `attempts` times runs again, or nothing once it has had all its attempts.
  std::optional<SystemTime> next_try(int attempts, SystemTime now);
  // The try `attempts` failed with `error`; a failure for good is never retried.
  FailedTry after_failure(int attempts, SystemTime now, const Error& error, bool for_good = false) {
    return {for_good ? std::nullopt : next_try(attempts, now), error_detail(error)};
  }

 private:
  RetryPolicy policy_;
  int max_attempts_;
  std::mt19937 random_;
};

}  // namespace poblysh::notify
