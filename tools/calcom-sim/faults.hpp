// calcom-sim: injected faults (latency, 5xx, 429 bursts, hangs, fail-after-commit, slow answers),
// the count of requests served, and the Cal.com-style rate limiter.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <string_view>

#include "api_error.hpp"

namespace poblysh::calcom_sim {

struct FaultConfig {
  int latency_ms = 0;       // added to every matching request
  double error_rate = 0.0;  // share of matching requests answered with error_status
  int error_count = 0;      // the next N matching requests answer error_status
  int error_status = 500;   // 500 (Nest JSON) or 502/503/504 (gateway text)
  int throttle_count = 0;   // the next N matching requests answer 429
  int hang_count = 0;       // the next N matching requests sleep hang_ms, then answer normally
  int hang_ms = 30000;
  int fail_after_commit_count = 0;               // the next N booking creates are stored, then fail
  std::string fail_after_commit_mode = "error";  // "error": 500; "hang": sleep hang_ms, then 500
  // Matching requests are handled (a booking made or cancelled, its webhooks queued) and only
  // then answered this much later: Cal.com acted, the caller does not know yet.
  int answer_delay_ms = 0;
  // Bookings made start this much later than asked, as when Cal.com moves a start onto its own
  // slot grid: the caller must notice the time it got.
  int booking_start_shift_minutes = 0;
  std::string path_prefix;  // only paths starting with this (empty: every /v2 path)
  std::string method;       // only requests of this method, e.g. "GET" (empty: any)
};

// Reads the fields present in `patch` over `base`; unknown fields are an error so a typo in a
// test does not silently inject nothing.
SimResult<FaultConfig> merge_fault_config(FaultConfig base, const nlohmann::json& patch);
nlohmann::json fault_config_json(const FaultConfig& config);

enum class FaultAction { none, error, throttle, hang };

struct FaultDecision {
  int latency_ms = 0;
  int answer_delay_ms = 0;
  FaultAction action = FaultAction::none;
  int status = 0;
  int hang_ms = 0;
};

class Faults {
 public:
  explicit Faults(FaultConfig initial = {}) : config_(std::move(initial)), random_(std::random_device{}()) {}
  FaultConfig get() const;
  void set(FaultConfig config);
  // Decides the fate of one request and consumes one unit of any counter it draws on; counts it.
  FaultDecision decide(std::string_view method, std::string_view path);
  // How many /v2 requests were served, by "METHOD /path" (no query): tests count the calls a
  // client made, e.g. that two clicks on one confirm sent one create-booking.
  std::map<std::string, int> requests_seen() const;
  void forget_requests();
  // Consumes one fail-after-commit; returns the mode ("error"/"hang") or empty when none is armed.
  std::string take_fail_after_commit();

 private:
  mutable std::mutex mutex_;
  FaultConfig config_;
  std::mt19937 random_;
  std::map<std::string, int> requests_seen_;
};

// A fixed window per client key, like Cal.com's throttler: `limit` requests per window, then
// 429 until the window ends.
class RateLimiter {
 public:
  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}
  struct Outcome {
    bool allowed = true;
    int limit = 0;
    int remaining = 0;
    int reset_seconds = 0;  // seconds until the window ends (the OSS throttler's meaning)
  };
  Outcome hit(const std::string& key, std::chrono::steady_clock::time_point now);
  void set_limit(int limit);
  int limit() const;
  // Tests shorten the window (Cal.com's is 60 s) to see a client wait out a 429 and succeed.
  void set_window(std::chrono::seconds window);
  std::chrono::seconds window() const;
  void reset();

 private:
  struct Window {
    std::chrono::steady_clock::time_point started;
    int count = 0;
  };
  mutable std::mutex mutex_;
  int limit_;
  std::chrono::seconds window_;
  std::map<std::string, Window> windows_;
};

}  // namespace poblysh::calcom_sim
