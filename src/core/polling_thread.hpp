// core: a thread that runs passes until it is stopped. Each pass answers how long to wait before
// the next (zero: at once); wake() cuts a wait short, stop() ends it and joins. The outbox and
// job workers run on one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/clock.hpp"

namespace poblysh {

class PollingThread {
 public:
  using Pass = std::function<std::chrono::milliseconds()>;

  PollingThread() = default;
  PollingThread(const PollingThread&) = delete;
  PollingThread& operator=(const PollingThread&) = delete;
  ~PollingThread() { stop(); }

  // Starts the passes; a second start while running does nothing.
  void start(Pass pass);
  void stop();
  // The next wait ends at once: a pass that starts after this call sees what the caller committed.
  void wake();

 private:
  void loop();

  Pass pass_;
  std::mutex mutex_;  // guards the fields below
  std::condition_variable changed_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

// The wait before a worker's next pass: none after a full batch (more may be due), else the poll
// interval cut short by the next due time the pass saw.
std::chrono::milliseconds wait_before_next_pass(bool full_batch, std::optional<SystemTime> next_due, SystemTime now,
                                                std::chrono::milliseconds poll_interval);

}  // namespace poblysh
