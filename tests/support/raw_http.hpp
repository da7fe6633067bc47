// Test support: one HTTP exchange over a raw socket, for requests no well-behaved client sends
// (paths curl would normalise, bodies that lie about their length, oversize headers).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace poblysh::testing {

struct RawAnswer {
  int status = 0;    // 0: the connection closed or timed out with no status line
  std::string head;  // status line and headers, as sent
  std::string body;
  std::optional<std::string> header(const std::string& name) const;  // case-insensitive
};

// Sends `request` as is to "127.0.0.1:PORT" and reads until the server closes the connection
// or `wait` passes. The request should say `Connection: close`.
RawAnswer raw_exchange(const std::string& address, const std::string& request,
                       std::chrono::milliseconds wait = std::chrono::seconds(10));

// "GET <path> HTTP/1.1" with Host and Connection: close; the path is sent byte for byte.
RawAnswer raw_get(const std::string& address, const std::string& path, const std::string& method = "GET");

}  // namespace poblysh::testing
