// The ingest benchmark's sender: every request is serialised before the load, and one epoll
// loop keeps `connections` keep-alive connections busy, reading only the status line and
// Content-Length of each answer. libcurl's multi interface cost ~25 µs of CPU per delivery on the
// same two cores as the service; this is wrk's design, kept in C++ because the benchmark needs
// each delivery's status (wrk's Lua cannot stop a connection once its share is sent without
// sending something else).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "webhook_traffic.hpp"

namespace poblysh::webhook_traffic {
namespace {

using std::chrono::steady_clock;

struct Connection {
  int fd = -1;
  std::size_t index = 0;  // position in `which` of the request in flight
  bool busy = false;
  std::size_t written = 0;
  std::string input;
  steady_clock::time_point started;
};

// host:port of "http://host:port/path", and the path.
void split_url(const std::string& url, std::string& host, int& port, std::string& path) {
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) throw std::runtime_error("lean sender: not an http:// URL: " + url);
  const auto slash = url.find('/', prefix.size());
  const std::string authority = url.substr(prefix.size(), slash - prefix.size());
  path = slash == std::string::npos ? "/" : url.substr(slash);
  const auto colon = authority.rfind(':');
  host = authority.substr(0, colon);
  port = colon == std::string::npos ? 80 : std::stoi(authority.substr(colon + 1));
}

int connect_to(const std::string& host, int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1)
    throw std::runtime_error("lean sender: bad host " + host);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("lean sender: socket failed");
  int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    throw std::runtime_error("lean sender: connect failed");
  }
  return fd;
}

// The length of the first complete answer in `input` and its status, or 0 while incomplete.
std::size_t complete_answer(const std::string& input, long& status) {
  const auto header_end = input.find("\r\n\r\n");
  if (header_end == std::string::npos) return 0;
  const std::string_view head(input.data(), header_end);
  if (head.size() < 12 || head.substr(0, 5) != "HTTP/") throw std::runtime_error("lean sender: not an HTTP answer");
  status = std::stol(std::string(head.substr(9, 3)));
  std::size_t body = 0;
  for (std::size_t at = head.find("\r\n"); at != std::string_view::npos; at = head.find("\r\n", at + 2)) {
    const auto line = head.substr(at + 2, head.find("\r\n", at + 2) - (at + 2));
    if (line.size() > 15 && ::strncasecmp(line.data(), "content-length:", 15) == 0) {
      body = std::stoul(std::string(line.substr(15)));
    }
    if (line.size() > 18 && ::strncasecmp(line.data(), "transfer-encoding:", 18) == 0) {
      throw std::runtime_error("lean sender: only answers framed by Content-Length are read");
    }
  }
  const std::size_t total = header_end + 4 + body;
  return input.size() >= total ? total : 0;
}

}  // namespace

std::vector<Sent> send_all_lean(const std::string& url, const std::vector<Delivery>& deliveries,
                                const std::vector<std::size_t>& which, int connection_count) {
  std::string host, path;
  int port = 0;
  split_url(url, host, port, path);
  std::vector<std::string> requests;
  requests.reserve(which.size());
  for (auto i : which) {
    const auto& delivery = deliveries.at(i);
    requests.push_back("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                       "\r\nContent-Type: application/json\r\nX-Cal-Signature-256: " + delivery.signature +
                       "\r\nContent-Length: " + std::to_string(delivery.body.size()) + "\r\n\r\n" + delivery.body);
  }

  std::vector<Sent> results(which.size());
  const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<Connection> connections(static_cast<std::size_t>(std::max(connection_count, 1)));
  std::size_t next = 0, done = 0;
  auto start_next = [&](Connection& c) {
    c.busy = next < requests.size();
    if (!c.busy) return;
    c.index = next++;
    c.written = 0;
  };
  auto write_some = [&](Connection& c) {
    const auto& request = requests[c.index];
    if (c.written == 0) c.started = steady_clock::now();  // a first request waits for its connection first
    while (c.written < request.size()) {
      const auto n = ::send(c.fd, request.data() + c.written, request.size() - c.written, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOTCONN) return;
        throw std::runtime_error(std::string("lean sender: send failed: ") + std::strerror(errno));
      }
      c.written += static_cast<std::size_t>(n);
    }
  };
  for (auto& c : connections) {
    c.fd = connect_to(host, port);
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT | EPOLLET;
    event.data.ptr = &c;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &event);
    start_next(c);
  }
  std::vector<epoll_event> ready(connections.size());
  char buffer[16384];
  while (done < requests.size()) {
    const int count = ::epoll_wait(epoll, ready.data(), static_cast<int>(ready.size()), 30000);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) throw std::runtime_error("lean sender: no answer for 30 s");
    for (int e = 0; e < count; ++e) {
      auto& c = *static_cast<Connection*>(ready[static_cast<std::size_t>(e)].data.ptr);
      if (c.fd < 0) continue;  // closed earlier in this round
      bool closed = (ready[static_cast<std::size_t>(e)].events & (EPOLLERR | EPOLLHUP)) != 0;
      if (c.busy && !closed) write_some(c);
      for (;;) {
        const auto n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
          c.input.append(buffer, static_cast<std::size_t>(n));
          continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        closed = true;  // end of stream or an error: what came before it is read first
        break;
      }
      long status = 0;
      while (c.busy) {
        const std::size_t length = complete_answer(c.input, status);
        if (length == 0) break;
        c.input.erase(0, length);
        results[c.index] = {status,
                            std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - c.started)};
        ++done;
        start_next(c);
        if (c.busy && !closed) write_some(c);
      }
      if (closed) {
        // An idle connection the service closed (its keep-alive timeout) is simply gone; one
        // with a request in flight has lost that request's answer.
        if (c.busy) throw std::runtime_error("lean sender: the service closed a connection with a request in flight");
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
      }
    }
  }
  for (auto& c : connections) {
    if (c.fd >= 0) ::close(c.fd);
  }
  ::close(epoll);
  return results;
}

}  // namespace poblysh::webhook_traffic
