// The only translation unit of the service that includes RESTinio (it is slow to compile).
#include "http/server.hpp"

#include <atomic>
#include <random>

#include <restinio/all.hpp>

#include "http/router.hpp"
#include "http/static_files.hpp"

namespace poblysh::http {
namespace {

using Traits = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t>;

Method to_method(const restinio::http_method_id_t& id) {
  if (id == restinio::http_method_get()) return Method::get;
  if (id == restinio::http_method_post()) return Method::post;
  if (id == restinio::http_method_put()) return Method::put;
  if (id == restinio::http_method_patch()) return Method::patch;
  if (id == restinio::http_method_delete()) return Method::del;
  if (id == restinio::http_method_head()) return Method::head;
  return Method::options;
}

// Request ids: random per process, counter per request; unique across instances in practice.
class RequestIdSource {
 public:
  RequestIdSource() : prefix_(random_prefix()) {}
  std::string next() { return prefix_ + std::to_string(counter_.fetch_add(1) + 1); }

 private:
  static std::string random_prefix() {
    std::random_device device;
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string prefix;
    for (int i = 0; i < 8; ++i) prefix += kAlphabet[device() % (sizeof(kAlphabet) - 1)];
    return prefix + "-";
  }
  std::string prefix_;
  std::atomic<std::uint64_t> counter_{0};
};

Response error_body(int status, const char* code, const char* message, const std::string& request_id) {
  std::string body = std::string(R"({"error":{"code":")") + code + R"(","message":")" + message +
                     R"(","details":{},"request_id":")" + request_id + "\"}}";
  return Response::json_text(status, std::move(body));
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, std::vector<Route> routes)
      : options_(std::move(options)), router_(std::move(routes)), static_files_(options_.static_dir) {}

  void start() {
    auto settings = restinio::server_settings_t<Traits>{}
                        .address(options_.host)
                        .port(options_.port)
                        .read_next_http_message_timelimit(options_.read_timeout)
                        .write_http_response_timelimit(options_.write_timeout)
                        .handle_request_timeout(options_.handle_timeout)
                        .incoming_http_msg_limits(hard_limits())
                        .acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& acceptor) {
                          bound_port_ = acceptor.local_endpoint().port();
                        })
                        .request_handler([this](restinio::request_handle_t req) { return handle(std::move(req)); });
    running_ = restinio::run_async(restinio::own_io_context(), std::move(settings), options_.threads);
  }

  void stop() {
    if (running_) {
      running_->stop();
      running_->wait();
      running_.reset();
    }
  }

  std::uint16_t bound_port() const { return bound_port_; }

 private:
  // Bodies between max_body_bytes and this hard limit are read and answered 413; beyond it the
  // connection is dropped, so a client cannot make us buffer without bound.
  restinio::incoming_http_msg_limits_t hard_limits() const {
    return restinio::incoming_http_msg_limits_t{}
        .max_url_size(options_.max_header_bytes)
        .max_field_name_size(options_.max_header_bytes)
        .max_field_value_size(options_.max_header_bytes)
        .max_field_count(100)
        .max_body_size(std::max<std::uint64_t>(options_.max_body_bytes * 4, 8u * 1024 * 1024));
  }

  restinio::request_handling_status_t handle(restinio::request_handle_t req) {
    const auto started = std::chrono::steady_clock::now();
    Request request = to_request(*req);
    Response response = dispatch(request);
    response.set_header("X-Request-Id", request.request_id);
    if (options_.on_complete) {
      options_.on_complete(request, response.status,
                           std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - started));
    }
    auto builder = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason(response.status)});
    for (auto& [name, value] : response.headers) builder.append_header(name, value);
    if (request.method != Method::head) builder.set_body(std::move(response.body));
    return builder.done();
  }

  Response dispatch(Request& request) {
    if (request.query_malformed) {
      return error_body(400, "invalid_input", "The query string of this request is malformed.", request.request_id);
    }
    if (request.body.size() > options_.max_body_bytes) {
      return error_body(413, "payload_too_large", "The request body is too large.", request.request_id);
    }
    try {
      auto matched = router_.match(request.method, request.path);
      if (matched.handler) {
        request.path_params = std::move(matched.params);
        return (*matched.handler)(request);
      }
      if (matched.path_exists) {
        Response refused = error_body(405, "method_not_allowed", "This method is not allowed here.", request.request_id);
        std::string allow;
        for (auto method : matched.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method_name(method));
        refused.set_header("Allow", allow);
        return refused;
      }
      Response response;
      if (options_.fallback && options_.fallback(request, response)) return response;
      if (request.method == Method::get || request.method == Method::head) {
        if (auto file = static_files_.serve(request.path)) return *file;
      }
      return error_body(404, "not_found", "Nothing is here.", request.request_id);
    } catch (...) {
      // Handlers turn bad input into errors themselves; reaching here is a bug. The caller's
      // on_complete logs the 500 with the request id; nothing internal goes to the client.
      return error_body(500, "internal", "Something went wrong on our side.", request.request_id);
    }
  }

  Request to_request(const restinio::request_t& req) {
    Request request;
    request.method = to_method(req.header().method());
    request.path = std::string(req.header().path());
    request.request_id = request_ids_.next();
    request.body = req.body();
    req.header().for_each_field([&request](const auto& field) {
      request.headers.emplace_back(std::string(field.name()), std::string(field.value()));
    });
    request.remote_address = client_address(req.remote_endpoint().address().to_string(),
                                            request.header("X-Forwarded-For"), options_.trusted_proxies);
    // Relaxed: browsers and curl leave ':', '/' and ',' unencoded in values (times, zones, lists).
    if (auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req.header().query())) {
      for (const auto& [key, value] : *query) request.query.emplace(std::string(key), std::string(value));
    } else {
      request.query_malformed = true;
    }
    return request;
  }

  static const char* reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 201: return "Created";
      case 204: return "No Content";
      case 304: return "Not Modified";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 409: return "Conflict";
      case 413: return "Payload Too Large";
      case 422: return "Unprocessable Entity";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      default: return "Status";
    }
  }

  ServerOptions options_;
  Router router_;
  StaticFiles static_files_;
  RequestIdSource request_ids_;
  std::atomic<std::uint16_t> bound_port_{0};
  restinio::running_server_handle_t<Traits> running_;
};

Server::Server(ServerOptions options, std::vector<Route> routes)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(routes))) {}
Server::~Server() { impl_->stop(); }
void Server::start() { impl_->start(); }
void Server::stop() { impl_->stop(); }
std::uint16_t Server::bound_port() const { return impl_->bound_port(); }

}  // namespace poblysh::http
