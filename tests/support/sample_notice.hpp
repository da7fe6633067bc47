// Test support: a typical interview notice and its sender, for the tests of what email makes of it.
#pragma once

#include <string>

#include "core/time.hpp"
#include "notify/mime.hpp"
#include "notify/notice.hpp"

namespace poblysh::notify::testing {

// Who the tests' emails come from.
inline const Mailbox kSender{"Poblysh Interviews", "interviews@poblysh.example"};

// A rescheduled interview in Berlin told to a founder in New York, with a video link: every
// field the emails and the invitation show is set. Tests change what they look at.
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
