#include "calcom/errors.hpp"

#include <string>

namespace poblysh::calcom {
namespace {

// What the user is told of a failure to reach Cal.com: what to check, or how long to wait.
const char* transport_message(TransportFailure kind) {
  switch (kind) {
    case TransportFailure::not_sent: return "Cal.com could not be reached. Check the network, then try again.";
    case TransportFailure::timed_out: return "Cal.com did not answer in time. Try again in a few minutes.";
    case TransportFailure::interrupted: return "The connection to Cal.com broke off. Try again in a few minutes.";
    case TransportFailure::other: return "Could not talk to Cal.com. Check the Cal.com base URL in the configuration.";
  }
  return "";
}

// Cal.com's own text is often the most useful thing to show ("User either already has booking
// at this time or is not available"); keep it short and on one line.
std::string quoted(const std::string& message) {
  std::string out;
  for (char c : message.substr(0, 200)) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

}  // namespace

Error error_from_status(int status, const ApiErrorInfo& info, std::string_view resource) {
  Error error;
  error.internal = "HTTP " + std::to_string(status) + " " + info.code + ": " + info.message;
  if (status == 401) {
    error.code = ErrorCode::upstream_failed;
    error.message = kKeyRejectedMessage;
  } else if (status == 403) {
    error.code = ErrorCode::upstream_failed;
    error.message = "Cal.com does not let this API key use this " +
                    std::string(resource.empty() ? "item" : resource) +
                    " — check the key's permissions and its owner's role in Cal.com.";
  } else if (status == 404 && info.message.rfind("Cannot ", 0) == 0) {
    // Nest's "Cannot GET /v2/…": no controller for this route under the version we sent.
    error.code = ErrorCode::upstream_failed;
    error.message = "Cal.com does not offer this operation for the configured cal-api-version — "
                    "check the Cal.com API versions in the configuration.";
  } else if (status == 404 || status == 410) {
    error.code = ErrorCode::not_found;
    error.message = "Cal.com has no such " + std::string(resource.empty() ? "item" : resource) +
                    " — it may have been deleted in Cal.com.";
  } else if (status == 409) {
    error.code = ErrorCode::conflict;
    error.message = "Cal.com reported a conflict: " + quoted(info.message);
  } else if (status == 429) {
    error = rate_limited_error(std::chrono::seconds(60), true);
    error.internal = "HTTP 429 " + info.code + ": " + info.message;
  } else if (status >= 400 && status < 500) {
    error.code = ErrorCode::upstream_failed;
    error.message = info.message.empty()
                        ? "Cal.com refused the request. Check the details and try again."
                        : "Cal.com refused the request: " + quoted(info.message);
  } else if (status == 500) {
    error.code = ErrorCode::upstream_failed;
    error.message = "Cal.com failed to handle the request. Try again in a few minutes.";
  } else {
    error.code = ErrorCode::upstream_unavailable;
    error.message = "Cal.com is not available right now. Try again in a few minutes.";
  }
  return error;
}

Error error_from_transport(const TransportError& failure) {
  Error error;
  error.code = ErrorCode::upstream_unavailable;
  error.message = transport_message(failure.kind);
  error.internal = "transport: " + failure.detail;
  return error;
}

Error rate_limited_error(std::chrono::seconds retry_after, bool from_calcom) {
  Error error;
  error.code = ErrorCode::rate_limited;
  error.retry_after_seconds = static_cast<int>(retry_after.count());
  error.message = "Too many Cal.com requests right now. Try again in " +
                  std::to_string(retry_after.count()) + " seconds.";
  error.internal = from_calcom ? "Cal.com answered 429" : "client-side request budget exhausted";
  return error;
}

}  // namespace poblysh::calcom
