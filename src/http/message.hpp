// http: the request and response types every handler sees. Free of RESTinio on
// purpose: only server.cpp includes the HTTP library, so handlers compile fast.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace poblysh::http {

enum class Method { get, post, put, patch, del, head, options };
const char* method_name(Method method);

struct Request {
  Method method = Method::get;
  std::string path;                                // without the query string
  std::map<std::string, std::string> path_params;  // ":id" segments of the matched route
  std::multimap<std::string, std::string> query;   // decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // peer IP, for rate limits
  std::string request_id;
  bool query_malformed = false;  // answered 400 before any handler runs

  // Case-insensitive header lookup; the first value if repeated.
  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  Response& set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response json_text(int status, std::string json_body);
  static Response no_content() { return Response{204, {}, {}}; }
};

// The client's address as rate limits should see it. Behind a reverse proxy
// every connection comes from the proxy, so when `peer` is one of
// `trusted_proxies` the X-Forwarded-For list is read from the right, skipping
// trusted hops: the first address not ours is the client. Anything else (no
// proxies configured, an untrusted peer, a malformed list) keeps the peer: a
// client cannot pick its own address by sending the header.
std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

using Handler = std::function<Response(Request&)>;

// One entry of the explicit route table: "/api/v1/team-members/:id".
struct Route {
  Method method;
  std::string pattern;
  Handler handler;
};

}  // namespace poblysh::http
