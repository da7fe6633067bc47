#include "calcom/executor.hpp"

#include <algorithm>

#include <spdlog/logger.h>

#include "calcom/errors.hpp"
#include "calcom/parse.hpp"
#include "core/log_line.hpp"
#include "core/time.hpp"

namespace poblysh::calcom {

using std::chrono::milliseconds;

Executor::Executor(const ClientOptions& options, Transport& transport, const Clock& clock,
                   Sleeper& sleeper, RandomSource& random, RateLimiter& limiter,
                   spdlog::logger& log)
    : options_(options), transport_(transport), clock_(clock), sleeper_(sleeper),
      random_(random), limiter_(limiter), log_(log) {}

RetryBudget Executor::new_budget() const { return RetryBudget{0, clock_.steady_now()}; }

std::string Executor::scrub(std::string text) const {
  const std::string& key = options_.api_key;
  if (key.size() < 4) return text;  // too short to search for without mangling normal text
  const std::string mask = redact_key(key);
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + mask.size())) {
    text.replace(at, key.size(), mask);
  }
  return text;
}

HttpRequest Executor::build_request(const ApiCall& call) const {
  HttpRequest request;
  request.method = call.method;
  std::string base = options_.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  request.url = base + call.path + build_query(call.query);
  request.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
  request.headers.emplace_back("Accept", "application/json");
  if (!call.body.empty() || call.method == HttpMethod::post || call.method == HttpMethod::patch) {
    request.headers.emplace_back("Content-Type", "application/json");
  }
  if (auto it = options_.api_versions.find(call.api);
      it != options_.api_versions.end() && !it->second.empty()) {
    request.headers.emplace_back("cal-api-version", it->second);
  }
  if (!options_.user_agent.empty()) request.headers.emplace_back("User-Agent", options_.user_agent);
  request.body = call.body;
  request.connect_timeout = options_.connect_timeout;
  request.total_timeout = options_.total_timeout;
  return request;
}

Executor::Attempt Executor::attempt(const ApiCall& call) {
  Attempt result;
  auto grant = limiter_.acquire(options_.max_rate_limit_wait);
  if (!grant.granted) {
    result.outcome = Outcome::final_failure;
    result.error = rate_limited_error(std::chrono::ceil<std::chrono::seconds>(grant.retry_after), false);
    return result;
  }

  auto sent = transport_.send(build_request(call));
  if (!sent) {
    result.error = error_from_transport(sent.error());
    switch (sent.error().kind) {
      case TransportFailure::not_sent: result.outcome = Outcome::retryable; break;
      case TransportFailure::timed_out:
      case TransportFailure::interrupted: result.outcome = Outcome::ambiguous; break;
      case TransportFailure::other: result.outcome = Outcome::final_failure; break;
    }
    return result;
  }

  result.response = std::move(*sent);
  int status = result.response.status;
  if (status >= 200 && status < 300) {
    result.outcome = Outcome::ok;
    return result;
  }
  ApiErrorInfo info = parse_error_body(result.response.body);
  result.error = error_from_status(status, info, call.resource);
  result.answer = AnswerDetail{status, info};
  if (status == 429) {
    auto wait = rate_limit_wait(result.response.headers, clock_.now())
                    .value_or(std::chrono::duration_cast<std::chrono::seconds>(options_.default_rate_limit_wait));
    // Everyone in this process holds back, not just this call: the key is blocked.
    limiter_.block_for(wait);
    result.error.retry_after_seconds = static_cast<int>(wait.count());
    result.error.message = rate_limited_error(wait, true).message;
    result.at_least = wait;
    result.outcome = Outcome::retryable;
  } else if (status >= 500 || status == 408) {
    result.outcome = Outcome::ambiguous;
  } else {
    result.outcome = Outcome::final_failure;
  }
  return result;
}

std::optional<milliseconds> Executor::retry_delay(const RetryBudget& budget, milliseconds at_least) const {
  if (budget.attempts >= options_.max_attempts) return std::nullopt;
  milliseconds delay = std::max(
      backoff_delay(budget.attempts, BackoffPolicy{options_.backoff_base, options_.backoff_cap}, random_),
      at_least);
  auto elapsed = std::chrono::duration_cast<milliseconds>(clock_.steady_now() - budget.started);
  if (elapsed + delay > options_.max_total_retry_time) return std::nullopt;
  return delay;
}

void Executor::log_failure(const ApiCall& call, const CallContext& ctx, const RetryBudget& budget,
                           const Error& error, std::string_view next_step,
                           const AnswerDetail& answer) const {
  auto elapsed = std::chrono::duration_cast<milliseconds>(clock_.steady_now() - budget.started);
  LogLine line("cal.com request failed");
  line.text("request_id", ctx.request_id).text("method", http_method_name(call.method)).text("path", scrub(call.path));
  if (answer.status) {
    line.number("status", *answer.status);
  } else {
    line.null("status");
  }
  log_.warn(line.text("calcom_code", scrub(answer.info.code))
                .text("calcom_message", scrub(answer.info.message))
                .number("attempt", budget.attempts)
                .number("max_attempts", options_.max_attempts)
                .number("elapsed_ms", elapsed.count())
                .text("error", code_name(error.code))
                .text("detail", scrub(error.internal))
                .text("next", next_step)
                .str());
}

void Executor::log_recovered(const ApiCall& call, const CallContext& ctx, const RetryBudget& budget) const {
  auto elapsed = std::chrono::duration_cast<milliseconds>(clock_.steady_now() - budget.started);
  log_.info(LogLine("cal.com change had taken effect despite the failure; using it")
                .text("request_id", ctx.request_id)
                .text("method", http_method_name(call.method))
                .text("path", scrub(call.path))
                .number("attempt", budget.attempts)
                .number("elapsed_ms", elapsed.count())
                .str());
}

tl::expected<HttpResponse, CallFailure> Executor::run(const ApiCall& call, const CallContext& ctx,
                                                      Repeat repeat, RetryBudget& budget) {
  for (;;) {
    ++budget.attempts;
    Attempt result = attempt(call);
    if (result.outcome == Outcome::ok) return std::move(result.response);
    // Cal.com's own message is quoted to users and logs; it must not echo the key back.
    result.error.internal = scrub(std::move(result.error.internal));
    result.error.message = scrub(std::move(result.error.message));

    bool ambiguous = result.outcome == Outcome::ambiguous;
    bool may_repeat = result.outcome == Outcome::retryable || (ambiguous && repeat == Repeat::safe);
    if (!may_repeat) {
      log_failure(call, ctx, budget, result.error,
                  ambiguous ? "outcome unknown, caller checks before any retry" : "giving up",
                  result.answer);
      return tl::unexpected(CallFailure{std::move(result.error), ambiguous});
    }
    auto delay = retry_delay(budget, result.at_least);
    if (!delay) {
      // A 429 asking for more than our budget fails fast with retry_after set rather than
      // holding a user's request for a minute.
      log_failure(call, ctx, budget, result.error, "giving up: no retry budget left", result.answer);
      // Only safe calls get here after an ambiguous failure (see may_repeat), so the caller
      // has nothing to check.
      return tl::unexpected(CallFailure{std::move(result.error), false});
    }
    log_failure(call, ctx, budget, result.error,
                "retrying in " + std::to_string(delay->count()) + " ms", result.answer);
    sleeper_.sleep_for(*delay);
  }
}

}  // namespace poblysh::calcom
