#include "http/api/session_handlers.hpp"

#include "http/api/render.hpp"
#include "http/api/request_bodies.hpp"

namespace poblysh::http::api {

std::string SessionHandlers::session_cookie(const std::string& value, std::chrono::seconds max_age,
                                            const Request& request) const {
  const bool https = cookies_.secure || request.header("X-Forwarded-Proto") == std::optional<std::string_view>("https");
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age.count()) + (https ? "; Secure" : "");
}

Result<Response> SessionHandlers::login(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto login, read_login(body));
  ASSIGN_OR_RETURN(auto session, context_.auth().login(login.email, login.password, request.remote_address));
  Response response = json_response(200, {{"user", render(session.user)}, {"csrf_token", session.csrf_token}});
  response.set_header("Set-Cookie", session_cookie(session.token, cookies_.max_age, request));
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Response> SessionHandlers::current(Request&, const Caller& caller) {
  json body{{"user", render(caller.user())}};
  if (caller.principal->via_session_cookie) body["csrf_token"] = caller.principal->csrf_token;
  Response response = json_response(200, body);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Response> SessionHandlers::logout(Request& request, const Caller&) {
  if (auto cookie = request.cookie(kSessionCookie)) {
    RETURN_IF_ERROR(context_.auth().logout(*cookie));
  }
  Response response = Response::no_content();
  response.set_header("Set-Cookie", session_cookie("", std::chrono::seconds(0), request));
  return response;
}

Result<Response> SessionHandlers::create_user(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto wanted, read_new_user(body));
  ASSIGN_OR_RETURN(auto created, context_.auth().create_user(wanted.user, wanted.password));
  json out{{"user", render(created.first)}};
  // A generated password is shown once, to the admin who created the account.
  if (wanted.password.empty()) out["generated_password"] = created.second;
  Response response = json_response(201, out);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Response> SessionHandlers::create_api_token(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto name, read_api_token_name(body));
  ASSIGN_OR_RETURN(auto token, context_.auth().create_api_token(caller.user().id, name));
  Response response = json_response(201, {{"id", token.id}, {"name", name}, {"token", token.token}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

Result<Response> SessionHandlers::list_api_tokens(Request&, const Caller& caller) {
  ASSIGN_OR_RETURN(auto tokens, context_.auth().api_tokens(caller.user().id));
  json items = json::array();
  for (const auto& token : tokens) {
    items.push_back({{"id", token.id},
                     {"name", token.name},
                     {"created_at", iso(token.created_at)},
                     {"last_used_at", iso_or_null(token.last_used_at)},
                     {"revoked_at", iso_or_null(token.revoked_at)}});
  }
  return json_response(200, {{"items", std::move(items)}});
}

Result<Response> SessionHandlers::revoke_api_token(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  RETURN_IF_ERROR(context_.auth().revoke_api_token(caller.user().id, id));
  return Response::no_content();
}

}  // namespace poblysh::http::api
