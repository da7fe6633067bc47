// Test support: a clock that stands still until the test moves it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/clock.hpp"
#include "core/time.hpp"

namespace poblysh::testing {

// Wall time the test sets; steady time follows it, so expiry and backoff are tested without
// sleeping. Safe to read from other threads while the test advances it.
class ManualClock final : public Clock {
 public:
  // A fixed moment (2026-05-28), so no test depends on the day it runs.
  static constexpr std::int64_t kDefaultStartMs = 1'780'000'000'000;

  explicit ManualClock(SystemTime start = from_unix_ms(kDefaultStartMs)) : now_ms_(to_unix_ms(start)) {}
  SystemTime now() const override { return from_unix_ms(now_ms_.load()); }
  std::chrono::steady_clock::time_point steady_now() const override {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
  }
  void advance(std::chrono::milliseconds by) { now_ms_ += by.count(); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace poblysh::testing
