#include "notify/notice_json.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "iso_time.hpp"
#include "mime_reader.hpp"
#include "notify/notifier.hpp"
#include "sample_notice.hpp"

namespace poblysh::notify {
namespace {

using testing::find_part;
using testing::parse_mime;

using poblysh::testing::at;

// Every field set: the sample notice with a previous time, a cancellation reason, an attendee
// without a name, a start with milliseconds and a title that needs escaping.
QueuedNotice full() {
  QueuedNotice queued{testing::kSender, testing::sample_notice()};
  InterviewNotice& notice = queued.notice;
  notice.interview_title = "Intro with Acme \u2014 \"Z\u00fcrich\" <team>";
  notice.start += std::chrono::milliseconds(250);
  notice.previous_start = at("2026-03-28T09:00:00Z");
  notice.previous_end = at("2026-03-28T10:00:00Z");
  notice.attendees[1].name.clear();
  notice.sequence = 3;
  notice.cancellation_reason = "line one\nline two";
  return queued;
}

void expect_same(const QueuedNotice& a, const QueuedNotice& b) {
  EXPECT_EQ(a.from.name, b.from.name);
  EXPECT_EQ(a.from.address, b.from.address);
  const InterviewNotice& x = a.notice;
  const InterviewNotice& y = b.notice;
  EXPECT_EQ(x.kind, y.kind);
  EXPECT_EQ(x.interview_title, y.interview_title);
  EXPECT_EQ(x.startup_name, y.startup_name);
  EXPECT_EQ(x.start, y.start);
  EXPECT_EQ(x.end, y.end);
  EXPECT_EQ(x.previous_start, y.previous_start);
  EXPECT_EQ(x.previous_end, y.previous_end);
  EXPECT_EQ(x.meeting_time_zone, y.meeting_time_zone);
  EXPECT_EQ(x.recipient.name, y.recipient.name);
  EXPECT_EQ(x.recipient.email, y.recipient.email);
  EXPECT_EQ(x.recipient_time_zone, y.recipient_time_zone);
  EXPECT_EQ(x.meeting_url, y.meeting_url);
  EXPECT_EQ(x.meeting_provider, y.meeting_provider);
  EXPECT_EQ(x.organizer.name, y.organizer.name);
  EXPECT_EQ(x.organizer.email, y.organizer.email);
  ASSERT_EQ(x.attendees.size(), y.attendees.size());
  for (std::size_t i = 0; i < x.attendees.size(); ++i) {
    EXPECT_EQ(x.attendees[i].name, y.attendees[i].name);
    EXPECT_EQ(x.attendees[i].email, y.attendees[i].email);
  }
  EXPECT_EQ(x.ical_uid, y.ical_uid);
  EXPECT_EQ(x.sequence, y.sequence);
  EXPECT_EQ(x.cancellation_reason, y.cancellation_reason);
  EXPECT_EQ(x.interview_url, y.interview_url);
}

TEST(NoticeJson, RoundTripsEveryField) {
  const QueuedNotice original = full();
  auto back = notice_from_json(notice_to_json(original));
  ASSERT_TRUE(back) << back.error().internal;
  expect_same(original, *back);
}

TEST(NoticeJson, RoundTripsAbsentOptionalsAndEveryKind) {
  for (auto kind : {NoticeKind::created, NoticeKind::confirmed, NoticeKind::rescheduled, NoticeKind::cancelled,
                    NoticeKind::reschedule_requested, NoticeKind::added, NoticeKind::removed}) {
    QueuedNotice original = full();
    original.notice.kind = kind;
    original.notice.previous_start.reset();
    original.notice.previous_end.reset();
    original.notice.recipient_time_zone.reset();
    original.notice.attendees.clear();
    auto back = notice_from_json(notice_to_json(original));
    ASSERT_TRUE(back) << back.error().internal;
    expect_same(original, *back);
  }
}

TEST(NoticeJson, OneNoticeForSeveralRecipientsDiffersOnlyInTheRecipient) {
  QueuedNotice original = full();
  original.notice.interview_title = "Bad UTF-8 \xff\xfe, a tab\t and a \\ backslash";
  const NoticeJson shared(original);
  for (const NoticePerson& person :
       {NoticePerson{"Ana \"A\" Founder", "ana@acme.example"}, NoticePerson{"Bruno", "bruno@poblysh.example"}}) {
    for (const auto& zone : {std::optional<std::string>{}, std::optional<std::string>{"Asia/Tokyo"}}) {
      auto back = notice_from_json(shared.for_recipient(person, zone));
      ASSERT_TRUE(back) << back.error().internal;
      QueuedNotice expected = original;
      expected.notice.recipient = person;
      expected.notice.recipient_time_zone = zone;
      // Invalid UTF-8 is replaced, as nlohmann's dump with error_handler_t::replace does.
      expected.notice.interview_title = "Bad UTF-8 \ufffd\ufffd, a tab\t and a \\ backslash";
      expect_same(expected, *back);
    }
  }
}

TEST(NoticeJson, RejectsWhatItDidNotWrite) {
  const std::string good = notice_to_json(full());
  for (const std::string& bad :
       {std::string(""), std::string("[]"), std::string("{\"v\":1}"), good.substr(0, good.size() / 2),
        [&] {  // no version
          std::string text = good;
          text.replace(text.find("\"v\":1"), 5, "\"w\":1");
          return text;
        }(),
        [&] {
          std::string text = good;
          text.replace(text.find("\"rescheduled\""), 13, "\"postponed\"");
          return text;
        }(),
        [&] {
          std::string text = good;
          text.replace(text.find("\"seq\":3"), 7, "\"seq\":\"3\"");
          return text;
        }()}) {
    auto parsed = notice_from_json(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::invalid_input);
  }
}

TEST(NoticeJson, ComposedFromTheRowTheSameBytesEveryTime) {
  const QueuedNotice queued = full();
  const MessageOrigin origin{42, "booking-1:rescheduled:ana@acme.example", at("2026-03-01T10:00:00Z")};
  auto first = compose_email(queued, origin);
  ASSERT_TRUE(first) << first.error().message;
  auto again = compose_email(*notice_from_json(notice_to_json(queued)), origin);
  ASSERT_TRUE(again);
  EXPECT_EQ(*first, *again);

  const auto message = parse_mime(*first);
  const std::string id = message.header("message-id");
  EXPECT_TRUE(id.starts_with("<42.")) << id;
  EXPECT_TRUE(id.ends_with("@poblysh.example>")) << id;
  EXPECT_EQ(message.header("date"), "Sun, 01 Mar 2026 10:00:00 +0000");
  const auto* calendar = find_part(message, "text/calendar");
  ASSERT_NE(calendar, nullptr);
  EXPECT_NE(calendar->body.find("DTSTAMP:20260301T100000Z"), std::string::npos) << calendar->body;

  // Another row (or another dedupe key) is another message.
  EXPECT_NE(message_id_for({43, origin.dedupe_key, origin.created_at}, queued.from), id.substr(1, id.size() - 2));
  EXPECT_NE(message_id_for({42, "booking-1:cancelled:ana@acme.example", origin.created_at}, queued.from),
            id.substr(1, id.size() - 2));
}

TEST(NoticeJson, SubjectAndChecksMatchTheRendering) {
  const QueuedNotice queued = full();
  auto rendered = render_notice(queued.notice, at("2026-03-01T10:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_EQ(notice_subject(queued.notice), rendered->subject);
  EXPECT_TRUE(check_notice(queued.notice));
  InterviewNotice bad = queued.notice;
  bad.attendees.push_back({"Eve", "not an address"});
  EXPECT_EQ(check_notice(bad).error().code, ErrorCode::invalid_input);
  EXPECT_FALSE(render_notice(bad, at("2026-03-01T10:00:00Z")));
  bad = queued.notice;
  bad.ical_uid.clear();
  EXPECT_FALSE(check_notice(bad));
}

}  // namespace
}  // namespace poblysh::notify
