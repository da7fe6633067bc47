// core: the one error vocabulary of the service, shared by every area.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace poblysh {

// What went wrong, in terms a caller can act on. Mapped to an HTTP status in exactly one
// place (http_status below); areas never pick status codes themselves.
enum class ErrorCode {
  invalid_input,         // 400: a field is missing or malformed (see Error::fields)
  unauthenticated,       // 401
  forbidden,             // 403
  not_found,             // 404
  conflict,              // 409: duplicate, or a state change that is not allowed now
  gone,                  // 410: a link that served its time (expired, revoked)
  payload_too_large,     // 413
  unprocessable,         // 422: well-formed but cannot be acted on
  rate_limited,          // 429
  upstream_failed,       // 502: Cal.com or SMTP answered with an error
  upstream_unavailable,  // 503: Cal.com unreachable, integration unhealthy, database locked
  internal,              // 500: a bug or an unexpected failure; details only in the log
};

// `message` is shown to the user; `internal` goes to the log only (never to a response).
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::map<std::string, std::string> fields;  // field name -> what is wrong with it
  std::string internal;
  std::optional<int> retry_after_seconds;  // for rate_limited / upstream_unavailable

  Error with_field(std::string name, std::string problem) && {
    fields.emplace(std::move(name), std::move(problem));
    return std::move(*this);
  }
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string internal = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), {}, std::move(internal), {}});
}
inline tl::unexpected<Error> fail(Error error) { return tl::unexpected<Error>(std::move(error)); }

// One field is wrong: the common case of validation.
inline tl::unexpected<Error> invalid_field(std::string field, std::string problem) {
  Error error{ErrorCode::invalid_input, "Some fields are not valid.", {}, {}, {}};
  error.fields.emplace(std::move(field), std::move(problem));
  return tl::unexpected<Error>(std::move(error));
}

// What the log says of an error: the detail kept from the user, or else the user's message.
inline std::string error_detail(const Error& error) { return error.internal.empty() ? error.message : error.internal; }

int http_status(ErrorCode code);
const char* code_name(ErrorCode code);  // stable machine name, e.g. "not_found"

}  // namespace poblysh

// Propagation, as Abseil's status macros: a failed step's error returns from the enclosing
// function unchanged; a successful step's value is bound to `lhs`.
//   ASSIGN_OR_RETURN(auto startup, repo.find(db, id));
//   RETURN_IF_ERROR(repo.save(db, startup));
// Macros, because only a macro can return from its caller; each temporary gets a name of its own
// (__COUNTER__), so that several may stand in one scope or nest without shadowing.
#define POBLYSH_CONCAT_INNER(a, b) a##b
#define POBLYSH_CONCAT(a, b) POBLYSH_CONCAT_INNER(a, b)
#define ASSIGN_OR_RETURN(lhs, ...) POBLYSH_ASSIGN_OR_RETURN(POBLYSH_CONCAT(step_result_, __COUNTER__), lhs, __VA_ARGS__)
#define POBLYSH_ASSIGN_OR_RETURN(result, lhs, ...)                 \
  auto result = (__VA_ARGS__);                                     \
  if (!result) return ::tl::unexpected(std::move(result).error()); \
  lhs = *std::move(result)
#define RETURN_IF_ERROR(...) POBLYSH_RETURN_IF_ERROR(POBLYSH_CONCAT(step_status_, __COUNTER__), __VA_ARGS__)
#define POBLYSH_RETURN_IF_ERROR(status, ...)                                                      \
  do {                                                                                            \
    if (auto status = (__VA_ARGS__); !status) return ::tl::unexpected(std::move(status).error()); \
  } while (false)
