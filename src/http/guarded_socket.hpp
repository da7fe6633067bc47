// http (included by server.cpp only): the socket RESTinio reads requests through. It watches
// each request as its bytes arrive and, when the URL is longer than allowed or the body larger
// (a Content-Length over the limit, or a chunked body as it is counted), answers 414 or 413
// itself and closes; an upgrade request (which RESTinio would keep with no timeout) gets 400. RESTinio's own limits
// only drop the connection, leaving the client with no answer, and RESTinio reserves a declared body's whole size
// before reading any of it.
//
// Relies on: RESTinio 0.6 constructing each socket from the io_context the server runs on
// (restinio::impl::socket_supplier_t), which is our GuardedIoContext and carries the limits;
// RESTinio calling async_read_some with a handler bound to its connection's strand; and
// http_parser (which RESTinio also uses) framing requests the same way RESTinio does.
#pragma once

#include <http_parser.h>

#include <array>
#include <climits>
#include <cstdint>
#include <memory>
#include <restinio/all.hpp>
#include <string>
#include <utility>
#include <vector>

namespace poblysh::http {

struct RequestLimits {
  std::size_t max_url_bytes = 16 * 1024;
  std::uint64_t max_body_bytes = 1024 * 1024;
  std::vector<std::pair<std::string, std::string>> headers;  // added to the refusal (security headers)
};

// An io_context that carries the limits its sockets enforce, and whose pending operations (the
// reads of idle keep-alive connections) can be destroyed before the io_context itself.
struct GuardedIoContext : asio::io_context {
  using asio::io_context::shutdown;
  RequestLimits limits;
};

// Follows the requests of one connection through http_parser; says when one is over a limit.
class RequestGuard {
 public:
  explicit RequestGuard(const RequestLimits& limits) : limits_(limits) {
    http_parser_init(&parser_, HTTP_REQUEST);
    parser_.data = this;
    http_parser_settings_init(&settings_);
    settings_.on_message_begin = [](http_parser* parser) { return self(parser).begin(); };
    settings_.on_url = [](http_parser* parser, const char*, std::size_t length) { return self(parser).url(length); };
    settings_.on_headers_complete = [](http_parser* parser) { return self(parser).headers_complete(); };
    settings_.on_body = [](http_parser* parser, const char*, std::size_t length) { return self(parser).body(length); };
  }
  RequestGuard(const RequestGuard&) = delete;
  RequestGuard& operator=(const RequestGuard&) = delete;

  // The status to refuse with (413, 414, or 400 for an upgrade) once `data` takes a request over
  // a limit; 0 otherwise. Input http_parser cannot follow (malformed) is left to RESTinio.
  int inspect(const char* data, std::size_t size) {
    if (done_) return 0;
    http_parser_execute(&parser_, &settings_, data, size);
    if (verdict_ != 0) return verdict_;
    if (HTTP_PARSER_ERRNO(&parser_) != HPE_OK) done_ = true;
    return 0;
  }

  const RequestLimits& limits() const { return limits_; }

 private:
  static RequestGuard& self(http_parser* parser) { return *static_cast<RequestGuard*>(parser->data); }
  int begin() {
    url_bytes_ = 0;
    body_bytes_ = 0;
    return 0;
  }
  int url(std::size_t length) {
    url_bytes_ += length;
    return url_bytes_ > limits_.max_url_bytes ? refuse(414) : 0;
  }
  int headers_complete() {
    // RESTinio 0.6 takes an upgrade off every timeout and, after our answer, handles it again
    // for ever: no route of ours switches protocols, so it is refused here.
    if (parser_.upgrade) return refuse(400);
    const bool declared = parser_.content_length != ULLONG_MAX;
    return declared && parser_.content_length > limits_.max_body_bytes ? refuse(413) : 0;
  }
  int body(std::size_t length) {
    body_bytes_ += length;
    return body_bytes_ > limits_.max_body_bytes ? refuse(413) : 0;
  }
  int refuse(int status) {
    verdict_ = status;
    done_ = true;
    return -1;  // stops the parser
  }

  const RequestLimits& limits_;
  http_parser parser_{};
  http_parser_settings settings_{};
  std::size_t url_bytes_ = 0;
  std::uint64_t body_bytes_ = 0;
  int verdict_ = 0;
  bool done_ = false;
};

inline std::string refusal(int status, const RequestLimits& limits) {
  std::string status_line, code, message;
  switch (status) {
    case 414:
      status_line = "414 URI Too Long";
      code = "uri_too_long";
      message = "The request's URL is too long (at most " + std::to_string(limits.max_url_bytes) + " bytes).";
      break;
    case 413:
      status_line = "413 Payload Too Large";
      code = "payload_too_large";
      message = "The request body is too large (at most " + std::to_string(limits.max_body_bytes) + " bytes).";
      break;
    default:
      status_line = "400 Bad Request";
      code = "invalid_input";
      message = "This server does not switch protocols (Upgrade, CONNECT).";
      break;
  }
  const std::string body =
      R"({"error":{"code":")" + code + R"(","message":")" + message + R"(","details":{},"request_id":null}})";
  std::string answer = "HTTP/1.1 " + status_line + "\r\n";
  for (const auto& [name, value] : limits.headers) answer += name + ": " + value + "\r\n";
  answer += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\nConnection: close\r\n\r\n" + body;
  return answer;
}

class GuardedSocket {
 public:
  using executor_type = asio::ip::tcp::socket::executor_type;

  explicit GuardedSocket(asio::io_context& io_context)
      : socket_(io_context), limits_(&static_cast<GuardedIoContext&>(io_context).limits) {}
  GuardedSocket(GuardedSocket&&) = default;
  GuardedSocket& operator=(GuardedSocket&&) = default;

  auto& lowest_layer() { return socket_.lowest_layer(); }
  const auto& lowest_layer() const { return socket_.lowest_layer(); }
  auto get_executor() { return socket_.get_executor(); }
  auto remote_endpoint() const { return socket_.remote_endpoint(); }
  auto is_open() const { return socket_.is_open(); }
  template <typename... Args>
  void cancel(Args&&... args) {
    socket_.cancel(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void shutdown(Args&&... args) {
    socket_.shutdown(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void close(Args&&... args) {
    socket_.close(std::forward<Args>(args)...);
  }
  template <typename... Args>
  auto async_write_some(Args&&... args) {
    return socket_.async_write_some(std::forward<Args>(args)...);
  }

  // The bytes go to RESTinio once the guard has seen them; a request over a limit never does.
  template <typename Buffers, typename Handler>
  void async_read_some(const Buffers& buffers, Handler handler) {
    // Made at the first read: RESTinio moves a pooled socket into its connection and reuses the
    // moved-from one for the next accept.
    if (!guard_) guard_ = std::make_unique<RequestGuard>(*limits_);
    auto executor = asio::get_associated_executor(handler, socket_.get_executor());
    socket_.async_read_some(
        buffers, asio::bind_executor(executor, [this, buffers, executor, handler = std::move(handler)](
                                                   const asio::error_code& error, std::size_t length) mutable {
          if (!error) {
            if (const int status = inspect(buffers, length); status != 0) {
              return refuse(status, executor, std::move(handler));
            }
          }
          handler(error, length);
        }));
  }

 private:
  template <typename Buffers>
  int inspect(const Buffers& buffers, std::size_t length) {
    for (auto it = asio::buffer_sequence_begin(buffers); it != asio::buffer_sequence_end(buffers) && length > 0; ++it) {
      const std::size_t part = std::min(length, it->size());
      if (const int status = guard_->inspect(static_cast<const char*>(it->data()), part); status != 0) return status;
      length -= part;
    }
    return 0;
  }

  // Writes the refusal, stops sending, then reads and drops what the client still sends (a
  // close with unread bytes would reset the connection and could destroy the answer before the
  // client read it) until it closes, kLingerBytes have come, or RESTinio's read timeout closes
  // the socket; then RESTinio is told the connection ended.
  template <typename Executor, typename Handler>
  void refuse(int status, Executor executor, Handler handler) {
    auto answer = std::make_shared<const std::string>(refusal(status, guard_->limits()));
    asio::async_write(socket_, asio::buffer(*answer),
                      asio::bind_executor(executor, [this, answer, executor, handler = std::move(handler)](
                                                        const asio::error_code& error, std::size_t) mutable {
                        asio::error_code ignored;
                        if (!error) socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
                        linger(executor, std::move(handler), 0);
                      }));
  }

  static constexpr std::size_t kLingerBytes = 4u << 20;

  template <typename Executor, typename Handler>
  void linger(Executor executor, Handler handler, std::size_t drained) {
    if (drained >= kLingerBytes || !socket_.is_open()) return handler(asio::error::eof, 0);
    auto sink = std::make_shared<std::array<char, 16384>>();
    socket_.async_read_some(
        asio::buffer(*sink),
        asio::bind_executor(executor, [this, sink, executor, drained, handler = std::move(handler)](
                                          const asio::error_code& error, std::size_t length) mutable {
          if (error) return handler(asio::error::eof, 0);
          linger(executor, std::move(handler), drained + length);
        }));
  }

  asio::ip::tcp::socket socket_;
  const RequestLimits* limits_;          // the io_context's
  std::unique_ptr<RequestGuard> guard_;  // stays put when the socket is moved
};

// What RESTinio does for a plain socket, for ours (found by argument-dependent lookup): nothing
// to prepare, and no TLS.
template <typename Connection, typename Start_Read_CB, typename Failed_CB>
void prepare_connection_and_start_read(GuardedSocket&, Connection&, Start_Read_CB start_read_cb, Failed_CB) {
  start_read_cb();
}

inline restinio::impl::tls_socket_t* make_tls_socket_pointer_for_state_listener(GuardedSocket&) noexcept {
  return nullptr;
}

}  // namespace poblysh::http
