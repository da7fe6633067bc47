// A team member's outcome: which interviews take one and when, what it may name, what it changes.
#include "domain/interview_outcome.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace poblysh::domain {
namespace {

using S = InterviewStatus;

SystemTime at(const char* text) { return *parse_iso8601(text); }

// A meeting from 10:00 to 10:30 with a contact, Alice (7, primary) and Bruno (8), and a guest.
Interview meeting(S status) {
  Interview interview;
  interview.status = status;
  interview.contact_id = 3;
  interview.start = at("2026-05-04T10:00:00Z");
  interview.end = at("2026-05-04T10:30:00Z");
  interview.team = {{7, true}, {8, false}};
  Guest guest;
  guest.email = "Ivy@Fund.example";
  interview.guests.push_back(guest);
  return interview;
}

const NoShow kContact{AbsentParty::contact, "", 0};
const NoShow kIvy{AbsentParty::guest, "ivy@fund.example", 0};
const NoShow kBruno{AbsentParty::interviewer, "", 8};
const SystemTime kAfter = at("2026-05-04T10:30:00Z");  // the end itself counts as after

TEST(Outcome, ATeamMemberCompletesEachBookedStatusAfterTheEnd) {
  for (S status : {S::scheduled, S::awaiting_host, S::confirmed}) {
    auto interview = meeting(status);
    auto changes = record_outcome(interview, Outcome::completed, {}, "Good call", kAfter);
    ASSERT_TRUE(changes) << status_name(status) << ": " << changes.error().message;
    EXPECT_TRUE(changes->empty());
    EXPECT_EQ(interview.status, S::completed) << status_name(status);
    EXPECT_EQ(interview.outcome_note, "Good call");
    EXPECT_NE(move_cause(status, S::completed).find("a team member's outcome after the end"), std::string_view::npos)
        << status_name(status);
  }
}

TEST(Outcome, ANoShowCompletesTheMeetingAndSaysWhoChanged) {
  auto interview = meeting(S::confirmed);
  auto changes = record_outcome(interview, Outcome::no_show, {kContact, kBruno}, "", kAfter);
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_EQ(interview.status, S::completed);
  EXPECT_EQ(interview.no_shows, (std::vector<NoShow>{kContact, kBruno}));
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_TRUE((*changes)[0].absent);
  EXPECT_EQ((*changes)[1].who, kBruno);
}

// The clock or Cal.com's MEETING_ENDED often completes it before anyone writes the outcome down.
TEST(Outcome, OnACompletedInterviewTheAccountReplacesTheOneBefore) {
  auto interview = meeting(S::completed);
  interview.no_shows = {kIvy};
  interview.outcome_note = "Ivy did not come";
  auto changes = record_outcome(interview, Outcome::no_show, {kContact}, "", at("2026-05-05T09:00:00Z"));
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_EQ(interview.no_shows, std::vector<NoShow>{kContact});
  EXPECT_EQ(interview.outcome_note, "");  // the account is whole: no note is no note
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ((*changes)[0].who, kContact);
  EXPECT_TRUE((*changes)[0].absent);
  EXPECT_EQ((*changes)[1].who, kIvy);
  EXPECT_FALSE((*changes)[1].absent);  // present after all

  auto everyone = record_outcome(interview, Outcome::completed, {}, "All there", at("2026-05-05T09:00:00Z"));
  ASSERT_TRUE(everyone);
  EXPECT_TRUE(interview.no_shows.empty());
  EXPECT_EQ(everyone->size(), 1u);
  EXPECT_EQ(interview.status, S::completed);
}

TEST(Outcome, IsRefusedBeforeTheEnd) {
  for (const char* now : {"2026-05-04T09:00:00Z", "2026-05-04T10:29:59Z"}) {
    auto interview = meeting(S::confirmed);
    auto refused = record_outcome(interview, Outcome::completed, {}, "", at(now));
    ASSERT_FALSE(refused) << now;
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_EQ(interview.status, S::confirmed);
  }
  auto timeless = meeting(S::scheduled);
  timeless.end.reset();
  EXPECT_FALSE(check_outcome_allowed(timeless, kAfter));
}

TEST(Outcome, IsRefusedWhenNoMeetingTookPlace) {
  for (S status : {S::draft, S::reschedule_requested, S::cancelled}) {
    auto interview = meeting(status);
    // Its own check, apart from record_no_shows' refusal of the same statuses.
    EXPECT_FALSE(check_outcome_allowed(interview, kAfter)) << status_name(status);
    auto refused = record_outcome(interview, Outcome::no_show, {kContact}, "", kAfter);
    ASSERT_FALSE(refused) << status_name(status);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_EQ(interview.status, status);
    EXPECT_TRUE(interview.no_shows.empty());
  }
}

TEST(Outcome, NamesOnlyThisInterviewsPeopleOnceEach) {
  auto interview = meeting(S::confirmed);
  auto both = record_outcome(interview, Outcome::completed, {kContact}, "", kAfter);
  ASSERT_FALSE(both);
  EXPECT_EQ(both.error().fields.count("absent"), 1u);
  auto nobody = record_outcome(interview, Outcome::no_show, {}, "", kAfter);
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().fields.count("absent"), 1u);
  auto strangers = record_outcome(
      interview, Outcome::no_show,
      {{AbsentParty::guest, "zoe@else.example", 0}, {AbsentParty::interviewer, "", 9}, kIvy, kIvy}, "", kAfter);
  ASSERT_FALSE(strangers);
  EXPECT_EQ(strangers.error().code, ErrorCode::invalid_input);
  for (const char* field : {"absent[0]", "absent[1]", "absent[3]"}) {
    EXPECT_EQ(strangers.error().fields.count(field), 1u) << field;
  }
  EXPECT_EQ(strangers.error().fields.count("absent[2]"), 0u);
  interview.contact_id.reset();
  EXPECT_FALSE(record_outcome(interview, Outcome::no_show, {kContact}, "", kAfter));
  EXPECT_EQ(interview.status, S::confirmed);
  EXPECT_FALSE(record_outcome(interview, Outcome::completed, {}, std::string(2001, 'x'), kAfter));
  EXPECT_FALSE(record_outcome(interview, Outcome::completed, {}, "bell\a", kAfter));
  EXPECT_EQ(interview.status, S::confirmed);
}

TEST(Outcome, NamesReadBothWays) {
  EXPECT_EQ(parse_outcome("no_show"), Outcome::no_show);
  EXPECT_EQ(parse_outcome("completed"), Outcome::completed);
  EXPECT_FALSE(parse_outcome("Completed"));
  EXPECT_STREQ(outcome_name(Outcome::no_show), "no_show");
}

// Cal.com answers our mark-absent with BOOKING_NO_SHOW_UPDATED: its words must not replace ours.
TEST(Outcome, CalcomsEchoOfTheMarksKeepsTheTeamMembersNote) {
  auto interview = meeting(S::confirmed);
  ASSERT_TRUE(record_outcome(interview, Outcome::no_show, {kContact}, "Overslept", kAfter));
  auto echo = record_no_shows(interview, {{kContact, true}}, "lena@northwind.example marked as no-show", kAfter);
  ASSERT_TRUE(echo);
  EXPECT_FALSE(*echo);
  EXPECT_EQ(interview.outcome_note, "Overslept");
  auto change = record_no_shows(interview, {{kContact, false}}, "unmarked in Cal.com", kAfter);
  ASSERT_TRUE(change);
  EXPECT_EQ(interview.outcome_note, "unmarked in Cal.com");
}

}  // namespace
}  // namespace poblysh::domain
