// interviews: the emails that announce a change to an interview, queued in its transaction.
#pragma once

#include <optional>
#include <string>

#include "interviews/interview_view.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace poblysh::interviews {

// Who hears about a change: the Poblysh team only, or everyone invited (team, contact, guests).
enum class Audience { team, everyone };

struct NoticeOptions {
  std::string public_url;  // links to our interview page; empty: no link
  // The right-hand side of our calendar UIDs ("interview-7@<domain>"). Our own UID rather than
  // Cal.com's iCalUID: the first invitation goes out when the booking is made, before any
  // webhook could tell us Cal.com's, and a calendar only updates an event whose UID never changes.
  std::string uid_domain = "poblysh.local";
};

struct PreviousTime {
  SystemTime start;
  SystemTime end;
};

class InterviewNotices {
 public:
  InterviewNotices(notify::Notifier& notifier, NoticeOptions options)
      : notifier_(notifier), options_(std::move(options)) {}

  // Queues one `kind` email per recipient on `db` (the caller's transaction). `change_key`
  // names the change, not the request: the same change is announced once however often it is
  // applied (duplicate webhooks, a re-apply, a sync after the webhook). Recipients with an
  // address we cannot send to are skipped (logged by the caller through the returned count)
  // so a bad address never blocks the state change. Returns how many emails were newly queued.
  Result<int> announce(store::Connection& db, const InterviewView& view, notify::NoticeKind kind, Audience audience,
                       const std::string& change_key, std::optional<PreviousTime> previous = std::nullopt);

  std::string calendar_uid(std::int64_t interview_id) const;

 private:
  notify::Notifier& notifier_;
  NoticeOptions options_;
};

}  // namespace poblysh::interviews
