// calcom: one HTTP exchange with Cal.com, behind an interface so retry logic is testable.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace poblysh::calcom {

enum class HttpMethod { get, post, patch, del };
const char* http_method_name(HttpMethod method);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup; the first value if repeated.
std::optional<std::string_view> find_header(const HeaderList& headers, std::string_view name);

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string url;
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{15000};
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;  // names as received; use find_header
  std::string body;

  std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

// Whether the request can have reached Cal.com matters more than why it failed: it decides
// whether a non-idempotent request (create booking) may simply be sent again.
enum class TransportFailure {
  not_sent,     // DNS, TCP connect or TLS handshake failed: Cal.com never saw the request
  timed_out,    // the deadline passed after the request may have been sent: ambiguous
  interrupted,  // connection dropped while sending or receiving: ambiguous
  other,        // local problem (bad URL, out of memory): not worth retrying
};

struct TransportError {
  TransportFailure kind = TransportFailure::other;
  std::string detail;  // for the log; never contains request headers
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Must be safe to call from several threads at once (slots fan-out).
  virtual tl::expected<HttpResponse, TransportError> send(const HttpRequest& request) = 0;
};

}  // namespace poblysh::calcom
