// http/api: what every handler needs — who is asking (session, token, CSRF) and the log.
#pragma once

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <optional>

#include "auth/auth_service.hpp"
#include "http/api/json_io.hpp"

namespace poblysh::http::api {

inline constexpr const char* kSessionCookie = "poblysh_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// Who may call a route: stated once per route in the route table (routes.cpp) and checked
// before its handler runs. `unstated` is what a route that forgot to say gets; the table
// does not compile with one.
enum class Access {
  unstated,
  anonymous,         // anyone, signed in or not
  member,            // a signed-in user (session cookie with its CSRF token on writes, or an API token)
  admin,             // a signed-in administrator, as above
  calcom_signature,  // Cal.com: the body signed with the webhook secret (X-Cal-Signature-256)
  link_token,        // anyone holding a scheduling link (its token in the path), within the link limits
};
const char* access_name(Access access);

// Who is asking, as the route's access check found: a member or admin route's handler always
// has a principal; an anonymous route's has none.
struct Caller {
  std::optional<auth::Principal> principal;
  const domain::User& user() const { return principal->user; }
};

// Checks a Cal.com delivery's signature on the raw body (webhooks::WebhookReceiver::authenticate).
using SignatureCheck = std::function<Status(const Request&)>;
// Counts a request to a scheduling link's page against its address's and its token's limits
// (rate_limited when either is spent). The token itself is checked by the handler.
using LinkGuard = std::function<Status(const Request&)>;

class ApiContext {
 public:
  ApiContext(auth::AuthService& auth, std::shared_ptr<spdlog::logger> log, SignatureCheck calcom_signature = {},
             LinkGuard link_guard = {})
      : auth_(auth),
        log_(std::move(log)),
        calcom_signature_(std::move(calcom_signature)),
        link_guard_(std::move(link_guard)) {}

  // The caller when `request` may use a route of `access`; unauthenticated (401) or forbidden
  // (403) otherwise. Cookie sessions must echo the CSRF token on every write, so another site
  // cannot make a signed-in browser act.
  Result<Caller> authorize(Access access, const Request& request) const;

  // Turns a handler's result into a response; errors are logged with their internal detail.
  Response respond(const Request& request, Result<Response> result) const;

  auth::AuthService& auth() const { return auth_; }
  spdlog::logger& log() const { return *log_; }

 private:
  Result<auth::Principal> signed_in(const Request& request) const;

  auth::AuthService& auth_;
  std::shared_ptr<spdlog::logger> log_;
  SignatureCheck calcom_signature_;
  LinkGuard link_guard_;
};

// A handler of a route whose access has been checked.
using ApiHandler = std::function<Response(Request&, const Caller&)>;

}  // namespace poblysh::http::api
