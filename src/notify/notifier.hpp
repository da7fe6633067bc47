// notify: turns an interview notice into a queued email, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notify/mime.hpp"
#include "notify/notice.hpp"
#include "store/outbox_repo.hpp"

namespace poblysh::notify {

struct NotifierOptions {
  Mailbox from;  // the From header, e.g. parsed from config smtp_from
  // Without an SMTP relay (config smtp_url empty, the `make run` default) messages are queued
  // as `held`: fully composed and listed for admins, never sent, no worker needed. We chose
  // this over a mailer that drops mail so nothing is lost silently and an admin can resend a
  // held message once a relay is configured.
  bool hold = false;
};

class Notifier {
 public:
  Notifier(store::OutboxRepo& outbox, const Clock& clock, NotifierOptions options);

  // Renders the notice for its recipient and queues it on `db`, which must be the caller's
  // transaction so the email exists exactly when the change it announces does. The same
  // (delivery_key, recipient) is queued once: a second call returns created = false. Call
  // OutboxWorker::wake() after the commit to send promptly.
  Result<store::EnqueueResult> enqueue(store::Connection& db, const InterviewNotice& notice,
                                       std::optional<std::int64_t> interview_id, std::string_view delivery_key);

  // The MIME text enqueue would store, for previews and tests.
  Result<std::string> compose(const InterviewNotice& notice);

 private:
  Result<std::string> build(const InterviewNotice& notice, const RenderedNotice& rendered, SystemTime now);
  std::string next_message_id();

  store::OutboxRepo& outbox_;
  const Clock& clock_;
  NotifierOptions options_;
  std::mutex random_mutex_;  // enqueue runs on request threads
  std::mt19937_64 random_;
};

}  // namespace poblysh::notify
