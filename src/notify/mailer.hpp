// notify: the one way email leaves the service; SMTP in production, fakes in tests.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace poblysh::notify {

struct OutgoingMessage {
  std::vector<std::string> recipients;  // envelope RCPT TO addresses
  std::string data;                     // the full MIME message, CRLF line endings
};

// Errors: upstream_unavailable = try again later (connection, timeout, 4xx, bad credentials);
// unprocessable = the server refused this message for good (5xx to the recipient or data).
class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Status send(const OutgoingMessage& message) = 0;
};

}  // namespace poblysh::notify
