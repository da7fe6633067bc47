// notify: the background sender that drains the email outbox through a Mailer.
#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/polling_thread.hpp"
#include "notify/backoff.hpp"
#include "notify/mailer.hpp"
#include "store/database.hpp"
#include "store/outbox_repo.hpp"

namespace poblysh::notify {

struct OutboxWorkerOptions {
  std::chrono::milliseconds poll_interval{std::chrono::seconds(5)};
  store::ClaimOptions claim;  // batch size, lease (keep at least twice the SMTP total timeout), max attempts
  RetryPolicy retry;
};

struct PassOutcome {
  int sent = 0;
  int retrying = 0;
  int dead = 0;
  int lost = 0;  // the lease expired (another worker took the message over) or too little was left to send
  std::optional<SystemTime> next_due_at;  // the earliest retry or lease expiry after this pass
};

// Delivery is at least once: a worker that dies after the SMTP server accepted a message but
// before recording it will send it again when the lease expires. Duplicates need a crash in
// that window; losing a notice would need nothing at all, so this is the side we err on.
class OutboxWorker {
 public:
  OutboxWorker(store::Database& db, store::OutboxRepo& outbox, Mailer& mailer, const Clock& clock,
               OutboxWorkerOptions options, std::shared_ptr<spdlog::logger> log);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  void start();
  // Finishes the message being sent (bounded by the SMTP timeout), then returns.
  void stop();
  // Polls now instead of at the next interval; call after committing an enqueue.
  void wake();

  // One pass: claim due messages, send each, record the outcomes. The thread runs this in a
  // loop; tests call it directly with a fake clock. Passes never overlap.
  Result<PassOutcome> run_once();

 private:
  std::chrono::milliseconds pass();
  Status record(const store::ClaimedMessage& message, const Status& sent, PassOutcome& outcome);

  store::Database& db_;
  store::OutboxRepo& outbox_;
  Mailer& mailer_;
  const Clock& clock_;
  OutboxWorkerOptions options_;
  std::shared_ptr<spdlog::logger> log_;

  std::mutex pass_mutex_;  // serialises run_once; also guards retries_
  RetrySchedule retries_;

  PollingThread thread_;  // the last member: joined before the ones its passes use go
};

}  // namespace poblysh::notify
