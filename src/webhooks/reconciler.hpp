// webhooks: reconciliation — Cal.com sends each webhook once, so we regularly ask the bookings
// API what changed and apply what a lost delivery would have brought, through the same path.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <spdlog/logger.h>

#include "calcom/integration.hpp"
#include "store/interview_repo.hpp"
#include "webhooks/webhook_receiver.hpp"

namespace poblysh::webhooks {

struct ReconcilerOptions {
  // The first run looks this far back; later runs start at the cursor minus `overlap`, which
  // covers bookings whose updatedAt was written while the previous run was reading.
  std::chrono::hours first_lookback{24 * 30};
  std::chrono::minutes overlap{2};
  int max_pages = 50;     // 100 bookings each; the rest waits for the next run
  int max_hops = 10;      // reschedules followed from one booking to the next
};

struct SyncReport {
  int bookings_seen = 0;
  int interviews_checked = 0;
  int applied = 0;
  int unchanged = 0;  // already as Cal.com has it, or a duplicate or stale event: nothing was missing
  int failed = 0;     // Cal.com or the database said no; the next run tries again
};

class Reconciler {
 public:
  Reconciler(store::Database& db, store::InterviewRepo& interviews, store::WebhookDeliveryRepo& deliveries,
             WebhookReceiver& receiver, calcom::Integration& calcom, const Clock& clock,
             ReconcilerOptions options, std::shared_ptr<spdlog::logger> log);

  // One pass. Fails only when Cal.com cannot be listed; per-interview failures are counted.
  Result<SyncReport> run_once();

 private:
  Status reconcile(calcom::Client& client, std::int64_t interview_id, SyncReport& report);
  void count(const Result<Receipt>& receipt, SyncReport& report);

  store::Database& db_;
  store::InterviewRepo& interviews_;
  store::WebhookDeliveryRepo& deliveries_;
  WebhookReceiver& receiver_;
  calcom::Integration& calcom_;
  const Clock& clock_;
  ReconcilerOptions options_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex run_mutex_;  // the periodic job and an admin's run never overlap
};

// Runs the reconciler every `interval` on its own thread until stopped.
class SyncJob {
 public:
  SyncJob(Reconciler& reconciler, std::chrono::seconds interval, std::shared_ptr<spdlog::logger> log);
  ~SyncJob();
  SyncJob(const SyncJob&) = delete;
  SyncJob& operator=(const SyncJob&) = delete;
  void start();
  void stop();

 private:
  Reconciler& reconciler_;
  std::chrono::seconds interval_;
  std::shared_ptr<spdlog::logger> log_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace poblysh::webhooks
