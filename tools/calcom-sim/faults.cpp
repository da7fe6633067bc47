#include "faults.hpp"

#include <algorithm>

namespace poblysh::calcom_sim {

SimResult<FaultConfig> merge_fault_config(FaultConfig base, const nlohmann::json& patch) {
  if (!patch.is_object()) return bad_request("faults must be a JSON object");
  try {
    for (const auto& [key, value] : patch.items()) {
      if (key == "latencyMs")
        base.latency_ms = value.get<int>();
      else if (key == "errorRate")
        base.error_rate = value.get<double>();
      else if (key == "errorCount")
        base.error_count = value.get<int>();
      else if (key == "errorStatus")
        base.error_status = value.get<int>();
      else if (key == "throttleCount")
        base.throttle_count = value.get<int>();
      else if (key == "hangCount")
        base.hang_count = value.get<int>();
      else if (key == "hangMs")
        base.hang_ms = value.get<int>();
      else if (key == "failAfterCommitCount")
        base.fail_after_commit_count = value.get<int>();
      else if (key == "failAfterCommitMode")
        base.fail_after_commit_mode = value.get<std::string>();
      else if (key == "answerDelayMs")
        base.answer_delay_ms = value.get<int>();
      else if (key == "bookingStartShiftMinutes")
        base.booking_start_shift_minutes = value.get<int>();
      else if (key == "pathPrefix")
        base.path_prefix = value.get<std::string>();
      else if (key == "method")
        base.method = value.get<std::string>();
      else
        return bad_request("unknown fault field: " + key);
    }
  } catch (const nlohmann::json::exception& error) {
    return bad_request(std::string("bad fault value: ") + error.what());
  }
  if (base.error_rate < 0 || base.error_rate > 1) return bad_request("errorRate must be between 0 and 1");
  if (base.error_status < 500 || base.error_status > 599) return bad_request("errorStatus must be 5xx");
  if (base.fail_after_commit_mode != "error" && base.fail_after_commit_mode != "hang") {
    return bad_request("failAfterCommitMode must be error or hang");
  }
  if (base.latency_ms < 0 || base.hang_ms < 0 || base.answer_delay_ms < 0 || base.error_count < 0 ||
      base.booking_start_shift_minutes < 0 || base.throttle_count < 0 || base.hang_count < 0 ||
      base.fail_after_commit_count < 0) {
    return bad_request("fault numbers must not be negative");
  }
  return base;
}

nlohmann::json fault_config_json(const FaultConfig& config) {
  return nlohmann::json{{"latencyMs", config.latency_ms},
                        {"errorRate", config.error_rate},
                        {"errorCount", config.error_count},
                        {"errorStatus", config.error_status},
                        {"throttleCount", config.throttle_count},
                        {"hangCount", config.hang_count},
                        {"hangMs", config.hang_ms},
                        {"failAfterCommitCount", config.fail_after_commit_count},
                        {"failAfterCommitMode", config.fail_after_commit_mode},
                        {"answerDelayMs", config.answer_delay_ms},
                        {"bookingStartShiftMinutes", config.booking_start_shift_minutes},
                        {"pathPrefix", config.path_prefix},
                        {"method", config.method}};
}

FaultConfig Faults::get() const {
  std::lock_guard lock(mutex_);
  return config_;
}

void Faults::set(FaultConfig config) {
  std::lock_guard lock(mutex_);
  config_ = std::move(config);
}

FaultDecision Faults::decide(std::string_view method, std::string_view path) {
  std::lock_guard lock(mutex_);
  ++requests_seen_[std::string(method) + " " + std::string(path)];
  FaultDecision decision;
  if (!config_.path_prefix.empty() && path.substr(0, config_.path_prefix.size()) != config_.path_prefix) {
    return decision;
  }
  if (!config_.method.empty() && method != config_.method) return decision;
  decision.latency_ms = config_.latency_ms;
  decision.answer_delay_ms = config_.answer_delay_ms;
  // Hangs first: a test arming a hang wants that request to time out, whatever else is armed.
  if (config_.hang_count > 0) {
    --config_.hang_count;
    decision.action = FaultAction::hang;
    decision.hang_ms = config_.hang_ms;
  } else if (config_.throttle_count > 0) {
    --config_.throttle_count;
    decision.action = FaultAction::throttle;
  } else if (config_.error_count > 0) {
    --config_.error_count;
    decision.action = FaultAction::error;
  } else if (config_.error_rate > 0 && std::uniform_real_distribution<double>(0, 1)(random_) < config_.error_rate) {
    decision.action = FaultAction::error;
  }
  decision.status = config_.error_status;
  return decision;
}

std::map<std::string, int> Faults::requests_seen() const {
  std::lock_guard lock(mutex_);
  return requests_seen_;
}

void Faults::forget_requests() {
  std::lock_guard lock(mutex_);
  requests_seen_.clear();
}

std::string Faults::take_fail_after_commit() {
  std::lock_guard lock(mutex_);
  if (config_.fail_after_commit_count <= 0) return {};
  --config_.fail_after_commit_count;
  return config_.fail_after_commit_mode;
}

RateLimiter::Outcome RateLimiter::hit(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& window = windows_[key];
  if (window.count == 0 || now - window.started >= window_) window = Window{now, 0};
  ++window.count;
  Outcome outcome;
  outcome.limit = limit_;
  outcome.allowed = window.count <= limit_;
  outcome.remaining = std::max(0, limit_ - window.count);
  // Rounded up: a client that waits the advertised seconds must find the window over.
  const auto left = std::chrono::ceil<std::chrono::seconds>(window.started + window_ - now);
  outcome.reset_seconds = static_cast<int>(std::max<std::int64_t>(1, left.count()));
  return outcome;
}

void RateLimiter::set_limit(int limit) {
  std::lock_guard lock(mutex_);
  limit_ = limit;
}

int RateLimiter::limit() const {
  std::lock_guard lock(mutex_);
  return limit_;
}

void RateLimiter::set_window(std::chrono::seconds window) {
  std::lock_guard lock(mutex_);
  window_ = window;
}

std::chrono::seconds RateLimiter::window() const {
  std::lock_guard lock(mutex_);
  return window_;
}

void RateLimiter::reset() {
  std::lock_guard lock(mutex_);
  windows_.clear();
}

}  // namespace poblysh::calcom_sim
