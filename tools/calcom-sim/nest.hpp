// calcom-sim: the HTTP face shared by all /v2 handlers — Cal.com's envelopes and Nest errors,
// API-key auth, cal-api-version, rate-limit headers and injected faults.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_error.hpp"
#include "delivery.hpp"
#include "faults.hpp"
#include "http/message.hpp"
#include "sim_clock.hpp"
#include "store.hpp"

namespace poblysh::calcom_sim {

// Everything the handlers share; built once in main and passed by reference.
struct SimContext {
  Store& store;
  SimClock& clock;
  Faults& faults;
  RateLimiter& limiter;
  Dispatcher& dispatcher;
  std::atomic<bool> send_retry_after{false};  // current Cal.com docs promise Retry-After; the OSS guard sent none
};

struct Caller {
  const ApiKey* key = nullptr;  // null for anonymous calls to public endpoints
  const User* user = nullptr;
};

enum class Auth { required, optional };

using ApiHandler = std::function<http::Response(http::Request&, const Caller&)>;

// Wraps a /v2 handler in what Cal.com does around every request: faults, throttling,
// authentication, and the key's capabilities (`capability` names what the key must not lack).
http::Handler guarded(SimContext& context, Auth auth, std::string capability, ApiHandler handler);

http::Response success(int status, const nlohmann::json& data);
http::Response success_with(int status, nlohmann::json body);  // body already holds status/data/…
http::Response nest_error(const http::Request& request, const ApiError& error, SystemTime now);
// Nest's answer for a route no controller serves: 404 "Cannot GET /v2/…".
http::Response cannot_route(const http::Request& request, SystemTime now);

// The cal-api-version header, empty when absent.
std::string api_version(const http::Request& request);

SimResult<nlohmann::json> parse_json_body(const http::Request& request);
std::optional<int> to_int(const std::string& text);
std::vector<std::string> split_list(const std::string& text);  // "a,b" → {a, b}, trimmed, no empties

}  // namespace poblysh::calcom_sim
