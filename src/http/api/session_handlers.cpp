#include "http/api/session_handlers.hpp"

#include "http/api/render.hpp"
#include "http/api/request_bodies.hpp"

namespace poblysh::http::api {

std::string SessionHandlers::session_cookie(const std::string& value, std::chrono::seconds max_age,
                                            const Request& request) const {
  const bool https = cookies_.secure || request.header("X-Forwarded-Proto") == std::optional<std::string_view>("https");
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
         std::to_string(max_age.count()) + (https ? "; Secure" : "");
}

Response SessionHandlers::login(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto login = read_login(*body);
    if (!login) return tl::unexpected(login.error());
    auto session = context_.auth().login(login->email, login->password, request.remote_address);
    if (!session) return tl::unexpected(session.error());
    Response response = json_response(200, {{"user", render(session->user)}, {"csrf_token", session->csrf_token}});
    response.set_header("Set-Cookie", session_cookie(session->token, cookies_.max_age, request));
    response.set_header("Cache-Control", "no-store");
    return response;
  }());
}

Response SessionHandlers::current(Request& request, const Caller& caller) {
  return context_.respond(request, [&]() -> Result<Response> {
    json body{{"user", render(caller.user())}};
    if (caller.principal->via_session_cookie) body["csrf_token"] = caller.principal->csrf_token;
    Response response = json_response(200, body);
    response.set_header("Cache-Control", "no-store");
    return response;
  }());
}

Response SessionHandlers::logout(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    if (auto cookie = request.cookie(kSessionCookie)) {
      if (auto done = context_.auth().logout(*cookie); !done) return tl::unexpected(done.error());
    }
    Response response = Response::no_content();
    response.set_header("Set-Cookie", session_cookie("", std::chrono::seconds(0), request));
    return response;
  }());
}

Response SessionHandlers::create_user(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto wanted = read_new_user(*body);
    if (!wanted) return tl::unexpected(wanted.error());
    auto created = context_.auth().create_user(wanted->user, wanted->password);
    if (!created) return tl::unexpected(created.error());
    json out{{"user", render(created->first)}};
    // A generated password is shown once, to the admin who created the account.
    if (wanted->password.empty()) out["generated_password"] = created->second;
    Response response = json_response(201, out);
    response.set_header("Cache-Control", "no-store");
    return response;
  }());
}

Response SessionHandlers::create_api_token(Request& request, const Caller& caller) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto name = read_api_token_name(*body);
    if (!name) return tl::unexpected(name.error());
    auto token = context_.auth().create_api_token(caller.user().id, *name);
    if (!token) return tl::unexpected(token.error());
    Response response = json_response(201, {{"id", token->id}, {"name", *name}, {"token", token->token}});
    response.set_header("Cache-Control", "no-store");
    return response;
  }());
}

Response SessionHandlers::list_api_tokens(Request& request, const Caller& caller) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto tokens = context_.auth().api_tokens(caller.user().id);
    if (!tokens) return tl::unexpected(tokens.error());
    json items = json::array();
    for (const auto& token : *tokens) {
      items.push_back({{"id", token.id},
                       {"name", token.name},
                       {"created_at", iso(token.created_at)},
                       {"last_used_at", iso_or_null(token.last_used_at)},
                       {"revoked_at", iso_or_null(token.revoked_at)}});
    }
    return json_response(200, {{"items", std::move(items)}});
  }());
}

Response SessionHandlers::revoke_api_token(Request& request, const Caller& caller) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    if (auto revoked = context_.auth().revoke_api_token(caller.user().id, *id); !revoked) {
      return tl::unexpected(revoked.error());
    }
    return Response::no_content();
  }());
}

}  // namespace poblysh::http::api
