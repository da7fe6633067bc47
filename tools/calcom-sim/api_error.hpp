// calcom-sim: errors named the way Cal.com's Nest filter names them (the exception class).
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace poblysh::calcom_sim {

// Not the service's ErrorCode: the simulator must reproduce Cal.com's own vocabulary
// ("BadRequestException", …) and status codes, which the client under test parses.
struct ApiError {
  int status = 500;
  std::string code;  // Nest exception class name
  std::string message;
};

template <class T>
using SimResult = tl::expected<T, ApiError>;

inline tl::unexpected<ApiError> bad_request(std::string message) {
  return tl::unexpected<ApiError>(ApiError{400, "BadRequestException", std::move(message)});
}
inline tl::unexpected<ApiError> not_found(std::string message) {
  return tl::unexpected<ApiError>(ApiError{404, "NotFoundException", std::move(message)});
}
inline tl::unexpected<ApiError> forbidden(std::string message) {
  return tl::unexpected<ApiError>(ApiError{403, "ForbiddenException", std::move(message)});
}
inline tl::unexpected<ApiError> conflict(std::string message) {
  return tl::unexpected<ApiError>(ApiError{409, "ConflictException", std::move(message)});
}

}  // namespace poblysh::calcom_sim
