// Who may be added to or taken off a booked interview, and what a change really changes.
#include "domain/interview_people.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace poblysh::domain {
namespace {

const SystemTime kNow = from_unix_ms(1'800'000'000'000);

Guest guest(const std::string& email, const std::string& name = "") {
  Guest g;
  g.email = email;
  g.name = name;
  return g;
}

Interview booked(InterviewStatus status = InterviewStatus::confirmed) {
  Interview interview;
  interview.status = status;
  interview.calcom_booking_uid = "bk_1";
  interview.team = {{1, true}, {2, false}};
  interview.guests = {guest("ada@example.com", "Ada")};
  return interview;
}

TEST(PeopleStatus, OnlyABookedInterviewChangesItsPeople) {
  for (auto status : {InterviewStatus::scheduled, InterviewStatus::awaiting_host, InterviewStatus::confirmed}) {
    EXPECT_TRUE(require_booked_for_people(booked(status))) << status_name(status);
  }
  for (auto status : {InterviewStatus::draft, InterviewStatus::reschedule_requested, InterviewStatus::completed,
                      InterviewStatus::cancelled}) {
    auto refused = require_booked_for_people(booked(status));
    ASSERT_FALSE(refused) << status_name(status);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  }
  auto unbooked = booked();
  unbooked.calcom_booking_uid.clear();
  EXPECT_EQ(require_booked_for_people(unbooked).error().code, ErrorCode::conflict);
}

TEST(PeopleChangeShape, AnEmptyChangeIsRefused) {
  auto refused = check_people_change({});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("people"));
}

TEST(PeopleChangeShape, AtMostThirtyPeopleAtOnce) {
  PeopleChange change;
  for (int i = 0; i < 30; ++i) change.add_guests.push_back(guest("g" + std::to_string(i) + "@example.com"));
  EXPECT_TRUE(check_people_change(change));
  change.remove_team.push_back(9);
  auto refused = check_people_change(change);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("people"));
}

TEST(PeopleChangeShape, EveryGuestHasAValidAddressAndShortOneLineTexts) {
  PeopleChange change;
  change.add_guests = {guest("not an address"), guest(""), guest("b@example.com", std::string(201, 'x')),
                       guest("c@example.com", "Line\nbreak")};
  change.remove_guests = {"nope"};
  auto refused = check_people_change(change);
  ASSERT_FALSE(refused);
  const auto& fields = refused.error().fields;
  EXPECT_TRUE(fields.count("add_guests[0].email"));
  EXPECT_TRUE(fields.count("add_guests[1].email"));
  EXPECT_TRUE(fields.count("add_guests[2].name"));
  EXPECT_TRUE(fields.count("add_guests[3].name"));
  EXPECT_TRUE(fields.count("remove_guests[0]"));
}

TEST(PeopleChangeShape, NobodyIsListedTwiceOrBothAddedAndRemoved) {
  PeopleChange twice;
  twice.add_guests = {guest("b@example.com"), guest("B@Example.com")};
  EXPECT_TRUE(check_people_change(twice).error().fields.count("add_guests[1].email"));
  PeopleChange both;
  both.add_guests = {guest("b@example.com")};
  both.remove_guests = {"b@example.com"};
  EXPECT_TRUE(check_people_change(both).error().fields.count("remove_guests[0]"));
  PeopleChange team;
  team.add_team = {3, 3};
  EXPECT_TRUE(check_people_change(team).error().fields.count("add_team_member_ids"));
  PeopleChange team_both;
  team_both.add_team = {3};
  team_both.remove_team = {3};
  EXPECT_TRUE(check_people_change(team_both).error().fields.count("remove_team_member_ids"));
}

TEST(PeopleDiff, OnlyWhatIsNotSoAlreadyChanges) {
  PeopleChange change;
  change.add_guests = {guest("ADA@example.com"), guest("bob@example.com")};
  change.remove_guests = {"nobody@example.com"};
  change.add_team = {2, 3};
  change.remove_team = {4};
  auto diff = diff_people(booked(), change, std::nullopt);
  ASSERT_TRUE(diff) << diff.error().message;
  ASSERT_EQ(diff->added_guests.size(), 1u);
  EXPECT_EQ(diff->added_guests[0].email, "bob@example.com");
  EXPECT_TRUE(diff->removed_guests.empty());
  EXPECT_EQ(diff->added_team, std::vector<std::int64_t>{3});
  EXPECT_TRUE(diff->removed_team.empty());
}

TEST(PeopleDiff, ARepeatedChangeChangesNothing) {
  PeopleChange change;
  change.add_guests = {guest("bob@example.com")};
  change.remove_guests = {"ada@example.com"};
  change.add_team = {3};
  change.remove_team = {2};
  auto interview = booked();
  auto first = diff_people(interview, change, std::nullopt);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->empty());
  apply_people(interview, *first, kNow);
  auto again = diff_people(interview, change, std::nullopt);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
}

TEST(PeopleDiff, ThePrimaryStaysExactlyOne) {
  PeopleChange remove;
  remove.remove_team = {1};
  auto refused = diff_people(booked(), remove, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("remove_team_member_ids"));
  PeopleChange add;
  add.add_team = {1};
  EXPECT_TRUE(diff_people(booked(), add, std::nullopt).error().fields.count("add_team_member_ids"));
}

TEST(PeopleDiff, TheIntervieweeIsNotAGuest) {
  PeopleChange change;
  change.add_guests = {guest("Founder@Startup.example")};
  auto refused = diff_people(booked(), change, std::string("founder@startup.example"));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("add_guests[0].email"));
}

TEST(PeopleDiff, TheGuestListStaysWithinThirty) {
  auto interview = booked();
  for (int i = 0; i < 29; ++i) interview.guests.push_back(guest("g" + std::to_string(i) + "@example.com"));
  PeopleChange change;
  change.add_guests = {guest("one-more@example.com")};
  auto refused = diff_people(interview, change, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("guests"));
  change.remove_guests = {"ada@example.com"};  // one off, one on: still thirty
  EXPECT_TRUE(diff_people(interview, change, std::nullopt));
}

TEST(PeopleDiff, TheTeamStaysWithinTwenty) {
  auto interview = booked();
  for (std::int64_t id = 3; id <= 20; ++id) interview.team.push_back({id, false});
  PeopleChange change;
  change.add_team = {21};
  EXPECT_FALSE(diff_people(interview, change, std::nullopt));
}

TEST(ApplyPeople, AddedGuestsAreInvitedNowAndRemovedOnesLeave) {
  auto interview = booked();
  PeopleDiff diff;
  diff.added_guests = {guest("bob@example.com", "Bob")};
  diff.removed_guests = {guest("ADA@example.com")};
  diff.added_team = {3};
  diff.removed_team = {2};
  apply_people(interview, diff, kNow);
  ASSERT_EQ(interview.guests.size(), 1u);
  EXPECT_EQ(interview.guests[0].email, "bob@example.com");
  EXPECT_EQ(interview.guests[0].invitation, GuestInvitation::sent);
  EXPECT_EQ(interview.guests[0].invited_at, kNow);
  ASSERT_EQ(interview.team.size(), 2u);
  EXPECT_TRUE(interview.team[0].is_primary);
  EXPECT_EQ(interview.team[1].team_member_id, 3);
  EXPECT_FALSE(interview.team[1].is_primary);
}

}  // namespace
}  // namespace poblysh::domain
