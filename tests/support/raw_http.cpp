#include "raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace poblysh::testing {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

std::optional<std::string> RawAnswer::header(const std::string& name) const {
  const std::string wanted = lower(name) + ":";
  std::size_t line = head.find("\r\n");
  while (line != std::string::npos && line + 2 < head.size()) {
    const auto start = line + 2;
    const auto end = head.find("\r\n", start);
    const std::string text = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (lower(text).starts_with(wanted)) {
      auto value = text.substr(wanted.size());
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      return value;
    }
    line = end;
  }
  return std::nullopt;
}

RawAnswer raw_exchange(const std::string& address, const std::string& request, std::chrono::milliseconds wait) {
  const auto colon = address.rfind(':');
  sockaddr_in peer{};
  peer.sin_family = AF_INET;
  peer.sin_port = htons(static_cast<std::uint16_t>(std::stoi(address.substr(colon + 1))));
  ::inet_pton(AF_INET, address.substr(0, colon).c_str(), &peer.sin_addr);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&peer), sizeof peer) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot connect to " + address);
  }
  // The server may answer (and close) before the whole request is sent: an oversize body.
  std::size_t sent = 0;
  while (sent < request.size()) {
    const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string received;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd readable{fd, POLLIN, 0};
    if (::poll(&readable, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[16384];
    const auto got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    received.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(fd);
  RawAnswer answer;
  const auto head_end = received.find("\r\n\r\n");
  answer.head = received.substr(0, head_end);
  if (head_end != std::string::npos) answer.body = received.substr(head_end + 4);
  if (answer.head.starts_with("HTTP/1.1 ") && answer.head.size() >= 12)
    answer.status = std::stoi(answer.head.substr(9, 3));
  return answer;
}

RawAnswer raw_get(const std::string& address, const std::string& path, const std::string& method) {
  return raw_exchange(address, method + " " + path + " HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n");
}

}  // namespace poblysh::testing
