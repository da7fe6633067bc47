// The interview's one calendar event: which UID our invitations carry and their SEQUENCE.
#include "domain/interview_calendar.hpp"

#include <gtest/gtest.h>

namespace poblysh::domain {
namespace {

TEST(CalendarUid, CalcomsOwnWhenItIsKnownWithASequenceAboveItsFirstInvitation) {
  Interview interview;
  settle_calendar_uid(interview, "abc@Cal.com", "interview-7@poblysh.test");
  EXPECT_EQ(interview.calendar_uid, "abc@Cal.com");
  EXPECT_EQ(interview.ical_sequence, 1);  // Cal.com's own invitation is SEQUENCE 0

  Interview reported;
  reported.calcom_sequence = 3;  // a webhook already said Cal.com is at 3
  settle_calendar_uid(reported, "abc@Cal.com", "interview-7@poblysh.test");
  EXPECT_EQ(reported.ical_sequence, 4);
}

TEST(CalendarUid, OursWhenCalcomGaveNoneAndNeverChangedOnceChosen) {
  Interview interview;
  settle_calendar_uid(interview, "", "interview-7@poblysh.test");
  EXPECT_EQ(interview.calendar_uid, "interview-7@poblysh.test");
  EXPECT_EQ(interview.ical_sequence, 0);
  // Invitations went out with it: a UID Cal.com reports later does not replace it.
  settle_calendar_uid(interview, "abc@Cal.com", "interview-7@poblysh.test");
  EXPECT_EQ(interview.calendar_uid, "interview-7@poblysh.test");
  EXPECT_EQ(interview.ical_sequence, 0);
}

TEST(CalendarSequence, EachChangeOutranksWhatWeAndCalcomSent) {
  Interview interview;
  interview.ical_sequence = 1;
  raise_calendar_sequence(interview);
  EXPECT_EQ(interview.ical_sequence, 2);
  interview.calcom_sequence = 5;  // Cal.com moved the booking several times
  raise_calendar_sequence(interview);
  EXPECT_EQ(interview.ical_sequence, 6);
  raise_calendar_sequence(interview);  // and a change of ours after it still counts up
  EXPECT_EQ(interview.ical_sequence, 7);
}

}  // namespace
}  // namespace poblysh::domain
