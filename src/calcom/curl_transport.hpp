// calcom: the real Transport, on libcurl, reusing connections across calls and threads.
#pragma once

#include <memory>

#include "calcom/transport.hpp"

namespace poblysh::calcom {

// Keeps a pool of easy handles (each keeps its connections alive between calls) joined by a
// share object (DNS cache, TLS sessions, connection cache), so a burst of parallel slot
// lookups does not pay a TLS handshake each. Thread-safe.
class CurlTransport final : public Transport {
 public:
  CurlTransport();
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  tl::expected<HttpResponse, TransportError> send(const HttpRequest& request) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace poblysh::calcom
