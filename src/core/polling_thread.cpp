#include "core/polling_thread.hpp"

#include <algorithm>

namespace poblysh {

void PollingThread::start(Pass pass) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  pass_ = std::move(pass);
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void PollingThread::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PollingThread::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

void PollingThread::loop() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      woken_ = false;  // this pass will see whatever the waker committed
    }
    const auto wait = pass_();
    std::unique_lock lock(mutex_);
    if (wait > std::chrono::milliseconds(0)) changed_.wait_for(lock, wait, [this] { return stopping_ || woken_; });
  }
}

std::chrono::milliseconds wait_before_next_pass(bool full_batch, std::optional<SystemTime> next_due, SystemTime now,
                                                std::chrono::milliseconds poll_interval) {
  if (full_batch) return std::chrono::milliseconds(0);
  if (!next_due) return poll_interval;
  const auto until = std::chrono::duration_cast<std::chrono::milliseconds>(*next_due - now);
  return std::clamp(until, std::chrono::milliseconds(0), poll_interval);
}

}  // namespace poblysh
