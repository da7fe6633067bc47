// http::Server's connection limit: a client past ServerOptions::max_connections waits in the
// listen queue, unanswered, until a served connection closes; then it is served like any other.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "http/server.hpp"

namespace poblysh::http {
namespace {

using namespace std::chrono_literals;

// A raw keep-alive connection: the test decides when it opens and closes.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // The kernel completes the handshake for the listen queue, so this succeeds even when the
    // server is not accepting: the limit shows as an unanswered request, not a refused connect.
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~Connection() { close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return connected_; }
  bool send_get(const std::string& path) { return send_raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); }
  bool send_raw(const std::string& request) {
    return ::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size());
  }
  // The bytes that arrive within `wait` (empty when none did).
  std::string receive(std::chrono::milliseconds wait) {
    pollfd readable{fd_, POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(wait.count())) <= 0) return {};
    char buffer[4096];
    const auto got = ::recv(fd_, buffer, sizeof buffer, 0);
    return got > 0 ? std::string(buffer, static_cast<std::size_t>(got)) : std::string();
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
  bool connected_ = false;
};

bool answered_ok(const std::string& response) { return response.starts_with("HTTP/1.1 200"); }

// One HTTP thread on a free port, serving at most `max_connections` connections at once.
ServerOptions one_thread(std::size_t max_connections) {
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  options.max_connections = max_connections;
  return options;
}

TEST(ServerLimits, AConnectionPastTheLimitWaitsUntilOneCloses) {
  Server server(one_thread(2), {{Method::get, "/ping", [](Request&) { return Response::text(200, "pong"); }}});
  server.start();
  const auto port = server.bound_port();

  Connection first(port);
  Connection second(port);
  ASSERT_TRUE(first.connected() && second.connected());
  ASSERT_TRUE(first.send_get("/ping") && second.send_get("/ping"));
  EXPECT_TRUE(answered_ok(first.receive(5s)));
  EXPECT_TRUE(answered_ok(second.receive(5s)));

  Connection third(port);
  ASSERT_TRUE(third.connected());
  ASSERT_TRUE(third.send_get("/ping"));
  EXPECT_EQ(third.receive(500ms), "") << "served past the limit of two connections";

  // The served ones still are.
  ASSERT_TRUE(second.send_get("/ping"));
  EXPECT_TRUE(answered_ok(second.receive(5s)));

  first.close();
  EXPECT_TRUE(answered_ok(third.receive(5s))) << "not served after a connection closed";
  server.stop();
}

// A connection kept by an answer still on its way when the server is stopped and destroyed
// closes later, when that answer is dropped: the limiter it tells must still be there (the
// sanitizers' build reports a use after free otherwise).
TEST(ServerLimits, AConnectionMayOutliveTheServerThatAcceptedIt) {
  std::mutex mutex;
  std::optional<Responder> parked;
  auto server = std::make_unique<Server>(
      one_thread(4), std::vector<Route>{{Method::post, "/later", {}, [&](Request&, Responder responder) {
                                           std::lock_guard lock(mutex);
                                           parked.emplace(std::move(responder));
                                         }}});
  server->start();
  Connection idle(server->bound_port());  // and one that only waits in the io_context
  Connection waiting(server->bound_port());
  ASSERT_TRUE(idle.connected() && waiting.connected());
  const std::string request = "POST /later HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
  ASSERT_TRUE(waiting.send_raw(request));
  for (int i = 0; i < 500; ++i) {
    {
      std::lock_guard lock(mutex);
      if (parked) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  {
    std::lock_guard lock(mutex);
    ASSERT_TRUE(parked.has_value());
  }
  server.reset();  // waits five seconds for the parked answer, then stops
  std::lock_guard lock(mutex);
  parked.reset();  // the connection goes now, after its server
}

}  // namespace
}  // namespace poblysh::http
