// calcom (private): the two call patterns shared by CurlClient's source files.
#pragma once

#include "calcom/curl_client.hpp"

namespace poblysh::calcom {

template <class T, class Parse>
Result<T> CurlClient::call(const ApiCall& api_call, const CallContext& ctx, Repeat repeat, Parse parse) {
  RetryBudget budget = executor_.new_budget();
  auto sent = executor_.run(api_call, ctx, repeat, budget);
  if (!sent) return tl::unexpected(std::move(sent.error().error));
  Result<T> parsed = parse(sent->body);
  if (!parsed) {
    parsed.error().internal = executor_.scrub(std::move(parsed.error().internal));
    executor_.log_failure(api_call, ctx, budget, parsed.error(), "unreadable answer",
                          AnswerDetail{sent->status, {}});
  }
  return parsed;
}

template <class T, class Parse, class FindApplied>
Result<T> CurlClient::call_checked(const ApiCall& api_call, const CallContext& ctx, Parse parse,
                                   FindApplied find_applied) {
  RetryBudget budget = executor_.new_budget();
  for (;;) {
    auto sent = executor_.run(api_call, ctx, Repeat::unsafe, budget);
    Error failure;
    std::optional<std::chrono::milliseconds> delay;
    if (sent) {
      Result<T> parsed = parse(sent->body);
      if (parsed) return parsed;
      parsed.error().internal = executor_.scrub(std::move(parsed.error().internal));
      // Cal.com acted but we cannot read what it made: look it up rather than guess.
      executor_.log_failure(api_call, ctx, budget, parsed.error(), "looking up the result",
                            AnswerDetail{sent->status, {}});
      failure = std::move(parsed.error());
    } else if (!sent.error().ambiguous) {
      return tl::unexpected(std::move(sent.error().error));
    } else {
      failure = std::move(sent.error().error);
      delay = executor_.retry_delay(budget);
      // Cal.com may still be working on the request we lost sight of; give it the backoff
      // time before looking, so the lookup sees its result.
      if (delay) executor_.sleeper().sleep_for(*delay);
    }

    Result<std::optional<T>> applied = find_applied();
    if (!applied) {
      Error unknown{ErrorCode::upstream_unavailable,
                    "Cal.com may or may not have made this change. Check Cal.com before trying "
                    "again.",
                    {},
                    failure.internal + "; checking the outcome failed: " + applied.error().internal,
                    {}};
      executor_.log_failure(api_call, ctx, budget, unknown, "giving up: outcome unknown");
      return tl::unexpected(std::move(unknown));
    }
    if (*applied) {
      executor_.log_recovered(api_call, ctx, budget);
      return std::move(**applied);
    }
    // Certainly not applied. Send again only if the failure was a lost request and there is
    // budget left; an unreadable success that we cannot find is reported as it is.
    if (sent || !delay) return tl::unexpected(std::move(failure));
  }
}

}  // namespace poblysh::calcom
