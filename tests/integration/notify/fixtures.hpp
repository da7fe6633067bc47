// tests/notify: shared test data — a controllable clock and a typical interview notice.
#pragma once

#include <atomic>

#include "core/clock.hpp"
#include "core/time.hpp"
#include "notify/notice.hpp"

namespace poblysh::notify::testing {

// Wall time the test sets; steady time follows it, so backoff is tested without sleeping.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(SystemTime start) : now_ms_(to_unix_ms(start)) {}
  SystemTime now() const override { return from_unix_ms(now_ms_.load()); }
  std::chrono::steady_clock::time_point steady_now() const override {
    return std::chrono::steady_clock::time_point(std::chrono::milliseconds(now_ms_.load()));
  }
  void advance(std::chrono::milliseconds by) { now_ms_ += by.count(); }

 private:
  std::atomic<std::int64_t> now_ms_;
};

inline InterviewNotice sample_notice(const std::string& recipient_email = "ana@acme.example") {
  InterviewNotice notice;
  notice.kind = NoticeKind::rescheduled;
  notice.interview_title = "Intro with Acme — Zürich team";
  notice.startup_name = "Acme";
  notice.start = *parse_iso8601("2026-03-29T08:00:00Z");
  notice.end = *parse_iso8601("2026-03-29T09:00:00Z");
  notice.meeting_time_zone = "Europe/Berlin";
  notice.recipient = {"Ana Founder", recipient_email};
  notice.recipient_time_zone = "America/New_York";
  notice.meeting_url = "https://cal.example/video/abc";
  notice.meeting_provider = "Cal Video";
  notice.organizer = {"Olivia", "olivia@poblysh.example"};
  notice.attendees = {{"Olivia", "olivia@poblysh.example"}, {"Ana Founder", recipient_email}};
  notice.ical_uid = "interview-7@poblysh.example";
  notice.sequence = 2;
  notice.interview_url = "https://interviews.poblysh.example/interviews/7";
  return notice;
}

}  // namespace poblysh::notify::testing
