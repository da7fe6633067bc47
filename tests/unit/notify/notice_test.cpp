#include "notify/notice.hpp"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include "core/time.hpp"
#include "core/zone_time.hpp"
#include "iso_time.hpp"
#include "notify/notice_render.hpp"
#include "parsed_ics.hpp"
#include "sample_notice.hpp"

namespace poblysh::notify {
namespace {

using poblysh::testing::at;

// The sample notice as first sent: a new interview, plainly titled.
InterviewNotice sample() {
  InterviewNotice notice = testing::sample_notice();
  notice.kind = NoticeKind::created;
  notice.interview_title = "Intro with Acme";
  notice.sequence = 0;
  return notice;
}

// The sample notice taking the interview off calendars (a cancellation, or the old time of one
// moving to a time not yet known): `kind` at `sequence`, saying why.
InterviewNotice calling_off(NoticeKind kind, int sequence, const std::string& reason) {
  InterviewNotice notice = sample();
  notice.kind = kind;
  notice.sequence = sequence;
  notice.cancellation_reason = reason;
  return notice;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The event of a notice's calendar: the sample interview's UID, with this method, status and SEQUENCE.
void expect_calendar(const std::string& ics, icalproperty_method method, icalproperty_status status, int sequence) {
  const poblysh::testing::ParsedIcs calendar(ics);
  ASSERT_TRUE(calendar.parsed());
  EXPECT_EQ(calendar.method(), method);
  icalcomponent* event = calendar.event();
  ASSERT_NE(event, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(event), "interview-7@poblysh.example");
  EXPECT_EQ(icalcomponent_get_status(event), status);
  EXPECT_EQ(icalcomponent_get_sequence(event), sequence);
}

TEST(ZoneTime, DaylightSavingChangeInBerlin) {
  // Clocks in Berlin jump from 02:00 CET to 03:00 CEST on 29 March 2026 (01:00 UTC).
  EXPECT_EQ(describe_range(at("2026-03-28T09:00:00Z"), at("2026-03-28T10:00:00Z"), "Europe/Berlin"),
            "Saturday 28 March 2026, 10:00\u201311:00 CET (Europe/Berlin)");
  EXPECT_EQ(describe_range(at("2026-03-29T08:00:00Z"), at("2026-03-29T09:00:00Z"), "Europe/Berlin"),
            "Sunday 29 March 2026, 10:00\u201311:00 CEST (Europe/Berlin)");
  EXPECT_EQ(describe_range(at("2026-03-29T00:30:00Z"), at("2026-03-29T01:30:00Z"), "Europe/Berlin"),
            "Sunday 29 March 2026, 01:30 CET\u201303:30 CEST (Europe/Berlin)");
  EXPECT_EQ(describe_range(at("2026-03-29T03:30:00Z"), at("2026-03-29T04:30:00Z"), "America/New_York"),
            "Saturday 28 March 2026, 23:30\u2013Sunday 29 March 2026, 00:30 EDT (America/New_York)");
  EXPECT_EQ(describe_short(at("2026-03-02T08:00:00Z"), "Europe/Berlin"), "Mon 2 Mar 2026 09:00 CET");
  EXPECT_EQ(describe_short(at("2026-12-10T13:05:00Z"), "Europe/Berlin"), "Thu 10 Dec 2026 14:05 CET");
  EXPECT_EQ(describe_short(at("2026-07-01T03:30:00Z"), "America/New_York"), "Tue 30 Jun 2026 23:30 EDT");
  EXPECT_EQ(describe_short(at("2026-03-29T01:00:00Z"), "Asia/Kolkata"), "Sun 29 Mar 2026 06:30 IST");
  EXPECT_FALSE(describe_short(at("2026-03-02T08:00:00Z"), "Mars/Olympus"));
  EXPECT_FALSE(describe_range(at("2026-03-29T08:00:00Z"), at("2026-03-29T09:00:00Z"), "Mars/Olympus"));
}

TEST(Notice, ShowsTheRecipientZoneAndTheMeetingZone) {
  auto rendered = render_notice(sample(), at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered) << rendered.error().message;
  EXPECT_EQ(rendered->subject, "Interview scheduled: Intro with Acme \u2013 Sun 29 Mar 2026 04:00 EDT");
  for (const std::string* body : {&rendered->text, &rendered->html}) {
    EXPECT_TRUE(contains(*body, "Sunday 29 March 2026, 04:00\u201305:00 EDT (America/New_York)")) << *body;
    EXPECT_TRUE(contains(*body, "Sunday 29 March 2026, 10:00\u201311:00 CEST (Europe/Berlin)")) << *body;
    EXPECT_TRUE(contains(*body, "https://cal.example/video/abc"));
    EXPECT_TRUE(contains(*body, "https://interviews.poblysh.example/interviews/7"));
  }
  EXPECT_TRUE(contains(rendered->html, "<a href=\"https://cal.example/video/abc\">Join the meeting</a>"));
  EXPECT_EQ(rendered->method, CalendarMethod::request);
}

TEST(Notice, TheDayBeforeTheChangeIsStillWinterTimeInBerlin) {
  InterviewNotice notice = sample();
  notice.start = at("2026-03-28T09:00:00Z");
  notice.end = at("2026-03-28T10:00:00Z");
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  // New York already moved to EDT on 8 March: the gap between the zones is 5 hours this day, 6 the next.
  EXPECT_TRUE(contains(rendered->text, "Saturday 28 March 2026, 05:00\u201306:00 EDT (America/New_York)"));
  EXPECT_TRUE(contains(rendered->text, "Saturday 28 March 2026, 10:00\u201311:00 CET (Europe/Berlin)"));
}

TEST(Notice, UnknownOrSameRecipientZoneShowsTheMeetingZoneOnce) {
  for (const char* zone : {"Nowhere/Special", "Europe/Berlin"}) {
    InterviewNotice notice = sample();
    notice.recipient_time_zone = zone;
    auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
    ASSERT_TRUE(rendered);
    EXPECT_TRUE(contains(rendered->text, "When: Sunday 29 March 2026, 10:00\u201311:00 CEST (Europe/Berlin)")) << zone;
    EXPECT_FALSE(contains(rendered->text, "your time")) << zone;
  }
}

TEST(Notice, HtmlEscapesEverythingAndLinksOnlyWebUrls) {
  InterviewNotice notice = sample();
  notice.interview_title = "<script>alert('x')</script> & \"Co\"";
  notice.startup_name = "Tom & Jerry <Ltd>";
  notice.meeting_url = "javascript:alert(1)";
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_FALSE(contains(rendered->html, "<script>"));
  EXPECT_TRUE(contains(rendered->html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
  EXPECT_TRUE(contains(rendered->html, "Tom &amp; Jerry &lt;Ltd&gt;"));
  EXPECT_FALSE(contains(rendered->html, "href=\"javascript"));
  EXPECT_TRUE(contains(rendered->text, "<script>alert('x')</script>"));  // plain text is not HTML
  EXPECT_FALSE(is_web_url("https://evil.example/a b"));
  EXPECT_TRUE(is_web_url("HTTPS://Meet.example/x"));
}

TEST(Notice, RescheduleKeepsTheUidAndShowsThePreviousTime) {
  InterviewNotice notice = sample();
  notice.kind = NoticeKind::rescheduled;
  notice.sequence = 2;
  notice.previous_start = at("2026-03-28T09:00:00Z");
  notice.previous_end = at("2026-03-28T10:00:00Z");
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_TRUE(rendered->subject.starts_with("Interview rescheduled: "));
  EXPECT_TRUE(contains(rendered->text, "Previously: Saturday 28 March 2026, 05:00\u201306:00 EDT"));
  expect_calendar(rendered->ics, ICAL_METHOD_REQUEST, ICAL_STATUS_CONFIRMED, 2);
}

TEST(Notice, CancellationSaysWhyAndCancelsTheEvent) {
  auto rendered =
      render_notice(calling_off(NoticeKind::cancelled, 3, "The founder is travelling"), at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_TRUE(rendered->subject.starts_with("Interview cancelled: "));
  EXPECT_TRUE(contains(rendered->text, "Reason: The founder is travelling"));
  EXPECT_FALSE(contains(rendered->text, "Join the meeting"));
  EXPECT_EQ(rendered->method, CalendarMethod::cancel);
  expect_calendar(rendered->ics, ICAL_METHOD_CANCEL, ICAL_STATUS_CANCELLED, 3);
}

// The host asked for a new time: the old one leaves calendars (a CANCEL, saying why), and the
// email says an invitation for the new time follows.
TEST(Notice, ANewTimeNeededCancelsTheOldTimeAndSaysWhy) {
  const InterviewNotice notice = calling_off(NoticeKind::reschedule_requested, 2, "I am at a conference that day");
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  EXPECT_TRUE(rendered->subject.starts_with("New time needed: ")) << rendered->subject;
  EXPECT_TRUE(contains(rendered->text, "Reason: I am at a conference that day"));
  EXPECT_TRUE(contains(rendered->text, "an invitation for the new time follows"));
  EXPECT_FALSE(contains(rendered->text, "Join the meeting"));
  EXPECT_EQ(rendered->method, CalendarMethod::cancel);
  EXPECT_STREQ(kind_name(notice.kind), "reschedule_requested");
  expect_calendar(rendered->ics, ICAL_METHOD_CANCEL, ICAL_STATUS_CANCELLED, 2);
}

// Someone added to a booked interview gets an invitation (REQUEST); someone taken off, a
// cancellation (CANCEL) of the same event at the SEQUENCE given.
TEST(Notice, AnAddedPersonIsInvitedAndARemovedOneGetsACancellation) {
  InterviewNotice added = sample();
  added.kind = NoticeKind::added;
  added.sequence = 4;
  auto invitation = render_notice(added, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(invitation);
  EXPECT_TRUE(invitation->subject.starts_with("Invitation: ")) << invitation->subject;
  EXPECT_TRUE(contains(invitation->text, "added you to"));
  EXPECT_EQ(invitation->method, CalendarMethod::request);
  EXPECT_STREQ(kind_name(added.kind), "added");

  InterviewNotice removed = sample();
  removed.kind = NoticeKind::removed;
  removed.sequence = 4;
  auto cancellation = render_notice(removed, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(cancellation);
  EXPECT_TRUE(cancellation->subject.starts_with("No longer invited: ")) << cancellation->subject;
  EXPECT_FALSE(contains(cancellation->text, "Join the meeting"));
  EXPECT_EQ(cancellation->method, CalendarMethod::cancel);
  EXPECT_STREQ(kind_name(removed.kind), "removed");
  icalcomponent* calendar = icalparser_parse_string(cancellation->ics.c_str());
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(icalcomponent_get_method(calendar), ICAL_METHOD_CANCEL);
  icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
  EXPECT_EQ(icalcomponent_get_sequence(event), 4);
  icalcomponent_free(calendar);
}

TEST(Notice, TheOrganizerIsChairAndOthersAreAskedToReply) {
  InterviewNotice notice = sample();
  notice.attendees[0].email = "Olivia@Poblysh.example";  // addresses compare case-insensitively
  auto rendered = render_notice(notice, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(rendered);
  const poblysh::testing::ParsedIcs calendar(rendered->ics);
  ASSERT_TRUE(calendar.parsed());
  icalcomponent* event = calendar.event();
  int chairs = 0;
  int asked = 0;
  for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY); p != nullptr;
       p = icalcomponent_get_next_property(event, ICAL_ATTENDEE_PROPERTY)) {
    const auto role = icalparameter_get_role(icalproperty_get_first_parameter(p, ICAL_ROLE_PARAMETER));
    const auto rsvp = icalparameter_get_rsvp(icalproperty_get_first_parameter(p, ICAL_RSVP_PARAMETER));
    chairs += role == ICAL_ROLE_CHAIR && rsvp == ICAL_RSVP_FALSE;
    asked += role == ICAL_ROLE_REQPARTICIPANT && rsvp == ICAL_RSVP_TRUE;
  }
  EXPECT_EQ(chairs, 1);
  EXPECT_EQ(asked, 1);
}

TEST(Notice, RejectsWhatCannotBeRendered) {
  InterviewNotice notice = sample();
  notice.meeting_time_zone = "Atlantis/Capital";
  EXPECT_EQ(render_notice(notice, at("2026-03-01T00:00:00Z")).error().code, ErrorCode::invalid_input);
  notice = sample();
  notice.end = notice.start;
  EXPECT_EQ(render_notice(notice, at("2026-03-01T00:00:00Z")).error().code, ErrorCode::invalid_input);
  notice = sample();
  notice.recipient.email = "nobody";
  EXPECT_EQ(render_notice(notice, at("2026-03-01T00:00:00Z")).error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace poblysh::notify
