#include "nest.hpp"

#include <charconv>
#include <thread>

#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

const char* reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    default: return "Error";
  }
}

std::string bearer_token(const http::Request& request) {
  const auto header = request.header("Authorization");
  if (!header) return {};
  const std::string_view value = *header;
  if (value.size() < 7 || value.substr(0, 7) != "Bearer ") return {};
  return std::string(value.substr(7));
}

// Load balancers in front of Cal.com answer 502/503/504 with a text page, not Nest JSON.
http::Response gateway_failure(int status) {
  if (status == 500) return {};
  std::string text = status == 502   ? "502 Bad Gateway"
                     : status == 503 ? "503 Service Unavailable"
                                     : "504 Gateway Timeout";
  return http::Response::text(status, "<html><body><h1>" + text + "</h1></body></html>", "text/html");
}

void add_rate_headers(http::Response& response, const RateLimiter::Outcome& outcome) {
  response.set_header("X-RateLimit-Limit-Default", std::to_string(outcome.limit));
  response.set_header("X-RateLimit-Remaining-Default", std::to_string(outcome.remaining));
  response.set_header("X-RateLimit-Reset-Default", std::to_string(outcome.reset_seconds));
}

}  // namespace

http::Response success(int status, const json& data) {
  return http::Response::json_text(status, json{{"status", "success"}, {"data", data}}.dump());
}

http::Response success_with(int status, json body) { return http::Response::json_text(status, body.dump()); }

http::Response nest_error(const http::Request& request, const ApiError& error, SystemTime now) {
  json body{{"status", "error"},
            {"timestamp", format_utc_millis(now)},
            {"path", request.path},
            {"error",
             {{"code", error.code},
              {"message", error.message},
              {"details",
               {{"message", error.message}, {"error", reason_phrase(error.status)}, {"statusCode", error.status}}}}}};
  return http::Response::json_text(error.status, body.dump());
}

http::Response cannot_route(const http::Request& request, SystemTime now) {
  return nest_error(request,
                    ApiError{404, "NotFoundException",
                             std::string("Cannot ") + http::method_name(request.method) + " " + request.path},
                    now);
}

std::string api_version(const http::Request& request) {
  const auto header = request.header("cal-api-version");
  return header ? std::string(*header) : std::string();
}

SimResult<json> parse_json_body(const http::Request& request) {
  if (request.body.empty()) return json::object();
  try {
    return json::parse(request.body);
  } catch (const json::parse_error&) {
    return bad_request("Unexpected token in JSON body");
  }
}

std::optional<int> to_int(const std::string& text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) items.push_back(item);
    start = comma + 1;
  }
  return items;
}

http::Handler guarded(SimContext& context, Auth auth, std::string capability, ApiHandler handler) {
  return [&context, auth, capability = std::move(capability), handler = std::move(handler)](http::Request& request) {
    const auto decision = context.faults.decide(http::method_name(request.method), request.path);
    if (decision.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(decision.latency_ms));
    if (decision.action == FaultAction::hang) {
      std::this_thread::sleep_for(std::chrono::milliseconds(decision.hang_ms));
    }
    const std::string token = bearer_token(request);
    // Cal.com throttles per API key, and per IP for anonymous calls.
    auto outcome = context.limiter.hit(token.empty() ? "ip:" + request.remote_address : "key:" + token,
                                       context.clock.steady_now());
    if (decision.action == FaultAction::throttle) {
      outcome.allowed = false;
      outcome.remaining = 0;
    }
    http::Response response;
    if (!outcome.allowed) {
      response = nest_error(request, ApiError{429, "ThrottlerException", "ThrottlerException: Too Many Requests"},
                            context.clock.now());
      if (context.send_retry_after) response.set_header("Retry-After", std::to_string(outcome.reset_seconds));
    } else if (decision.action == FaultAction::error) {
      response = gateway_failure(decision.status);
      if (decision.status == 500) {
        response = nest_error(request, ApiError{500, "InternalServerErrorException", "Internal server error"},
                              context.clock.now());
      }
    } else {
      Caller caller;
      const bool has_header = request.header("Authorization").has_value();
      if (!token.empty()) {
        caller.key = context.store.find_key(token);
        if (caller.key) caller.user = context.store.user(caller.key->user_id);
      }
      if (auth == Auth::required && !has_header) {
        response = nest_error(request,
                              ApiError{401, "UnauthorizedException",
                                       "No authentication method provided. Either pass an API key as 'Bearer' "
                                       "header or OAuth client credentials as 'x-cal-secret-key' and "
                                       "'x-cal-client-id' headers"},
                              context.clock.now());
      } else if (has_header && !caller.user) {
        response =
            nest_error(request, ApiError{401, "UnauthorizedException", "ApiAuthStrategy - api key - Invalid API Key"},
                       context.clock.now());
      } else if (!capability.empty() && caller.key &&
                 std::find(caller.key->deny.begin(), caller.key->deny.end(), capability) != caller.key->deny.end()) {
        response = nest_error(
            request,
            ApiError{403, "ForbiddenException", "Insufficient permissions: this API key may not manage " + capability},
            context.clock.now());
      } else {
        response = handler(request, caller);
        if (decision.answer_delay_ms > 0)
          std::this_thread::sleep_for(std::chrono::milliseconds(decision.answer_delay_ms));
      }
    }
    add_rate_headers(response, outcome);
    return response;
  };
}

}  // namespace poblysh::calcom_sim
