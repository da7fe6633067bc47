// calcom-sim: webhook delivery — one background thread POSTing signed bodies, once, like
// Cal.com; tests can drop, hold, release (in any order) and re-send deliveries.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_error.hpp"
#include "core/clock.hpp"
#include "store.hpp"

namespace poblysh::calcom_sim {

struct DeliveryRecord {
  int id = 0;
  DeliveryJob job;
  std::string state = "queued";  // queued, held, sending, delivered, failed, dropped
  int http_status = 0;           // the subscriber's answer; 0 when none
  std::string error;             // network error text
  SystemTime queued_at;
  std::optional<int> redelivery_of;
};

nlohmann::json delivery_json(const DeliveryRecord& record);

class Dispatcher {
 public:
  Dispatcher(const Clock& clock, std::chrono::milliseconds timeout);
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Queues the jobs (or records them as dropped/held, per the admin switches).
  void enqueue(std::vector<DeliveryJob> jobs);
  // Sends an earlier delivery's exact body and signature again: a duplicate, as tests need.
  SimResult<int> redeliver(int id);
  void drop_next(int count);
  void set_hold(bool hold);
  // Sends held deliveries, oldest first or newest first (to simulate reordering).
  int release_held(bool newest_first);
  // Waits until nothing is queued or sending; false on timeout.
  bool wait_idle(std::chrono::milliseconds timeout);
  std::vector<DeliveryRecord> records() const;
  void reset();
  nlohmann::json settings_json() const;

 private:
  void run();
  void send(int id);

  const Clock& clock_;
  const std::chrono::milliseconds timeout_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<int> queue_;
  std::vector<DeliveryRecord> records_;
  int next_id_ = 1;
  int drop_count_ = 0;
  bool hold_ = false;
  bool sending_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace poblysh::calcom_sim
