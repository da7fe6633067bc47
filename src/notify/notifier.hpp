// notify: turns an interview notice into a queued email, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notify/mime.hpp"
#include "notify/notice.hpp"
#include "notify/notice_json.hpp"
#include "store/outbox_repo.hpp"

namespace poblysh::notify {

struct NotifierOptions {
  Mailbox from;  // the From header, e.g. parsed from config smtp_from
  // Without an SMTP relay (config smtp_url empty, the `make run` default) messages are queued
  // as `held`: listed for admins, never sent, no worker needed. We chose this over a mailer
  // that drops mail so nothing is lost silently and an admin can resend a held message once a
  // relay is configured.
  bool hold = false;
};

// Which outbox row a message is: what makes a resent or re-claimed message the same message.
struct MessageOrigin {
  std::int64_t outbox_id = 0;
  std::string_view dedupe_key;
  SystemTime created_at;  // the Date header and the invitation's DTSTAMP
};

// "<outbox id>.<hash of the dedupe key>@<sender's domain>": the same for every attempt at one
// row, so a message sent again after a lost lease is recognised as a duplicate by mail clients.
std::string message_id_for(const MessageOrigin& origin, const Mailbox& from);

// The full MIME text of a queued notice, ready for SMTP DATA. Pure: the same row gives the same
// bytes on every attempt.
Result<std::string> compose_email(const QueuedNotice& queued, const MessageOrigin& origin);

class Notifier {
 public:
  Notifier(store::OutboxRepo& outbox, const Clock& clock, NotifierOptions options);

  // Checks the notice and queues it for its recipient on `db`, which must be the caller's
  // transaction so the email exists exactly when the change it announces does. The row holds
  // the notice (compact JSON) and its subject; the outbox worker composes the MIME when it
  // sends, outside any write transaction. The same (delivery_key, recipient) is queued once:
  // a second call returns created = false. Call OutboxWorker::wake() after the commit to send
  // promptly.
  Result<store::EnqueueResult> enqueue(store::Connection& db, const InterviewNotice& notice,
                                       std::optional<std::int64_t> interview_id, std::string_view delivery_key);

  // enqueue() for each of `recipients` (notice.recipient is not used), with what their rows
  // share (the checks, subject and JSON) done once. Returns how many rows were new.
  Result<int> enqueue_each(store::Connection& db, InterviewNotice notice, const std::vector<NoticePerson>& recipients,
                           std::optional<std::int64_t> interview_id, std::string_view delivery_key);

  // The MIME text of a notice as if queued now, for previews and tests.
  Result<std::string> compose(const InterviewNotice& notice);

 private:
  Result<store::EnqueueResult> enqueue_row(store::Connection& db, const InterviewNotice& notice, std::string subject,
                                           std::string json, std::optional<std::int64_t> interview_id,
                                           std::string_view delivery_key);

  store::OutboxRepo& outbox_;
  const Clock& clock_;
  NotifierOptions options_;
};

}  // namespace poblysh::notify
