// interviews: tells listeners which interviews changed, as the store shows them to every
// instance: the pages that are open update without reloading (Server-Sent Events, http/).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/polling_thread.hpp"
#include "store/database.hpp"

namespace poblysh::interviews {

// One interview as it stands after a change: enough for a page to know it should read again.
struct InterviewChange {
  std::int64_t interview_id = 0;
  std::int64_t version = 0;  // its row_version
  std::string status;
};

struct ChangeFeedOptions {
  std::chrono::milliseconds poll_interval{250};
  // PostgreSQL hands out history ids when a row is inserted, not when it commits: a transaction
  // holding a lower id may commit after a higher one was read. Ids this far back are read again
  // (and their changes sent once); SQLite commits in id order, where this costs one index range.
  std::int64_t look_back = 64;
  std::size_t batch = 500;
};

// Every change of an interview adds a line to its history (interview_events) in the
// transaction that makes it, whether a step of the wizard, a webhook, the sync or a job. So the
// feed follows that table's ids, the same way on SQLite and PostgreSQL and across instances,
// since all of them read the one database. With a ChangeCounter (SQLite) a pass that sees no
// commit reads nothing.
class ChangeFeed {
 public:
  using Listener = std::function<void(const std::vector<InterviewChange>&)>;

  ChangeFeed(store::Database& db, store::ChangeCounter* changes, ChangeFeedOptions options = {});
  ~ChangeFeed() { stop(); }
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Listeners are called on the feed's thread, with the changes of one pass; they must be quick.
  std::uint64_t subscribe(Listener listener);
  void unsubscribe(std::uint64_t id);

  void start();
  void stop();

  // One pass: reads what changed since the last and calls the listeners. For tests and start().
  Status poll_once();

 private:
  Result<std::vector<InterviewChange>> read_changes();

  store::Database& db_;
  store::ChangeCounter* changes_;
  ChangeFeedOptions options_;

  // The feed's thread alone, after start()
  std::optional<std::uint64_t> counter_seen_;
  std::int64_t cursor_ = -1;            // the highest history id read; -1: not read yet
  std::int64_t floor_ = 0;              // history before the feed started: not news
  std::set<std::int64_t> seen_recent_;  // ids in (cursor_ - look_back, cursor_] already sent

  std::mutex mutex_;  // guards listeners_
  std::map<std::uint64_t, Listener> listeners_;
  std::uint64_t next_id_ = 1;
  PollingThread thread_;
};

}  // namespace poblysh::interviews
