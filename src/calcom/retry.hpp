// calcom: when to try a Cal.com request again and how long to wait (pure, injectable).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <random>

#include "calcom/transport.hpp"
#include "core/clock.hpp"

namespace poblysh::calcom {

// Randomness is injected so tests can pin the jitter.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double uniform01() = 0;  // in [0, 1)
};

// Waiting is injected so tests advance a fake clock instead of sleeping.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemRandom final : public RandomSource {
 public:
  SystemRandom();
  double uniform01() override;

 private:
  std::mutex mutex_;  // shared by the slots fan-out threads
  std::mt19937_64 engine_;
};

class ThreadSleeper final : public Sleeper {
 public:
  void sleep_for(std::chrono::milliseconds duration) override;
};

struct BackoffPolicy {
  std::chrono::milliseconds base{250};
  std::chrono::milliseconds cap{4000};
};

// "Full jitter": uniform in [0, min(cap, base * 2^(retry-1))], retry = 1 for the first retry.
// Spreads the retries of many callers instead of having them hit Cal.com in lockstep.
std::chrono::milliseconds backoff_delay(int retry, const BackoffPolicy& policy, RandomSource& random);

// How long a 429 asks us to wait: `Retry-After` (delta seconds or HTTP date), else the
// exhausted tier's `X-RateLimit-Reset-<tier>` (seconds to expiry, or a Unix time in s or ms —
// API-NOTES §3 says not to rely on either meaning), else nullopt and the caller uses its
// default (≥ 60 s, Cal.com's block time). Never less than one second.
std::optional<std::chrono::seconds> rate_limit_wait(const HeaderList& headers, SystemTime now);

}  // namespace poblysh::calcom
