// Test support: a Server-Sent Events stream read as it arrives over a raw socket (GET
// /api/v1/events), for tests that watch what a page would hear.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace poblysh::testing {

class EventStream {
 public:
  // Connects to "127.0.0.1:PORT", sends GET `path` with `headers` and reads the answer's head
  // (up to `wait`). Throws when it cannot connect.
  EventStream(const std::string& address, const std::string& path, const std::map<std::string, std::string>& headers,
              std::chrono::milliseconds wait = std::chrono::seconds(10));
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  int status() const { return status_; }  // 0: no status line arrived
  const std::string& head() const { return head_; }
  // Everything after the head read so far (chunk framing included).
  const std::string& received() const { return received_; }
  // Reads until `text` has arrived (at or after `from` in received()) or `wait` passes; whether it did.
  bool wait_for(const std::string& text, std::chrono::milliseconds wait, std::size_t from = 0);
  // Reads until the server closes the connection or `wait` passes; whether it closed.
  bool wait_closed(std::chrono::milliseconds wait);

 private:
  bool read_some(std::chrono::milliseconds wait);  // false: closed, or nothing came in time

  int fd_ = -1;
  int status_ = 0;
  bool closed_ = false;
  std::string head_;
  std::string received_;
};

}  // namespace poblysh::testing
