#include "event_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace poblysh::testing {

using SteadyClock = std::chrono::steady_clock;

namespace {

std::chrono::milliseconds left_until(SteadyClock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
}

}  // namespace

EventStream::EventStream(const std::string& address, const std::string& path,
                         const std::map<std::string, std::string>& headers, std::chrono::milliseconds wait) {
  const auto colon = address.rfind(':');
  sockaddr_in peer{};
  peer.sin_family = AF_INET;
  peer.sin_port = htons(static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1))));
  ::inet_pton(AF_INET, address.substr(0, colon).c_str(), &peer.sin_addr);
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&peer), sizeof peer) != 0) {
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot connect to " + address);
  }
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + address + "\r\nAccept: text/event-stream\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    const auto n = ::send(fd_, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  const auto deadline = SteadyClock::now() + wait;
  std::size_t head_end;
  while ((head_end = received_.find("\r\n\r\n")) == std::string::npos) {
    if (left_until(deadline).count() <= 0 || !read_some(left_until(deadline))) return;
  }
  head_ = received_.substr(0, head_end);
  received_.erase(0, head_end + 4);
  if (head_.starts_with("HTTP/1.1 ") && head_.size() >= 12) status_ = std::stoi(head_.substr(9, 3));
}

EventStream::~EventStream() {
  if (fd_ >= 0) ::close(fd_);
}

bool EventStream::read_some(std::chrono::milliseconds wait) {
  if (closed_) return false;
  pollfd readable{fd_, POLLIN, 0};
  if (::poll(&readable, 1, static_cast<int>(std::max<std::int64_t>(wait.count(), 0))) <= 0) return false;
  char buffer[16384];
  const auto got = ::recv(fd_, buffer, sizeof buffer, 0);
  if (got <= 0) {
    closed_ = true;
    return false;
  }
  received_.append(buffer, static_cast<std::size_t>(got));
  return true;
}

bool EventStream::wait_for(const std::string& text, std::chrono::milliseconds wait, std::size_t from) {
  const auto deadline = SteadyClock::now() + wait;
  while (received_.find(text, from) == std::string::npos) {
    if (closed_ || left_until(deadline).count() <= 0) return false;
    read_some(left_until(deadline));
  }
  return true;
}

bool EventStream::wait_closed(std::chrono::milliseconds wait) {
  const auto deadline = SteadyClock::now() + wait;
  while (!closed_ && left_until(deadline).count() > 0) read_some(left_until(deadline));
  return closed_;
}

}  // namespace poblysh::testing
