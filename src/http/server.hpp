// http: the HTTP server (RESTinio inside server.cpp), configured by a route table.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/message.hpp"
#include "http/static_files.hpp"

namespace poblysh::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::bound_port()
  std::size_t threads = 4;    // HTTP threads: parse, route, write, and the handlers that do not wait
  std::size_t worker_threads = 16;           // the handlers that may wait (see Route)
  // GET handlers not marked `waits` run on the HTTP thread: right when a database read is a few
  // microseconds in-process (SQLite), wrong when it is a round trip over the network
  // (PostgreSQL), where every handler then runs on the workers.
  bool reads_inline = true;
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies answer 413
  // Connections served at once; more wait in the listen queue until one closes. Each holds at
  // most one request in flight (an async webhook's commit, a worker's job), so this also bounds
  // the work and memory a flood of clients can make the service hold.
  std::size_t max_connections = 512;
  std::size_t max_header_bytes = 16 * 1024;
  // Bytes a stream (Server-Sent Events) may have waiting for a slow reader before it is closed.
  std::size_t max_stream_pending_bytes = 64 * 1024;
  std::chrono::milliseconds read_timeout{10000};
  std::chrono::milliseconds write_timeout{10000};
  std::chrono::milliseconds handle_timeout{60000};
  // Reverse proxies whose X-Forwarded-For is believed (exact IP addresses); see client_address().
  std::vector<std::string> trusted_proxies;
  // The browser app, served for GET and HEAD requests that match no route; null: none.
  std::shared_ptr<const StaticFiles> static_files;
  // Headers added to every answer (the service's security headers).
  std::vector<std::pair<std::string, std::string>> every_answer;
  // Called once per finished request: the access log. Never given the body.
  std::function<void(const Request&, const Response&, std::chrono::microseconds elapsed)> on_complete;
  // Called for requests that match no route, before static files; may return false to fall through.
  std::function<bool(Request&, Response&)> fallback;
};

class Server {
 public:
  Server(ServerOptions options, std::vector<Route> routes);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving on background threads; returns once the socket is listening.
  void start();
  // Stops accepting, finishes in-flight requests, joins the threads.
  void stop();
  std::uint16_t bound_port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace poblysh::http
