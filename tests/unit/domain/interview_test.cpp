// The interview's rules: which status moves are allowed, and what each wizard step requires.
#include "domain/interview.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/time.hpp"

namespace poblysh::domain {
namespace {

using S = InterviewStatus;

// The documented moves (docs/ARCHITECTURE.md), written out here apart from the domain's table:
// a move added or dropped by mistake there fails its own test below.
const std::set<std::pair<S, S>> kAllowed{
    {S::draft, S::scheduled},
    {S::draft, S::awaiting_host},
    {S::draft, S::cancelled},
    {S::draft, S::awaiting_contact},
    {S::awaiting_contact, S::draft},
    {S::awaiting_contact, S::scheduled},
    {S::awaiting_contact, S::awaiting_host},
    {S::awaiting_contact, S::cancelled},
    {S::scheduled, S::awaiting_host},
    {S::scheduled, S::confirmed},
    {S::scheduled, S::reschedule_requested},
    {S::scheduled, S::completed},
    {S::scheduled, S::cancelled},
    {S::awaiting_host, S::confirmed},
    {S::awaiting_host, S::completed},
    {S::awaiting_host, S::cancelled},
    {S::awaiting_host, S::scheduled},
    {S::confirmed, S::awaiting_host},
    {S::confirmed, S::reschedule_requested},
    {S::confirmed, S::completed},
    {S::confirmed, S::cancelled},
    {S::reschedule_requested, S::scheduled},
    {S::reschedule_requested, S::awaiting_host},
    {S::reschedule_requested, S::confirmed},
    {S::reschedule_requested, S::cancelled},
};

std::vector<std::pair<S, S>> every_move() {
  std::vector<std::pair<S, S>> out;
  for (S from : kEveryStatus) {
    for (S to : kEveryStatus) out.emplace_back(from, to);
  }
  return out;
}

class EveryMove : public ::testing::TestWithParam<std::pair<S, S>> {};

// One test per pair of statuses: allowed with its cause, or refused as a conflict that leaves
// the interview as it was.
TEST_P(EveryMove, IsAllowedWithItsCauseOrRefused) {
  const auto [from, to] = GetParam();
  Interview interview;
  interview.status = from;
  auto moved = move(interview, to);
  if (kAllowed.count({from, to})) {
    EXPECT_TRUE(can_move(from, to));
    EXPECT_FALSE(move_cause(from, to).empty());
    ASSERT_TRUE(moved);
    EXPECT_EQ(interview.status, to);
  } else {
    EXPECT_FALSE(can_move(from, to));
    EXPECT_TRUE(move_cause(from, to).empty());
    ASSERT_FALSE(moved);
    EXPECT_EQ(moved.error().code, ErrorCode::conflict);
    EXPECT_EQ(interview.status, from);
  }
}

INSTANTIATE_TEST_SUITE_P(InterviewStatus, EveryMove, ::testing::ValuesIn(every_move()),
                         [](const ::testing::TestParamInfo<std::pair<S, S>>& param) {
                           return std::string(status_name(param.param.first)) + "_to_" +
                                  status_name(param.param.second);
                         });

TEST(InterviewStatus, EveryNameReadsBack) {
  for (S status : kEveryStatus) EXPECT_EQ(parse_status(status_name(status)), status);
  EXPECT_EQ(parse_status("no_show"), std::nullopt);  // an outcome, not a status
}

TEST(InterviewStatus, InvitationStatusFollowsTheInterview) {
  Interview interview;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::scheduled;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::awaiting_host;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::reschedule_requested;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::confirmed;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::confirmed);
  interview.status = InterviewStatus::cancelled;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::cancelled);
}

TEST(InterviewSteps, TeamNeedsExactlyOnePrimary) {
  EXPECT_FALSE(check_team({}));
  EXPECT_FALSE(check_team({{1, false}}));
  EXPECT_FALSE(check_team({{1, true}, {2, true}}));
  EXPECT_FALSE(check_team({{1, true}, {1, false}}));
  EXPECT_TRUE(check_team({{1, true}, {2, false}}));
}

TEST(InterviewSteps, CustomDurationsAndQuestions) {
  EXPECT_FALSE(check_custom_duration(4));
  EXPECT_TRUE(check_custom_duration(5));
  EXPECT_TRUE(check_custom_duration(480));
  EXPECT_FALSE(check_custom_duration(481));
  EXPECT_FALSE(check_questions({"fine", "  "}));
  EXPECT_TRUE(check_questions({"What changed?"}));
}

TEST(InterviewSteps, ReadinessNamesWhatIsMissing) {
  Interview interview;
  auto missing = check_ready_to_confirm(interview, SystemTime{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::unprocessable);
  for (const char* field : {"contact_id", "primary_team_member_id", "event_type_id", "start_time"}) {
    EXPECT_TRUE(missing.error().fields.count(field)) << field;
  }
}

// A meeting from 10:00 to 10:30 with a contact, two interviewers and a guest.
struct Meeting {
  Interview interview;
  std::optional<Contact> contact;
  std::vector<TeamMember> team;
};

Meeting meeting(S status) {
  Meeting m;
  m.interview.status = status;
  m.interview.start = *parse_iso8601("2026-05-04T10:00:00Z");
  m.interview.end = *parse_iso8601("2026-05-04T10:30:00Z");
  m.interview.team = {{7, true}, {8, false}};
  Guest guest;
  guest.email = "Ivy@Fund.example";
  m.interview.guests.push_back(guest);
  m.contact = Contact{};
  m.contact->fields.email = "lena@northwind.example";
  TeamMember alice;
  alice.id = 7;
  alice.fields.email = "alice@poblysh.test";
  TeamMember bruno;
  bruno.id = 8;
  bruno.fields.email = "bruno@poblysh.test";
  TeamMember stranger;  // not on this interview's team
  stranger.id = 9;
  stranger.fields.email = "zoe@poblysh.test";
  m.team = {alice, bruno, stranger};
  return m;
}

SystemTime at(const char* text) { return *parse_iso8601(text); }

TEST(NoShows, AnAddressNamesTheContactAnInterviewerOrAGuest) {
  auto m = meeting(S::confirmed);
  EXPECT_EQ(party_of(m.interview, m.contact, m.team, "LENA@northwind.example"), (NoShow{AbsentParty::contact, "", 0}));
  EXPECT_EQ(party_of(m.interview, m.contact, m.team, "bruno@poblysh.test"), (NoShow{AbsentParty::interviewer, "", 8}));
  EXPECT_EQ(party_of(m.interview, m.contact, m.team, "ivy@fund.example"),
            (NoShow{AbsentParty::guest, "ivy@fund.example", 0}));
  EXPECT_EQ(party_of(m.interview, m.contact, m.team, "zoe@poblysh.test"), std::nullopt);
  EXPECT_EQ(party_of(m.interview, m.contact, m.team, "someone@else.example"), std::nullopt);
  EXPECT_EQ(party_of(m.interview, m.contact, m.team, ""), std::nullopt);
}

TEST(NoShows, RecordedAfterTheEndCompleteTheInterview) {
  auto m = meeting(S::confirmed);
  auto changed = record_no_shows(m.interview, {{{AbsentParty::contact, "", 0}, true}}, "", at("2026-05-04T11:00:00Z"));
  ASSERT_TRUE(changed);
  EXPECT_TRUE(*changed);
  EXPECT_EQ(m.interview.status, S::completed);
  EXPECT_EQ(m.interview.no_shows, (std::vector<NoShow>{{AbsentParty::contact, "", 0}}));
}

TEST(NoShows, RecordedDuringTheMeetingKeepItBooked) {
  auto m = meeting(S::confirmed);
  auto changed =
      record_no_shows(m.interview, {{{AbsentParty::interviewer, "", 8}, true}}, "", at("2026-05-04T10:15:00Z"));
  ASSERT_TRUE(changed);
  EXPECT_EQ(m.interview.status, S::confirmed);
  EXPECT_EQ(m.interview.no_shows.size(), 1u);
}

TEST(NoShows, AreRefusedBeforeTheMeetingStarts) {
  auto m = meeting(S::confirmed);
  auto refused = record_no_shows(m.interview, {{{AbsentParty::contact, "", 0}, true}}, "", at("2026-05-04T09:59:59Z"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_TRUE(m.interview.no_shows.empty());
}

TEST(NoShows, AreRefusedWhenNoMeetingTookPlace) {
  for (S status : {S::draft, S::reschedule_requested, S::cancelled}) {
    auto m = meeting(status);
    auto refused =
        record_no_shows(m.interview, {{{AbsentParty::contact, "", 0}, true}}, "", at("2026-05-04T11:00:00Z"));
    ASSERT_FALSE(refused) << status_name(status);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  }
}

TEST(NoShows, OnACompletedInterviewCanBeMarkedAndUnmarked) {
  auto m = meeting(S::completed);
  const NoShow ivy{AbsentParty::guest, "ivy@fund.example", 0};
  ASSERT_TRUE(record_no_shows(m.interview, {{ivy, true}}, "Ivy was travelling", at("2026-05-05T09:00:00Z")));
  EXPECT_EQ(m.interview.no_shows, std::vector<NoShow>{ivy});
  EXPECT_EQ(m.interview.outcome_note, "Ivy was travelling");
  auto again = record_no_shows(m.interview, {{ivy, true}}, "", at("2026-05-05T09:00:00Z"));
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);  // already recorded: nothing changed, the note kept
  EXPECT_EQ(m.interview.outcome_note, "Ivy was travelling");
  auto unmarked = record_no_shows(m.interview, {{ivy, false}}, "", at("2026-05-05T09:00:00Z"));
  ASSERT_TRUE(unmarked);
  EXPECT_TRUE(*unmarked);
  EXPECT_TRUE(m.interview.no_shows.empty());
  EXPECT_EQ(m.interview.status, S::completed);
}

TEST(NoShows, TheOutcomeNoteIsBounded) {
  auto m = meeting(S::completed);
  EXPECT_FALSE(record_no_shows(m.interview, {}, std::string(2001, 'x'), at("2026-05-05T09:00:00Z")));
  EXPECT_FALSE(record_no_shows(m.interview, {}, std::string("bell\a"), at("2026-05-05T09:00:00Z")));
  EXPECT_TRUE(record_no_shows(m.interview, {}, "two\nlines", at("2026-05-05T09:00:00Z")));
}

TEST(BoundedText, CutsWholeCharactersAndDropsControls) {
  EXPECT_EQ(bounded_text("plain", 10), "plain");
  EXPECT_EQ(bounded_text("abc\u00e9", 4), "abc");  // é is two bytes: never half of it
  EXPECT_EQ(bounded_text("a\x01"
                         "b\nc\u202e"
                         "d",
                         100),
            "ab\ncd");
  EXPECT_EQ(bounded_text(std::string(600, 'y'), 500).size(), 500u);
}

}  // namespace
}  // namespace poblysh::domain
