// calcom-sim: the simulator's "now" — real time, shifted, or frozen — set by tests at run time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "core/clock.hpp"

namespace poblysh::calcom_sim {

// Tests move the simulator's clock instead of sleeping; slots "in the past" and the bookings
// list's upcoming/past split follow it. Steady time stays real (rate limits, latencies).
class SimClock final : public Clock {
 public:
  SystemTime now() const override {
    const auto fixed = fixed_ms_.load();
    if (fixed != kNotFixed) return SystemTime(std::chrono::milliseconds(fixed));
    return std::chrono::system_clock::now() + std::chrono::milliseconds(offset_ms_.load());
  }
  std::chrono::steady_clock::time_point steady_now() const override { return std::chrono::steady_clock::now(); }

  void freeze_at(SystemTime time) {
    fixed_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
  }
  void set_offset(std::chrono::milliseconds offset) {
    fixed_ms_ = kNotFixed;
    offset_ms_ = offset.count();
  }
  void reset() { set_offset(std::chrono::milliseconds{0}); }
  bool frozen() const { return fixed_ms_.load() != kNotFixed; }
  std::int64_t offset_ms() const { return offset_ms_.load(); }

 private:
  static constexpr std::int64_t kNotFixed = INT64_MIN;
  std::atomic<std::int64_t> fixed_ms_{kNotFixed};
  std::atomic<std::int64_t> offset_ms_{0};
};

}  // namespace poblysh::calcom_sim
