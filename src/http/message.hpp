// http: the request and response types every handler sees. Free of RESTinio on
// purpose: only server.cpp includes the HTTP library, so handlers compile fast.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace poblysh::http {

enum class Method { get, post, put, patch, del, head, options };
const char* method_name(Method method);

struct Request {
  Method method = Method::get;
  std::string path;                                // without the query string
  std::map<std::string, std::string> path_params;  // ":id" segments of the matched route
  std::multimap<std::string, std::string> query;   // decoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // peer IP, for rate limits
  std::string request_id;
  bool query_malformed = false;  // answered 400 before any handler runs

  // Case-insensitive header lookup; the first value if repeated.
  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string> query_param(const std::string& name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // More members for the request's access log line (`,"key":value…`), never sent: what the
  // request did, so one line tells it (a webhook delivery's outcome, say).
  std::string log_fields;

  Response& set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response json_text(int status, std::string json_body);
  static Response no_content() { return Response{204, {}, {}, {}}; }
};

// The client's address as rate limits should see it. Behind a reverse proxy
// every connection comes from the proxy, so when `peer` is one of
// `trusted_proxies` the X-Forwarded-For list is read from the right, skipping
// trusted hops: the first address not ours is the client. Anything else (no
// proxies configured, an untrusted peer, a malformed list) keeps the peer: a
// client cannot pick its own address by sending the header.
std::string client_address(std::string_view peer, std::optional<std::string_view> forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

using Handler = std::function<Response(Request&)>;

// Answers a request later, from any thread: for a handler that waits on something which calls
// it back (a group commit), so that waiting does not hold one of the server's threads.
class Responder {
 public:
  // What the server (or a test) does with the answer.
  class Channel {
   public:
    virtual ~Channel() = default;
    virtual void send(Response response) = 0;
    virtual void post(std::function<void()> task) = 0;
  };
  explicit Responder(std::shared_ptr<Channel> channel) : channel_(std::move(channel)) {}

  // Sends the answer; only the first one counts. A request whose responders are all gone
  // unanswered is answered 500, so no client waits for ever.
  void send(Response response) const { channel_->send(std::move(response)); }
  // Runs `task` on one of the server's threads: for the rest of the work when the callback
  // arrived on a thread that must not be kept (a database's writer).
  void post(std::function<void()> task) const { channel_->post(std::move(task)); }

 private:
  std::shared_ptr<Channel> channel_;
};
// The request stays valid until the answer has been sent.
using AsyncHandler = std::function<void(Request&, Responder)>;

// A response written in parts for as long as both sides keep it open (Server-Sent Events).
class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues `text`; false once the stream is closed: the client went, the server is stopping, or
  // `text` would leave more than the stream's limit waiting to be written (a slow reader is let
  // go rather than kept in memory; it reconnects and reads again).
  virtual bool write(std::string text) = 0;
  // Ends the stream; later writes answer false.
  virtual void close() = 0;
};

// A stream route's answer: a `head` of status 200 opens the stream with its headers and
// `opened` gets it; any other status is answered as it is (a refusal) and `opened` gets null, as
// it does when the stream could not be opened (the server is stopping). `opened` is always called.
struct StreamStart {
  Response head;
  std::function<void(std::shared_ptr<StreamSink>)> opened;
};
// Runs on a worker thread (its access check may read the store).
using StreamHandler = std::function<StreamStart(Request&)>;

// One entry of the explicit route table: "/api/v1/team-members/:id". A route has a handler
// or, when it answers later, an async handler.
//
// The server's HTTP threads (about one per core) parse, route and write; a handler that may
// wait runs on its worker threads instead, so that a slow Cal.com or a password hash never
// holds a thread that serves other connections. Every handler of a method other than GET (and
// HEAD) may wait (a write waits for its commit); a GET handler that reaches beyond the database
// (Cal.com) says so with `waits` — and with PostgreSQL every handler runs on the workers, since
// each read is a network round trip (ServerOptions::reads_inline). Async handlers run on the HTTP thread and must not
// wait on their usual path (the webhook route commits a rejected delivery's row there, a rare error).
struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  AsyncHandler async_handler = {};
  bool waits = false;
  StreamHandler stream_handler = {};  // instead of the other two: a stream (Server-Sent Events)
};

}  // namespace poblysh::http
