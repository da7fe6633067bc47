// http: streams written in parts (Server-Sent Events) over RESTinio, and the set of open ones
// the server ends when it stops. Included by server.cpp and event_stream.cpp only (RESTinio).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <restinio/all.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http/message.hpp"

namespace poblysh::http {

// The open streams, so that stopping the server ends them instead of waiting for them.
class OpenStreams {
 public:
  OpenStreams() : tally_(std::make_shared<Tally>()) {}

  // Opens a chunked response on `handle` with `head`'s status and headers (and `every_answer`),
  // writing on a strand of `io_context`. `keep` is held as long as the stream: the io_context's
  // owner. At most `max_pending` bytes wait to be written; more closes the stream. After
  // close_all() the stream is ended at once.
  std::shared_ptr<StreamSink> open(asio::io_context& io_context, std::shared_ptr<void> keep,
                                   restinio::request_handle_t handle, const Response& head,
                                   const std::vector<std::pair<std::string, std::string>>& every_answer,
                                   std::size_t max_pending);
  // Ends every stream and waits (at most `wait`) until each has let its connection go: a stream
  // ended later, once the io_context no longer runs, would keep that connection (and the
  // io_context's owner, through `keep`) for ever.
  void close_all(std::chrono::milliseconds wait);

  // How many streams still hold their connection; shared with each stream.
  struct Tally {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t holding = 0;
  };

 private:
  std::shared_ptr<Tally> tally_;
  std::mutex mutex_;  // guards the fields below
  std::vector<std::weak_ptr<StreamSink>> streams_;
  bool closed_ = false;
};

}  // namespace poblysh::http
