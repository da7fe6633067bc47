#include "interviews/change_feed.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace poblysh::interviews {

ChangeFeed::ChangeFeed(store::Database& db, store::ChangeCounter* changes, ChangeFeedOptions options)
    : db_(db), changes_(changes), options_(options) {}

std::uint64_t ChangeFeed::subscribe(Listener listener) {
  std::lock_guard lock(mutex_);
  const auto id = next_id_++;
  listeners_.emplace(id, std::move(listener));
  return id;
}

void ChangeFeed::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  listeners_.erase(id);
}

void ChangeFeed::start() {
  thread_.start([this] {
    (void)poll_once();  // a failed read is tried again on the next pass
    return options_.poll_interval;
  });
}

void ChangeFeed::stop() { thread_.stop(); }

Status ChangeFeed::poll_once() {
  // Read before the counter: a commit after this value is seen by the next pass.
  std::optional<std::uint64_t> counter;
  if (changes_ != nullptr) {
    counter = changes_->value();
    if (counter && counter_seen_ && *counter == *counter_seen_ && cursor_ >= 0) return {};
  }
  ASSIGN_OR_RETURN(auto changed, read_changes());
  counter_seen_ = counter;
  if (changed.empty()) return {};
  std::vector<Listener> listeners;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  for (const auto& listener : listeners) listener(changed);
  return {};
}

Result<std::vector<InterviewChange>> ChangeFeed::read_changes() {
  if (cursor_ < 0) {  // the first pass only finds where history ends: earlier changes are not news
    ASSIGN_OR_RETURN(auto row, store::read_with(db_, [](store::Connection& c) {
                       return c.query_one("SELECT COALESCE(MAX(id), 0) FROM interview_events");
                     }));
    cursor_ = row ? row->integer(0) : 0;
    floor_ = cursor_;
    return std::vector<InterviewChange>{};
  }
  const std::int64_t from = std::max<std::int64_t>(cursor_ - options_.look_back, 0);
  ASSIGN_OR_RETURN(auto rows, store::read_with(db_, [&](store::Connection& c) {
                     return c.query(
                         "SELECT e.id, e.interview_id, i.row_version, i.status FROM interview_events e "
                         "JOIN interviews i ON i.id = e.interview_id WHERE e.id > ? ORDER BY e.id LIMIT ?",
                         {from, static_cast<std::int64_t>(options_.batch)});
                   }));
  std::vector<InterviewChange> out;
  std::unordered_map<std::int64_t, std::size_t> position;  // one change per interview per pass
  for (const auto& row : rows) {
    const std::int64_t id = row.integer(0);
    if (id <= floor_ || !seen_recent_.insert(id).second) continue;
    cursor_ = std::max(cursor_, id);
    InterviewChange change{row.integer(1), row.integer(2), row.text(3)};
    if (auto found = position.find(change.interview_id); found != position.end()) {
      out[found->second] = std::move(change);
    } else {
      position.emplace(change.interview_id, out.size());
      out.push_back(std::move(change));
    }
  }
  seen_recent_.erase(seen_recent_.begin(), seen_recent_.lower_bound(cursor_ - options_.look_back + 1));
  return out;
}

}  // namespace poblysh::interviews
