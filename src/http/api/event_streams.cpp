#include "http/api/event_streams.hpp"

#include <string>
#include <utility>

#include "http/api/json_io.hpp"

namespace poblysh::http::api {

EventStreams::EventStreams(interviews::ChangeFeed& feed, EventStreamOptions options) : feed_(feed), options_(options) {
  subscription_ = feed_.subscribe([this](const std::vector<interviews::InterviewChange>& changes) {
    std::string text;
    for (const auto& change : changes) text += message(change);
    send_all(text);
  });
}

EventStreams::~EventStreams() {
  feed_.unsubscribe(subscription_);
  stop();
}

void EventStreams::start() {
  keep_alive_.start([this] {
    send_all(": keep-alive\n\n");
    return options_.keep_alive;
  });
}

void EventStreams::stop() {
  keep_alive_.stop();
  std::map<std::uint64_t, Open> open;
  {
    std::lock_guard lock(mutex_);
    open.swap(open_);
    per_user_.clear();
    total_ = 0;
  }
  for (auto& [id, stream] : open) stream.sink->close();
}

std::string EventStreams::message(const interviews::InterviewChange& change) {
  const json data{{"id", change.interview_id}, {"version", change.version}, {"status", change.status}};
  return "event: interview\ndata: " + data.dump() + "\n\n";
}

StreamStart EventStreams::open(Request& request, const Caller& caller) {
  Response head{200, {}, {}, {}};
  head.set_header("Content-Type", "text/event-stream; charset=utf-8");
  head.set_header("Cache-Control", "no-store");
  head.set_header("X-Accel-Buffering", "no");                        // a proxy (nginx) passes each event on at once
  if (request.method == Method::head) return {std::move(head), {}};  // opens nothing, holds no slot
  const std::int64_t user_id = caller.user().id;
  {
    std::lock_guard lock(mutex_);
    auto& mine = per_user_[user_id];
    if (mine >= options_.per_user || total_ >= options_.overall) {
      if (mine == 0) per_user_.erase(user_id);
      Error busy{ErrorCode::rate_limited,
                 "Too many live connections are open; close a tab or wait a moment.",
                 {},
                 {},
                 std::chrono::duration_cast<std::chrono::seconds>(options_.keep_alive).count() + 1};
      return {error_response(busy, request), {}};
    }
    ++mine;  // held from now: two requests at once cannot both take the last slot
    ++total_;
  }
  return {std::move(head), [this, user_id](std::shared_ptr<StreamSink> sink) { opened(user_id, std::move(sink)); }};
}

void EventStreams::opened(std::int64_t user_id, std::shared_ptr<StreamSink> sink) {
  std::lock_guard lock(mutex_);
  if (!sink) return release(user_id);
  // The browser waits this long before reconnecting; the first line also shows the stream is live.
  if (!sink->write("retry: 3000\n: open\n\n")) return release(user_id);
  open_.emplace(next_id_++, Open{user_id, std::move(sink)});
}

void EventStreams::release(std::int64_t user_id) {
  auto found = per_user_.find(user_id);
  if (found != per_user_.end() && --found->second == 0) per_user_.erase(found);
  if (total_ > 0) --total_;
}

void EventStreams::send_all(const std::string& text) {
  std::lock_guard lock(mutex_);
  for (auto it = open_.begin(); it != open_.end();) {
    if (it->second.sink->write(text)) {
      ++it;
      continue;
    }
    it->second.sink->close();
    release(it->second.user_id);
    it = open_.erase(it);
  }
}

}  // namespace poblysh::http::api
