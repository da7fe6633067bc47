// calcom: runs one logical Cal.com call — budget, auth headers, attempts, backoff, errors, logs.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "calcom/client.hpp"
#include "calcom/encode.hpp"
#include "calcom/parse.hpp"
#include "calcom/rate_limiter.hpp"
#include "calcom/retry.hpp"
#include "calcom/transport.hpp"

namespace spdlog {
class logger;
}

namespace poblysh::calcom {

// Whether sending the same request twice is harmless decides how failures are retried.
//  * safe:   reads, PATCH (sets the same fields again), cancel (cancelling twice leaves the
//            booking cancelled; a late "already cancelled" is resolved by the caller) —
//            retried on connection errors, timeouts, 5xx and 429.
//  * unsafe: create booking, reschedule, add guests, create webhook — a repeat could book twice,
//            move twice or add twice. Retried automatically only when Cal.com certainly did not
//            act (the connection never opened; a 429, which the throttler answers before any
//            handler runs). After an ambiguous failure the caller checks first.
enum class Repeat { safe, unsafe };

struct ApiCall {
  HttpMethod method = HttpMethod::get;
  std::string path;   // "/v2/bookings/<uid>", segments already encoded
  QueryParams query;
  std::string body;   // JSON; empty for GET
  std::string api;    // kApiBookings, … → cal-api-version
  std::string resource = "item";  // what a 404 means: "booking", "webhook", …
};

// Attempts and elapsed time shared by every try of one logical call, including the lookups
// that run between tries of an unsafe call.
struct RetryBudget {
  int attempts = 0;
  std::chrono::steady_clock::time_point started;
};

// What Cal.com answered, for the log line of a failed attempt (empty when nothing came back).
struct AnswerDetail {
  std::optional<int> status;
  ApiErrorInfo info;
};

struct CallFailure {
  Error error;
  bool ambiguous = false;  // Cal.com may have acted on it (unsafe calls only)
};

class Executor {
 public:
  Executor(const ClientOptions& options, Transport& transport, const Clock& clock,
           Sleeper& sleeper, RandomSource& random, RateLimiter& limiter, spdlog::logger& log);

  RetryBudget new_budget() const;

  // Sends `call` until it succeeds with a 2xx or the failure is final. Each failed attempt is
  // logged once. For Repeat::unsafe an ambiguous failure ends the loop with ambiguous = true.
  tl::expected<HttpResponse, CallFailure> run(const ApiCall& call, const CallContext& ctx,
                                              Repeat repeat, RetryBudget& budget);

  // Backoff before the next try, or nullopt when attempts or total time are used up.
  std::optional<std::chrono::milliseconds> retry_delay(const RetryBudget& budget,
                                                       std::chrono::milliseconds at_least = {}) const;

  // One JSON line per failed attempt, or per failure that is not an HTTP exchange
  // (unreadable body, unknown outcome): {"msg":"cal.com request failed","request_id",…}.
  // Everything in it has passed scrub(); the query string is left out (attendee e-mails).
  void log_failure(const ApiCall& call, const CallContext& ctx, const RetryBudget& budget,
                   const Error& error, std::string_view next_step,
                   const AnswerDetail& answer = {}) const;
  // An unsafe call whose answer was lost turned out to have taken effect.
  void log_recovered(const ApiCall& call, const CallContext& ctx, const RetryBudget& budget) const;

  // Replaces the API key wherever it might appear; applied to everything we log or return.
  std::string scrub(std::string text) const;

  Sleeper& sleeper() const { return sleeper_; }

 private:
  enum class Outcome { ok, final_failure, retryable, ambiguous };
  struct Attempt {
    Outcome outcome = Outcome::final_failure;
    HttpResponse response;
    Error error;
    std::chrono::milliseconds at_least{0};  // 429: how long Cal.com asked us to wait
    AnswerDetail answer;
  };

  Attempt attempt(const ApiCall& call);
  HttpRequest build_request(const ApiCall& call) const;

  const ClientOptions& options_;
  Transport& transport_;
  const Clock& clock_;
  Sleeper& sleeper_;
  RandomSource& random_;
  RateLimiter& limiter_;
  spdlog::logger& log_;
};

}  // namespace poblysh::calcom
