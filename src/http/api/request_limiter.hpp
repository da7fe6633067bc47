// http/api: how many requests one key (a client address, a link's token) may make per window,
// in memory: the public link pages need no account, so nothing slower than a counter guards them.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/message.hpp"

namespace poblysh::http::api {

struct RequestLimit {
  int per_window = 60;
  std::chrono::seconds window{60};
  // Keys held at most: beyond, the oldest windows are dropped (an attacker who varies keys
  // gains at most a fresh window, never memory).
  std::size_t max_keys = 10000;
};

class RequestLimiter {
 public:
  RequestLimiter(const Clock& clock, RequestLimit limit) : clock_(clock), limit_(limit) {}

  // Counts one request of `key`; false when the key has used its window's share. `retry_after`
  // then says when the window ends.
  bool admit(const std::string& key, std::chrono::seconds* retry_after = nullptr);

 private:
  struct Window {
    std::chrono::steady_clock::time_point started;
    int count = 0;
  };
  void drop_old(std::chrono::steady_clock::time_point now);

  const Clock& clock_;
  RequestLimit limit_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

// The access check of a scheduling link's routes (ApiContext's LinkGuard): one request counted
// against the client address's share and the token's; rate_limited with Retry-After when either is spent.
Status admit_link_request(RequestLimiter& addresses, RequestLimiter& tokens, const Request& request);

// `path` as the access log may write it: a scheduling link's token (in /api/v1/links/… and the
// app's /pick/…) replaced, since whoever reads the log must not be able to use the link.
std::string loggable_path(std::string_view path);

}  // namespace poblysh::http::api
