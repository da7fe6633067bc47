// store: the email outbox — messages queued with the change they announce, and their delivery.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace poblysh::store {

// pending → sending → sent; sending → pending (retry) or dead (attempts spent, or refused for
// good); held = kept for admins because no SMTP relay is configured. dead/held → pending on resend.
enum class OutboxStatus { pending, sending, sent, dead, held };
inline constexpr OutboxStatus kOutboxStatuses[] = {OutboxStatus::pending, OutboxStatus::sending, OutboxStatus::sent,
                                                   OutboxStatus::dead, OutboxStatus::held};
// Names as stored and as the API shows them (state_names.cpp).
const char* outbox_status_name(OutboxStatus status);
std::optional<OutboxStatus> parse_outbox_status(std::string_view name);

struct NewOutboxMessage {
  std::optional<std::int64_t> interview_id;
  std::string kind;       // e.g. "rescheduled"
  std::string recipient;  // one envelope recipient per row
  std::string subject;    // for the admin list; the email itself is composed when sent
  std::string notice;     // what to compose (notify's compact JSON); the worker renders it
  std::string dedupe_key; // e.g. "<delivery-key>:<recipient>": the same notice is queued once
  bool held = false;
};

// A row as admins see it (without the body, which can be large).
struct OutboxEntry {
  std::int64_t id = 0;
  std::optional<std::int64_t> interview_id;
  std::string kind;
  std::string recipient;
  std::string subject;
  OutboxStatus status = OutboxStatus::pending;
  int attempts = 0;
  SystemTime next_attempt_at;
  std::string last_error;
  SystemTime created_at;
  std::optional<SystemTime> sent_at;
  std::string dedupe_key;
};

// What a worker needs to send one message; `attempts` identifies its lease.
struct ClaimedMessage {
  std::int64_t id = 0;
  int attempts = 0;
  std::string recipient;
  std::string body;                   // the composed MIME of a row queued before notices were stored
  std::optional<std::string> notice;  // else what to compose, with the fields below
  std::string dedupe_key;
  SystemTime created_at;
};

struct EnqueueResult {
  std::int64_t id = 0;
  bool created = false;  // false: this dedupe_key was already queued; nothing changed
};

struct OutboxFilter {
  std::optional<OutboxStatus> status;
  std::optional<std::int64_t> interview_id;
};

struct ClaimOptions {
  std::chrono::milliseconds lease{std::chrono::minutes(5)};  // longer than one SMTP send may take
  int limit = 10;
  int max_attempts = 8;
};

class OutboxRepo {
 public:
  // Call inside the transaction of the state change the message announces.
  Result<EnqueueResult> enqueue(Connection& db, const NewOutboxMessage& message, SystemTime now);

  // Leases due messages (pending and due, or sending with an expired lease: a worker crashed)
  // and counts the attempt. Expired leases whose attempts are spent become dead instead.
  // Run it in a transaction.
  Result<std::vector<ClaimedMessage>> claim_due(Connection& db, SystemTime now, const ClaimOptions& options);

  // Both return false when the lease was lost (expired and taken by another worker): the
  // outcome then belongs to that worker. `attempts` is the value claim_due returned.
  Result<bool> mark_sent(Connection& db, std::int64_t id, int attempts, SystemTime now);
  // retry_at empty: dead, no more attempts.
  Result<bool> mark_failed(Connection& db, std::int64_t id, int attempts, std::string_view error,
                           std::optional<SystemTime> retry_at, SystemTime now);

  // When the earliest pending retry or sending lease falls due; nullopt when nothing is waiting.
  // The worker sleeps until then (or its poll interval) instead of polling blindly.
  Result<std::optional<SystemTime>> next_due_at(Connection& db);

  // Newest first; resume with PageRequest::after_id = the last id seen.
  Result<Page<OutboxEntry>> list(Connection& db, const OutboxFilter& filter, const PageRequest& page);
  Result<std::optional<OutboxEntry>> find(Connection& db, std::int64_t id);
  Result<std::map<OutboxStatus, std::int64_t>> count_by_status(Connection& db);
  // dead or held → pending with fresh attempts; anything else is a conflict.
  Result<OutboxEntry> resend(Connection& db, std::int64_t id, SystemTime now);
};

}  // namespace poblysh::store
