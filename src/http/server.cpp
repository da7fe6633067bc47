// The only translation unit of the service that includes RESTinio (it is slow to compile).
#include "http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <restinio/all.hpp>

#include "http/event_stream.hpp"
#include "http/guarded_socket.hpp"
#include "http/router.hpp"

namespace poblysh::http {
namespace {

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t> {
  static constexpr bool use_connection_count_limiter = true;  // ServerOptions::max_connections
  using stream_socket_t = GuardedSocket;                       // 413 and 414 answered (guarded_socket.hpp)
};

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

const char* reason(int status) {
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

using Clock = std::chrono::steady_clock;
using CompletionHook = std::function<void(const Request&, const Response&, std::chrono::microseconds elapsed)>;
using Headers = std::vector<std::pair<std::string, std::string>>;

// Writes the answer (RESTinio's done() may be called from any thread) and the access log line.
// A HEAD is answered with the headers a GET would get, its Content-Length included, and no body.
restinio::request_handling_status_t write_response(restinio::request_t& req, const Request& request, Response response,
                                                   Clock::time_point started, const CompletionHook& on_complete,
                                                   const Headers& every_answer) {
  response.set_header("X-Request-Id", request.request_id);
  if (on_complete) {
    on_complete(request, response, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started));
  }
  const restinio::http_status_line_t status{restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
                                            reason(response.status)};
  if (request.method == Method::head) {
    auto builder = req.create_response<restinio::user_controlled_output_t>(status);
    for (const auto& [name, value] : every_answer) builder.append_header(name, value);
    for (auto& [name, value] : response.headers) builder.append_header(name, value);
    builder.set_content_length(response.body.size());
    return builder.done();
  }
  auto builder = req.create_response(status);
  for (const auto& [name, value] : every_answer) builder.append_header(name, value);
  for (auto& [name, value] : response.headers) builder.append_header(name, value);
  builder.set_body(std::move(response.body));
  return builder.done();
}

// What answers still on their way need after the Server object has gone: the io_context their
// connections live on, the running RESTinio server, the access log, and how many are still to
// be answered.
struct Shared {
  GuardedIoContext io_context;
  CompletionHook on_complete;
  Headers every_answer;
  std::mutex mutex;
  std::condition_variable exchanges_changed;
  std::size_t exchanges = 0;
  bool stopped = false;
  // Kept until every connection has gone: a connection tells the server's connection limiter
  // when it closes, so the connections still waiting in the io_context (idle keep-alives) are
  // destroyed first, and those held by an answer on its way go with that answer (Exchange).
  restinio::running_server_handle_t<Traits> running;

  Shared() = default;
  Shared(const Shared&) = delete;
  Shared& operator=(const Shared&) = delete;
  ~Shared() {
    io_context.shutdown();
    running.reset();
  }
};

// A request of an async route, from its arrival until its answer is written.
class Exchange final : public Responder::Channel, public std::enable_shared_from_this<Exchange> {
 public:
  Exchange(std::shared_ptr<Shared> shared, restinio::request_handle_t handle, Request request,
           Clock::time_point started)
      : shared_(std::move(shared)), handle_(std::move(handle)), request_(std::move(request)), started_(started) {
    std::lock_guard lock(shared_->mutex);
    ++shared_->exchanges;
  }
  ~Exchange() override {
    if (!answered_.exchange(true) && !stopped()) {
      write_response(*handle_, request_,
                     error_body(500, "internal", "Something went wrong on our side.", request_.request_id), started_,
                     shared_->on_complete, shared_->every_answer);
    }
    std::lock_guard lock(shared_->mutex);
    --shared_->exchanges;
    shared_->exchanges_changed.notify_all();
  }
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;

  Request& request() { return request_; }

  // The answer is written on one of the server's threads, not on the caller's (a database's
  // writer thread must not format access logs).
  void send(Response response) override {
    if (answered_.exchange(true) || stopped()) return;
    asio::post(shared_->io_context, [self = shared_from_this(), response = std::move(response)]() mutable {
      write_response(*self->handle_, self->request_, std::move(response), self->started_, self->shared_->on_complete,
                     self->shared_->every_answer);
    });
  }
  void post(std::function<void()> task) override {
    if (!stopped()) asio::post(shared_->io_context, std::move(task));
  }

 private:
  bool stopped() {
    std::lock_guard lock(shared_->mutex);
    return shared_->stopped;
  }

  std::shared_ptr<Shared> shared_;  // first: the connection below needs its io_context to close
  restinio::request_handle_t handle_;
  Request request_;
  Clock::time_point started_;
  std::atomic<bool> answered_{false};
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, std::vector<Route> routes)
      : options_(std::move(options)), router_(std::move(routes)), shared_(std::make_shared<Shared>()) {
    shared_->on_complete = options_.on_complete;
    shared_->every_answer = options_.every_answer;
    shared_->io_context.limits = {options_.max_header_bytes, options_.max_body_bytes, options_.every_answer};
  }

  void start() {
    auto settings = restinio::server_settings_t<Traits>{}
                        .address(options_.host)
                        .port(options_.port)
                        .read_next_http_message_timelimit(options_.read_timeout)
                        .write_http_response_timelimit(options_.write_timeout)
                        .handle_request_timeout(options_.handle_timeout)
                        .incoming_http_msg_limits(hard_limits())
                        .max_parallel_connections(std::max<std::size_t>(options_.max_connections, 1))
                        .acceptor_post_bind_hook([this](asio::ip::tcp::acceptor& acceptor) {
                          bound_port_ = acceptor.local_endpoint().port();
                        })
                        .request_handler([this](restinio::request_handle_t req) { return handle(std::move(req)); });
    workers_ = std::make_unique<asio::thread_pool>(std::max<std::size_t>(options_.worker_threads, 1));
    shared_->running =
        restinio::run_async(restinio::external_io_context(shared_->io_context), std::move(settings), options_.threads);
  }

  // Answers on their way (async routes) are given a few seconds to be written first; open
  // streams are ended at once (their clients reconnect to another instance or later).
  void stop() {
    if (!shared_->running || stopped_) return;
    stopped_ = true;
    streams_.close_all(std::chrono::seconds(2));
    {
      std::unique_lock lock(shared_->mutex);
      shared_->exchanges_changed.wait_for(lock, std::chrono::seconds(5), [this] { return shared_->exchanges == 0; });
    }
    shared_->running->stop();
    shared_->running->wait();
    {
      std::lock_guard lock(shared_->mutex);
      shared_->stopped = true;
    }
    // Handlers still waiting (a Cal.com call until its timeout) finish; their answers are dropped.
    workers_->join();
    workers_.reset();
  }

  std::uint16_t bound_port() const { return bound_port_; }

 private:
  // RESTinio's own limits drop the connection; the guarded socket answers 413 and 414 before
  // they are reached, so these only back it up.
  restinio::incoming_http_msg_limits_t hard_limits() const {
    return restinio::incoming_http_msg_limits_t{}
        .max_url_size(options_.max_header_bytes)
        .max_field_name_size(options_.max_header_bytes)
        .max_field_value_size(options_.max_header_bytes)
        .max_field_count(100)
        .max_body_size(options_.max_body_bytes);
  }

  restinio::request_handling_status_t handle(restinio::request_handle_t req) {
    const auto started = Clock::now();
    Request request = to_request(*req);
    auto matched = refused(request) ? Router::Match{} : router_.match(request.method, request.path);
    if (matched.handler && (matched.waits || !options_.reads_inline)) {
      auto exchange = std::make_shared<Exchange>(shared_, req, std::move(request), started);
      asio::post(*workers_, [this, exchange, matched = std::move(matched)]() mutable {
        exchange->send(dispatch(exchange->request(), matched));
      });
      return restinio::request_accepted();
    }
    if (matched.stream_handler) {
      request.path_params = std::move(matched.params);
      asio::post(*workers_, [this, req, request = std::move(request), handler = matched.stream_handler,
                             started]() mutable { open_stream(req, request, *handler, started); });
      return restinio::request_accepted();
    }
    if (matched.async_handler) {
      request.path_params = std::move(matched.params);
      auto exchange = std::make_shared<Exchange>(shared_, req, std::move(request), started);
      try {
        (*matched.async_handler)(exchange->request(), Responder(exchange));
      } catch (...) {  // as in dispatch(): a bug; the exchange answers 500 once nobody holds it
      }
      return restinio::request_accepted();
    }
    Response response = dispatch(request, matched);
    return write_response(*req, request, std::move(response), started, options_.on_complete, options_.every_answer);
  }

  // On a worker: the handler's access check may read the store. A refusal (or a HEAD) is written
  // as an ordinary answer; the access log has a stream's line when it opens.
  void open_stream(const restinio::request_handle_t& req, Request& request, const StreamHandler& handler,
                   Clock::time_point started) {
    StreamStart start;
    try {
      start = handler(request);
    } catch (...) {  // as in dispatch(): a bug
      start.head = error_body(500, "internal", "Something went wrong on our side.", request.request_id);
    }
    if (start.head.status != 200 || request.method == Method::head) {
      if (start.opened) start.opened(nullptr);
      asio::post(shared_->io_context,
                 [shared = shared_, req, request, head = std::move(start.head), started]() mutable {
                   write_response(*req, request, std::move(head), started, shared->on_complete, shared->every_answer);
                 });
      return;
    }
    start.head.set_header("X-Request-Id", request.request_id);
    if (options_.on_complete) {
      options_.on_complete(request, start.head,
                           std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started));
    }
    auto stream = streams_.open(shared_->io_context, shared_, req, start.head, options_.every_answer,
                                options_.max_stream_pending_bytes);
    if (start.opened) start.opened(std::move(stream));
  }

  // Answered before any handler runs (see dispatch).
  bool refused(const Request& request) const {
    return request.query_malformed || request.body.size() > options_.max_body_bytes;
  }

  Response dispatch(Request& request, Router::Match& matched) {
    if (request.query_malformed) {
      return error_body(400, "invalid_input", "The query string of this request is malformed.", request.request_id);
    }
    if (request.body.size() > options_.max_body_bytes) {
      return error_body(413, "payload_too_large", "The request body is too large.", request.request_id);
    }
    try {
      if (matched.handler) {
        request.path_params = std::move(matched.params);
        return (*matched.handler)(request);
      }
      if (matched.path_exists) {
        Response refused =
            error_body(405, "method_not_allowed", "This method is not allowed here.", request.request_id);
        std::string allow;
        for (auto method : matched.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method_name(method));
        refused.set_header("Allow", allow);
        return refused;
      }
      Response response;
      if (options_.fallback && options_.fallback(request, response)) return response;
      if (request.method == Method::get || request.method == Method::head) {
        if (options_.static_files) {
          if (auto file = options_.static_files->serve(request)) return *file;
        }
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

  ServerOptions options_;
  Router router_;
  RequestIdSource request_ids_;
  std::atomic<std::uint16_t> bound_port_{0};
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<asio::thread_pool> workers_;  // the handlers that may wait (Route::waits)
  OpenStreams streams_;
  bool stopped_ = false;
};

Server::Server(ServerOptions options, std::vector<Route> routes)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(routes))) {}
Server::~Server() { impl_->stop(); }
void Server::start() { impl_->start(); }
void Server::stop() { impl_->stop(); }
std::uint16_t Server::bound_port() const { return impl_->bound_port(); }

}  // namespace poblysh::http
