// http/api: what every handler needs — who is asking (session, token, CSRF) and the log.
#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "auth/auth_service.hpp"
#include "http/api/json_io.hpp"

namespace poblysh::http::api {

inline constexpr const char* kSessionCookie = "poblysh_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

class ApiContext {
 public:
  ApiContext(auth::AuthService& auth, std::shared_ptr<spdlog::logger> log) : auth_(auth), log_(std::move(log)) {}

  // Signed in by session cookie or Bearer token; cookie sessions must echo the CSRF token on
  // every write, so another site cannot make a signed-in browser act.
  Result<auth::Principal> signed_in(const Request& request) const;
  Result<auth::Principal> admin(const Request& request) const;

  // Turns a handler's result into a response; errors are logged with their internal detail.
  Response respond(const Request& request, Result<Response> result) const;

  auth::AuthService& auth() const { return auth_; }
  spdlog::logger& log() const { return *log_; }

 private:
  auth::AuthService& auth_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace poblysh::http::api
