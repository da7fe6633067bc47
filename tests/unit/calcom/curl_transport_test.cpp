// The real libcurl path against local sockets: refused connections, a silent server, and a
// tiny HTTP/1.1 server that checks headers, bodies and connection reuse.
#include "calcom/curl_transport.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "calcom/curl_client.hpp"

namespace poblysh::calcom {
namespace {

using namespace std::chrono_literals;

// Serves canned responses in order on 127.0.0.1:<ephemeral>, keeping connections open.
// An empty canned response means "read the request and never answer".
class TinyServer {
 public:
  explicit TinyServer(std::vector<std::string> responses) : responses_(std::move(responses)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    if (::bind(listener_, raw, sizeof address) != 0 || ::listen(listener_, 8) != 0) {
      throw std::runtime_error("TinyServer: bind/listen failed");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, raw, &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~TinyServer() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }
  int connections() const { return connections_; }
  std::vector<std::string> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  bool readable(int fd) {
    pollfd entry{fd, POLLIN, 0};
    return ::poll(&entry, 1, 50) > 0;
  }

  void run() {
    std::size_t next = 0;
    while (!stop_) {
      if (!readable(listener_)) continue;
      int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      ++connections_;
      std::string buffer;
      while (!stop_) {
        if (!readable(client)) continue;
        char chunk[4096];
        ssize_t got = ::recv(client, chunk, sizeof chunk, 0);
        if (got <= 0) break;
        buffer.append(chunk, static_cast<std::size_t>(got));
        auto head_end = buffer.find("\r\n\r\n");
        if (head_end == std::string::npos) continue;
        std::size_t body_length = 0;
        auto at = buffer.find("Content-Length: ");
        if (at != std::string::npos && at < head_end) body_length = std::stoul(buffer.substr(at + 16));
        if (buffer.size() < head_end + 4 + body_length) continue;
        {
          std::lock_guard lock(mutex_);
          requests_.push_back(buffer.substr(0, head_end + 4 + body_length));
        }
        buffer.erase(0, head_end + 4 + body_length);
        std::string response = next < responses_.size() ? responses_[next++] : std::string();
        if (response.empty()) continue;  // silent: let the client time out
        ::send(client, response.data(), response.size(), MSG_NOSIGNAL);
      }
      ::close(client);
    }
  }

  std::vector<std::string> responses_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

std::string http_response(int status, const std::string& body, const std::string& extra_headers = "") {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
}

TEST(CurlTransport, RefusedConnectionIsNotSent) {
  CurlTransport transport;
  HttpRequest request;
  request.url = "http://127.0.0.1:1/v2/me";
  request.connect_timeout = 2000ms;
  request.total_timeout = 3000ms;
  auto sent = transport.send(request);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind, TransportFailure::not_sent);
  EXPECT_FALSE(sent.error().detail.empty());
}

TEST(CurlTransport, ClientAgainstUnreachablePortFailsCleanly) {
  ClientOptions options;
  options.base_url = "http://127.0.0.1:1";
  options.api_key = "cal_live_unreachable_secret_1234";
  options.max_attempts = 2;
  options.backoff_base = 1ms;
  options.backoff_cap = 2ms;
  options.connect_timeout = 2000ms;
  CurlClient client(options);
  auto me = client.me(CallContext{"req-1"});
  ASSERT_FALSE(me);
  EXPECT_EQ(me.error().code, ErrorCode::upstream_unavailable);
  EXPECT_EQ(me.error().internal.find("unreachable_secret"), std::string::npos);

  CreateBookingRequest request;
  request.interview_id = "iv";
  request.event_type_id = 1;
  request.attendee = Attendee{"Bob", "bob@example.com", "UTC", {}, {}, false};
  auto booked = client.create_booking(request);
  ASSERT_FALSE(booked);
  EXPECT_EQ(booked.error().code, ErrorCode::upstream_unavailable);
}

TEST(CurlTransport, SendsHeadersAndBodyReadsResponseAndReusesTheConnection) {
  TinyServer server({http_response(200, R"({"status":"success","data":{"id":1}})",
                                   "X-RateLimit-Reset-Default: 42\r\n"),
                     http_response(201, R"({"ok":true})")});
  CurlTransport transport;
  HttpRequest get;
  get.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/v2/me";
  get.headers = {{"Authorization", "Bearer cal_test_key"}, {"cal-api-version", "2024-08-13"}};
  auto first = transport.send(get);
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->header("x-ratelimit-reset-default"), "42");
  EXPECT_EQ(first->body, R"({"status":"success","data":{"id":1}})");

  HttpRequest post = get;
  post.method = HttpMethod::post;
  post.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/v2/bookings";
  post.headers.emplace_back("Content-Type", "application/json");
  post.body = R"({"start":"2026-05-04T09:00:00Z"})";
  auto second = transport.send(post);
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_EQ(second->status, 201);

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].rfind("GET /v2/me HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(requests[0].find("Authorization: Bearer cal_test_key\r\n"), std::string::npos);
  EXPECT_NE(requests[0].find("cal-api-version: 2024-08-13\r\n"), std::string::npos);
  EXPECT_EQ(requests[1].rfind("POST /v2/bookings HTTP/1.1\r\n", 0), 0u);
  EXPECT_NE(requests[1].find("\r\n\r\n{\"start\":\"2026-05-04T09:00:00Z\"}"), std::string::npos);
  EXPECT_EQ(server.connections(), 1);  // kept alive and reused
}

TEST(CurlTransport, SilentServerTimesOutAsAmbiguous) {
  TinyServer server({""});
  CurlTransport transport;
  HttpRequest request;
  request.method = HttpMethod::post;
  request.url = "http://127.0.0.1:" + std::to_string(server.port()) + "/v2/bookings";
  request.body = "{}";
  request.total_timeout = 300ms;
  auto sent = transport.send(request);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().kind, TransportFailure::timed_out);
}

}  // namespace
}  // namespace poblysh::calcom
