// calcom: turns Cal.com failures into our Error vocabulary with a message saying what to do.
#pragma once

#include <string_view>

#include "calcom/parse.hpp"
#include "calcom/transport.hpp"
#include "core/error.hpp"

namespace poblysh::calcom {

// `resource` names what the path points at ("booking", "webhook"), for a 404's message.
// A rejected key is upstream_failed, not unauthenticated: our user is signed in fine, it is
// the service's Cal.com credential that needs fixing, by an admin.
Error error_from_status(int status, const ApiErrorInfo& info, std::string_view resource);
Error error_from_transport(const TransportError& failure);
Error rate_limited_error(std::chrono::seconds retry_after, bool from_calcom);

// Message shown when /v2/me answers 401: also used by the health check.
inline constexpr const char* kKeyRejectedMessage =
    "The Cal.com API key was rejected — create a new key in Cal.com settings and set "
    "POBLYSH_CALCOM_API_KEY.";

}  // namespace poblysh::calcom
