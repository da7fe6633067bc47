#include "notify/smtp_url.hpp"

#include <charconv>

namespace poblysh::notify {
namespace {

constexpr const char* kSchemes = "must start with smtps://, smtp+starttls://, smtp:// or smtp+insecure://";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) return invalid_field("smtp_url", "has a malformed %-escape in the user info");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

}  // namespace

std::string SmtpEndpoint::host_port() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<SmtpEndpoint> parse_smtp_url(std::string_view url) {
  SmtpEndpoint endpoint;
  const auto separator = url.find("://");
  if (separator == std::string_view::npos) return invalid_field("smtp_url", kSchemes);
  const std::string_view scheme = url.substr(0, separator);
  if (scheme == "smtp") {
    endpoint.security = SmtpSecurity::opportunistic_starttls;
    endpoint.port = 25;
  } else if (scheme == "smtp+starttls") {
    endpoint.security = SmtpSecurity::required_starttls;
    endpoint.port = 587;
  } else if (scheme == "smtps") {
    endpoint.security = SmtpSecurity::implicit_tls;
    endpoint.port = 465;
  } else if (scheme == "smtp+insecure") {
    endpoint.security = SmtpSecurity::plain;
    endpoint.port = 25;
  } else {
    return invalid_field("smtp_url", kSchemes);
  }
  std::string_view rest = url.substr(separator + 3);
  if (const auto slash = rest.find_first_of("/?#"); slash != std::string_view::npos) {
    if (rest.substr(slash).find_first_not_of('/') != std::string_view::npos) {
      return invalid_field("smtp_url", "must not have a path or query");
    }
    rest = rest.substr(0, slash);
  }
  // The password may contain '@' only when escaped, so the last '@' ends the user info.
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view user_info = rest.substr(0, at);
    const auto colon = user_info.find(':');
    auto username = percent_decode(user_info.substr(0, colon));
    auto password = percent_decode(colon == std::string_view::npos ? std::string_view() : user_info.substr(colon + 1));
    if (!username) return tl::unexpected(username.error());
    if (!password) return tl::unexpected(password.error());
    endpoint.username = std::move(*username);
    endpoint.password = std::move(*password);
    rest = rest.substr(at + 1);
  }
  std::string_view port_text;
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return invalid_field("smtp_url", "has an unclosed [ in the host");
    endpoint.host = std::string(rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(':')) return invalid_field("smtp_url", "has text after the host");
    if (!rest.empty()) port_text = rest.substr(1);
  } else {
    const auto colon = rest.find(':');
    endpoint.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
  }
  if (endpoint.host.empty()) return invalid_field("smtp_url", "needs a host");
  for (char c : endpoint.host) {
    if (static_cast<unsigned char>(c) <= 32 || c == '@' || c == '/') return invalid_field("smtp_url", "has an invalid host");
  }
  if (!port_text.empty() || rest.ends_with(':')) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (error != std::errc() || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
      return invalid_field("smtp_url", "has an invalid port");
    }
    endpoint.port = static_cast<std::uint16_t>(value);
  }
  const bool credentials = !endpoint.username.empty() || !endpoint.password.empty();
  if (credentials && endpoint.security == SmtpSecurity::opportunistic_starttls) {
    return invalid_field("smtp_url",
                         "carries a user name or password, which smtp:// could send in clear: use smtps:// or "
                         "smtp+starttls:// (or smtp+insecure:// for a relay on a network you trust)");
  }
  return endpoint;
}

}  // namespace poblysh::notify
