#include "http/api/context.hpp"

#include <sodium.h>

#include "core/log_line.hpp"

namespace poblysh::http::api {
namespace {

bool is_write(Method method) { return method != Method::get && method != Method::head && method != Method::options; }

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

Result<auth::Principal> ApiContext::signed_in(const Request& request) const {
  if (auto authorization = request.header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!authorization->starts_with(kBearer)) {
      return fail(ErrorCode::unauthenticated, "Use 'Authorization: Bearer <token>' with an API token.");
    }
    return auth_.from_api_token(std::string(authorization->substr(kBearer.size())));
  }
  auto cookie = request.cookie(kSessionCookie);
  if (!cookie || cookie->empty()) return fail(ErrorCode::unauthenticated, "Please sign in.");
  auto principal = auth_.from_session(*cookie);
  if (!principal) return principal;
  if (is_write(request.method)) {
    auto csrf = request.header(kCsrfHeader);
    if (!csrf || !same_secret(*csrf, principal->csrf_token)) {
      return fail(ErrorCode::forbidden, "This request is missing its security token. Reload the page and try again.",
                  "CSRF token missing or wrong");
    }
  }
  return principal;
}

const char* access_name(Access access) {
  switch (access) {
    case Access::unstated: return "unstated";
    case Access::anonymous: return "anonymous";
    case Access::member: return "member";
    case Access::admin: return "admin";
    case Access::calcom_signature: return "calcom_signature";
    case Access::link_token: return "link_token";
  }
  return "unstated";
}

Result<Caller> ApiContext::authorize(Access access, const Request& request) const {
  switch (access) {
    case Access::anonymous: return Caller{};
    case Access::member:
    case Access::admin: {
      ASSIGN_OR_RETURN(auto principal, signed_in(request));
      if (access == Access::admin && principal.user.role != domain::Role::admin) {
        return fail(ErrorCode::forbidden, "Only administrators can do this.");
      }
      return Caller{std::move(principal)};
    }
    case Access::calcom_signature: {
      if (!calcom_signature_) {
        return fail(ErrorCode::upstream_unavailable, "Cal.com webhooks are not set up on this server.",
                    "no signature check configured");
      }
      RETURN_IF_ERROR(calcom_signature_(request));
      return Caller{};
    }
    case Access::link_token: {
      // No session and no cookie: the token in the path is the only credential, so another
      // site has nothing of the visitor's to use (no CSRF), and the limits bound guessing.
      if (link_guard_) RETURN_IF_ERROR(link_guard_(request));
      return Caller{};
    }
    case Access::unstated: break;
  }
  return fail(ErrorCode::internal, "Something went wrong on our side.", "a route without a stated access");
}

Response ApiContext::respond(const Request& request, Result<Response> result) const {
  if (result) return std::move(*result);
  const auto& error = result.error();
  if (!error.internal.empty()) {
    log_->log(http_status(error.code) >= 500 ? spdlog::level::err : spdlog::level::info,
              LogLine("request failed")
                  .text("request_id", request.request_id)
                  .text("code", code_name(error.code))
                  .text("detail", error.internal)
                  .str());
  }
  return error_response(error, request);
}

}  // namespace poblysh::http::api
