// http/api: GET /api/v1/events — Server-Sent Events telling open pages which interviews changed
// (interviews::ChangeFeed), with a bounded number of streams per user and in all.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "core/polling_thread.hpp"
#include "http/api/context.hpp"
#include "http/message.hpp"
#include "interviews/change_feed.hpp"

namespace poblysh::http::api {

struct EventStreamOptions {
  // A tab keeps one stream (the app shares it between its pages); a stream the client left is
  // noticed at the next write, so a few reloads may hold a slot until the next keep-alive.
  std::size_t per_user = 8;
  // Each stream holds one of the server's connections (ServerOptions::max_connections) for as
  // long as it is open; this must leave enough of them for requests.
  std::size_t overall = 128;
  // A comment line this often: proxies keep the connection, and a client that has gone is noticed.
  std::chrono::milliseconds keep_alive{15000};
};

class EventStreams {
 public:
  EventStreams(interviews::ChangeFeed& feed, EventStreamOptions options = {});
  ~EventStreams();
  EventStreams(const EventStreams&) = delete;
  EventStreams& operator=(const EventStreams&) = delete;

  // The keep-alive thread; stop() also ends every open stream.
  void start();
  void stop();

  // The handler of GET /api/v1/events: a stream for `caller`, or 429 over a limit.
  StreamStart open(Request& request, const Caller& caller);

  // The text one change is sent as (an SSE message of event type `interview`).
  static std::string message(const interviews::InterviewChange& change);

 private:
  struct Open {
    std::int64_t user_id = 0;
    std::shared_ptr<StreamSink> sink;
  };
  void opened(std::int64_t user_id, std::shared_ptr<StreamSink> sink);
  void release(std::int64_t user_id);  // mutex_ held
  // Writes `text` to every open stream; the ones that refuse it are closed and let go.
  void send_all(const std::string& text);

  interviews::ChangeFeed& feed_;
  EventStreamOptions options_;
  std::uint64_t subscription_ = 0;

  std::mutex mutex_;  // guards the fields below
  std::map<std::uint64_t, Open> open_;
  std::map<std::int64_t, std::size_t> per_user_;  // streams opened or being opened
  std::size_t total_ = 0;
  std::uint64_t next_id_ = 1;

  PollingThread keep_alive_;
};

}  // namespace poblysh::http::api
