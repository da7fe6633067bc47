// notify: a queued notice as compact JSON — what the outbox row stores so the worker, not the
// writer's transaction, composes the email.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "notify/mime.hpp"
#include "notify/notice.hpp"

namespace poblysh::notify {

// Everything composing needs besides the row itself (id, dedupe key, created_at): the notice
// and the sender as they were at enqueue, so a later configuration change cannot alter an
// email whose change has already been announced.
struct QueuedNotice {
  Mailbox from;
  InterviewNotice notice;
};

// Times are Unix milliseconds (what the database keeps), so a round trip is exact.
std::string notice_to_json(const QueuedNotice& queued);

// The same JSON for each recipient of one notice: what they share is written once (a change
// queues a notice for 2–5 people inside the writer's transaction).
class NoticeJson {
 public:
  // `queued.notice.recipient` and its time zone are not used.
  explicit NoticeJson(const QueuedNotice& queued);
  std::string for_recipient(const NoticePerson& recipient, const std::optional<std::string>& time_zone) const;

 private:
  std::string shared_;  // an object's opening and every member but the recipient's
};
// Fails on anything notice_to_json would not have written (malformed, wrong types, unknown kind).
Result<QueuedNotice> notice_from_json(std::string_view text);

}  // namespace poblysh::notify
