#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace poblysh::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string client_address(std::string_view peer_in, std::optional<std::string_view> forwarded_for,
                           const std::vector<std::string>& trusted_proxies) {
  // On a dual-stack socket an IPv4 peer arrives as ::ffff:a.b.c.d; it is the same proxy.
  constexpr std::string_view kMappedPrefix = "::ffff:";
  const std::string_view peer = peer_in.starts_with(kMappedPrefix) && peer_in.find('.') != std::string_view::npos
                                    ? peer_in.substr(kMappedPrefix.size())
                                    : peer_in;
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  if (!forwarded_for || !trusted(peer)) return std::string(peer);
  std::string_view list = *forwarded_for;
  std::string_view leftmost;
  while (!list.empty()) {
    const auto comma = list.rfind(',');
    const std::string_view hop = trim(comma == std::string_view::npos ? list : list.substr(comma + 1));
    if (hop.empty() || hop.find_first_not_of("0123456789abcdefABCDEF.:") != std::string_view::npos) {
      return std::string(peer);
    }
    if (!trusted(hop)) return std::string(hop);
    leftmost = hop;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
  }
  return std::string(leftmost.empty() ? peer : leftmost);
}

const char* method_name(Method method) {
  switch (method) {
    case Method::get: return "GET";
    case Method::post: return "POST";
    case Method::put: return "PUT";
    case Method::patch: return "PATCH";
    case Method::del: return "DELETE";
    case Method::head: return "HEAD";
    case Method::options: return "OPTIONS";
  }
  return "GET";
}

std::optional<std::string_view> Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (!iequals(key, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      auto semicolon = rest.find(';');
      auto pair = trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      auto equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        return std::string(pair.substr(equals + 1));
      }
    }
  }
  return std::nullopt;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response{status, {}, std::move(body), {}};
  response.set_header("Content-Type", std::move(content_type));
  return response;
}

Response Response::json_text(int status, std::string json_body) {
  return text(status, std::move(json_body), "application/json");
}

}  // namespace poblysh::http
