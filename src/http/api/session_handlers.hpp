// http/api: sign in and out (/api/v1/session), accounts and API tokens.
#pragma once

#include "http/api/context.hpp"

namespace poblysh::http::api {

struct CookiePolicy {
  bool secure = false;  // add Secure: set when served over HTTPS
  std::chrono::seconds max_age{7 * 24 * 3600};
};

class SessionHandlers {
 public:
  SessionHandlers(const ApiContext& context, CookiePolicy cookies) : context_(context), cookies_(cookies) {}

  Result<Response> login(Request& request, const Caller& caller);
  Result<Response> current(Request& request, const Caller& caller);
  Result<Response> logout(Request& request, const Caller& caller);
  Result<Response> create_user(Request& request, const Caller& caller);       // admin
  Result<Response> create_api_token(Request& request, const Caller& caller);  // for the signed-in user
  Result<Response> list_api_tokens(Request& request, const Caller& caller);   // the signed-in user's own
  Result<Response> revoke_api_token(Request& request, const Caller& caller);  // one of the signed-in user's own

 private:
  std::string session_cookie(const std::string& value, std::chrono::seconds max_age, const Request& request) const;
  const ApiContext& context_;
  CookiePolicy cookies_;
};

}  // namespace poblysh::http::api
