// notify: the SMTP relay as configured by one URL (a secret: it may carry a password).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace poblysh::notify {

// smtp://host[:25]           no credentials; STARTTLS is used when the server offers it
// smtp+starttls://host[:587] STARTTLS required (fails rather than send credentials in clear)
// smtps://host[:465]         TLS from the first byte
// smtp+insecure://host[:25]  never TLS, credentials in clear: only for a relay on loopback or a
//                            private network, said on purpose
// A user name or password needs smtps:// or smtp+starttls:// (or smtp+insecure:// on purpose):
// with smtp:// a server that does not offer STARTTLS, or an attacker who strips the offer, would
// receive the password in clear.
enum class SmtpSecurity { opportunistic_starttls, required_starttls, implicit_tls, plain };

struct SmtpEndpoint {
  SmtpSecurity security = SmtpSecurity::opportunistic_starttls;
  std::string host;  // IPv6 literals without brackets
  std::uint16_t port = 25;
  std::string username;  // percent-decoded from the URL's user info
  std::string password;

  std::string host_port() const;  // "mail.example:587", "[::1]:25": safe to log
};

// Errors never repeat the URL (it holds the password): they name the part that is wrong.
Result<SmtpEndpoint> parse_smtp_url(std::string_view url);

}  // namespace poblysh::notify
