// calcom tests: fakes for sleeping, randomness and the HTTP transport, over the manual clock.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "calcom/retry.hpp"
#include "calcom/transport.hpp"
#include "core/clock.hpp"
#include "manual_clock.hpp"

namespace poblysh::calcom::testing {

// The clock of every test (tests/support): both clocks move together, only when told (or when
// FakeSleeper sleeps).
using poblysh::testing::ManualClock;

class FakeSleeper final : public Sleeper {
 public:
  explicit FakeSleeper(ManualClock& clock) : clock_(clock) {}
  void sleep_for(std::chrono::milliseconds duration) override {
    {
      std::lock_guard lock(mutex_);
      sleeps_.push_back(duration);
    }
    clock_.advance(duration);
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
  }
  std::chrono::milliseconds total() const {
    std::chrono::milliseconds sum{0};
    for (auto d : sleeps()) sum += d;
    return sum;
  }

 private:
  ManualClock& clock_;
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> sleeps_;
};

class FixedRandom final : public RandomSource {
 public:
  explicit FixedRandom(double value) : value_(value) {}
  double uniform01() override { return value_; }

 private:
  double value_;
};

// Answers each request with the handler's result and records what was sent.
class FakeTransport final : public Transport {
 public:
  using Reply = tl::expected<HttpResponse, TransportError>;
  using Handler = std::function<Reply(const HttpRequest&)>;

  explicit FakeTransport(Handler handler) : handler_(std::move(handler)) {}

  Reply send(const HttpRequest& request) override {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    return handler_(request);
  }
  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t count() const { return requests().size(); }
  std::size_t count(HttpMethod method, const std::string& path_prefix) const {
    std::size_t n = 0;
    for (const auto& request : requests()) {
      if (request.method == method && path_of(request.url).rfind(path_prefix, 0) == 0) ++n;
    }
    return n;
  }
  static std::string path_of(const std::string& url) {
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
  }

 private:
  Handler handler_;
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
};

inline FakeTransport::Reply json_reply(int status, std::string body, HeaderList headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}
inline FakeTransport::Reply transport_failure(TransportFailure kind) {
  return tl::unexpected(TransportError{kind, "fake transport failure"});
}

}  // namespace poblysh::calcom::testing
