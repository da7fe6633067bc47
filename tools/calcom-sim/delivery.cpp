#include "delivery.hpp"

#include <algorithm>

#include <curl/curl.h>

#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

std::size_t discard_body(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct HttpResult {
  int status = 0;
  std::string error;
};

HttpResult post(const DeliveryJob& job, std::chrono::milliseconds timeout) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  if (!curl) return HttpResult{0, "curl_easy_init failed"};
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("Content-Type: " + job.content_type).c_str());
  headers = curl_slist_append(headers, ("X-Cal-Signature-256: " + job.signature).c_str());
  headers = curl_slist_append(headers, "X-Cal-Webhook-Version: 2021-10-20");
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(curl, CURLOPT_URL, job.subscriber_url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, job.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(job.body.size()));
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // Cal.com uses redirect: "manual"
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "calcom-sim");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    result.status = static_cast<int>(status);
  } else {
    result.error = curl_easy_strerror(code);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

}  // namespace

nlohmann::json delivery_json(const DeliveryRecord& record) {
  nlohmann::json out{{"id", record.id},
                     {"webhookId", record.job.webhook_id},
                     {"subscriberUrl", record.job.subscriber_url},
                     {"triggerEvent", record.job.trigger},
                     {"bookingUid", record.job.booking_uid},
                     {"state", record.state},
                     {"httpStatus", record.http_status},
                     {"error", record.error},
                     {"queuedAt", format_utc_millis(record.queued_at)},
                     {"signature", record.job.signature},
                     {"contentType", record.job.content_type},
                     {"body", record.job.body}};
  if (record.redelivery_of) out["redeliveryOf"] = *record.redelivery_of;
  return out;
}

Dispatcher::Dispatcher(const Clock& clock, std::chrono::milliseconds timeout)
    : clock_(clock), timeout_(timeout), worker_([this] { run(); }) {}

Dispatcher::~Dispatcher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void Dispatcher::enqueue(std::vector<DeliveryJob> jobs) {
  {
    std::lock_guard lock(mutex_);
    for (auto& job : jobs) {
      DeliveryRecord record{next_id_++, std::move(job), "queued", 0, {}, clock_.now(), std::nullopt};
      if (drop_count_ > 0) {
        --drop_count_;
        record.state = "dropped";  // lost: recorded so tests can re-send it later
      } else if (hold_) {
        record.state = "held";
      } else {
        queue_.push_back(record.id);
      }
      records_.push_back(std::move(record));
    }
  }
  wake_.notify_all();
}

SimResult<int> Dispatcher::redeliver(int id) {
  int new_id = 0;
  {
    std::lock_guard lock(mutex_);
    const auto it = std::find_if(records_.begin(), records_.end(), [&](const DeliveryRecord& r) { return r.id == id; });
    if (it == records_.end()) return not_found("Delivery " + std::to_string(id) + " not found");
    DeliveryRecord copy{next_id_++, it->job, "queued", 0, {}, clock_.now(), id};
    new_id = copy.id;
    records_.push_back(std::move(copy));
    queue_.push_back(new_id);
  }
  wake_.notify_all();
  return new_id;
}

void Dispatcher::drop_next(int count) {
  std::lock_guard lock(mutex_);
  drop_count_ = std::max(0, count);
}

void Dispatcher::set_hold(bool hold) {
  std::lock_guard lock(mutex_);
  hold_ = hold;
}

int Dispatcher::release_held(bool newest_first) {
  int released = 0;
  {
    std::lock_guard lock(mutex_);
    std::vector<int> held;
    for (auto& record : records_) {
      if (record.state == "held") {
        record.state = "queued";
        held.push_back(record.id);
      }
    }
    if (newest_first) std::reverse(held.begin(), held.end());
    for (int id : held) queue_.push_back(id);
    released = static_cast<int>(held.size());
  }
  wake_.notify_all();
  return released;
}

bool Dispatcher::wait_idle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && !sending_; });
}

std::vector<DeliveryRecord> Dispatcher::records() const {
  std::lock_guard lock(mutex_);
  return records_;
}

void Dispatcher::reset() {
  std::lock_guard lock(mutex_);
  queue_.clear();
  records_.clear();
  drop_count_ = 0;
  hold_ = false;
}

nlohmann::json Dispatcher::settings_json() const {
  std::lock_guard lock(mutex_);
  return nlohmann::json{{"dropNext", drop_count_}, {"hold", hold_}, {"timeoutMs", timeout_.count()}};
}

void Dispatcher::run() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const int id = queue_.front();
    queue_.pop_front();
    sending_ = true;
    lock.unlock();
    send(id);
    lock.lock();
    sending_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

void Dispatcher::send(int id) {
  DeliveryJob job;
  {
    std::lock_guard lock(mutex_);
    const auto it = std::find_if(records_.begin(), records_.end(), [&](const DeliveryRecord& r) { return r.id == id; });
    if (it == records_.end()) return;  // cleared by a reset meanwhile
    it->state = "sending";
    job = it->job;
  }
  // Sent once: Cal.com's default path logs failures and never retries.
  const HttpResult result = post(job, timeout_);
  std::lock_guard lock(mutex_);
  const auto it = std::find_if(records_.begin(), records_.end(), [&](const DeliveryRecord& r) { return r.id == id; });
  if (it == records_.end()) return;
  it->http_status = result.status;
  it->error = result.error;
  it->state = result.status >= 200 && result.status < 300 ? "delivered" : "failed";
}

}  // namespace poblysh::calcom_sim
