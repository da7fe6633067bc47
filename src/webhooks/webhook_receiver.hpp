// webhooks: receiving a Cal.com delivery — verify, record, apply, all before answering.
#pragma once

#include <spdlog/logger.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhooks/event_applier.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::webhooks {

struct Receipt {
  std::int64_t delivery_id = 0;
  store::DeliveryOutcome outcome = store::DeliveryOutcome::ignored;
  std::optional<std::int64_t> interview_id;
  std::string detail;
  std::string trigger;      // the event's, for the log
  std::string booking_uid;  // the event's, for the log
};

// A receipt as members of a JSON log line (`,"trigger":…,"outcome":…`): booking uids and
// outcomes only, as bodies carry names and email addresses. A webhook's receipt goes on its
// request's access line (one line per delivery); those of sync and re-apply get a line of
// their own (log_receipt).
std::string log_fields(const Receipt& receipt);
// That line, for a receipt no request's access line tells (`source`: "sync", "reapply").
void log_receipt(spdlog::logger& log, const char* source, const Receipt& receipt);

struct ReceiverOptions {
  std::string secret;  // the webhook secret; empty: deliveries are refused (never accepted unsigned)
  // Called after a commit that may have queued email (wakes the outbox worker).
  std::function<void()> after_commit;
  // Find a delivery's interview and people in a read before its write transaction, leaving the
  // write a version check: pays where writes run one at a time (SQLite's one writer); where
  // they run side by side (PostgreSQL) the read would only add round trips.
  bool match_before_writing = false;
};

class WebhookReceiver {
 public:
  WebhookReceiver(store::Database& db, store::WebhookDeliveryRepo& deliveries, EventApplier& applier,
                  const Clock& clock, ReceiverOptions options, std::shared_ptr<spdlog::logger> log);

  // Runs a task on a thread of the caller's (an HTTP server's), not the database's writer.
  using Resume = std::function<void(std::function<void()>)>;
  using ReceiptCallback = std::function<void(Result<Receipt>)>;

  // The signature checked on the raw bytes before anything is parsed: a wrong or missing one
  // is unauthenticated and leaves no trace but a log line; no secret configured refuses every
  // delivery (never accepted unsigned).
  Status authenticate(std::string_view body, std::optional<std::string_view> signature) const;

  // Takes a delivery whose signature `authenticate` accepted. A body that cannot be used is
  // recorded as rejected (invalid_input). Everything else is recorded with its outcome and
  // applied in one transaction, so a delivery is either fully taken or not at all. Nothing
  // waits for that transaction: `done` gets the receipt once it has committed (or the error),
  // through `resume`; it may be called before this returns.
  void receive(std::string_view body, Resume resume, ReceiptCallback done);

  // Records and applies an event the reconciler derived from the bookings API. One that was
  // recorded before (same key) is not recorded again.
  Result<Receipt> apply_synced(const CalcomEvent& event);

 private:
  // One delivery on its way through a transaction.
  struct Recording {
    CalcomEvent event;
    std::optional<EventApplier::Match> read_before;  // the event's interview, read before the transaction
    store::NewDelivery row;                          // its dedupe key and source are the delivery's
    bool recorded_meanwhile = false;
    Result<Receipt> receipt = Receipt{};
  };
  Recording prepare(const CalcomEvent& event, std::string body, std::string key, store::DeliverySource source) const;
  // The transaction's work: records the delivery and applies it (or records a repeat).
  Status record(store::Connection& db, Recording& recording);
  // After the transaction (on a thread that may wait for another): runs it once more when
  // another instance recorded the delivery meanwhile, keeps a failed delivery for admins, logs,
  // wakes the outbox.
  Result<Receipt> finish(Recording& recording, Status committed);
  Result<Receipt> record_and_apply(const CalcomEvent& event, std::string body, std::string key,
                                   store::DeliverySource source);
  void record_rejected(std::string_view body, const Error& error);

  store::Database& db_;
  store::WebhookDeliveryRepo& deliveries_;
  EventApplier& applier_;
  const Clock& clock_;
  ReceiverOptions options_;
  SignatureCheck signature_;  // keyed with options_.secret
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace poblysh::webhooks
