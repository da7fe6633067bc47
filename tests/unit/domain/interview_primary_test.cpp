// What changing the primary interviewer does to a booked interview's team and time.
#include "domain/interview_primary.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace poblysh::domain {
namespace {

const SystemTime kNow = from_unix_ms(1'800'000'000'000);
const SystemTime kStart = kNow + std::chrono::hours(48);

Interview booked(InterviewStatus status = InterviewStatus::confirmed) {
  Interview interview;
  interview.status = status;
  interview.calcom_booking_uid = "bk_1";
  interview.start = kStart;
  interview.end = kStart + std::chrono::minutes(30);
  interview.team = {{1, true}, {2, false}};
  return interview;
}

PrimaryChange to(std::int64_t member, bool keep = false) {
  PrimaryChange change;
  change.new_primary = member;
  change.keep_previous = keep;
  return change;
}

TEST(PrimaryChange, ANewMemberReplacesThePrimaryWhoLeaves) {
  auto plan = plan_primary_change(booked(), to(3), kNow);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->previous_primary, 1);
  EXPECT_TRUE(plan->new_joins);
  EXPECT_TRUE(plan->previous_leaves);
  ASSERT_EQ(plan->team.size(), 2u);
  EXPECT_EQ(plan->team[0].team_member_id, 3);
  EXPECT_TRUE(plan->team[0].is_primary);
  EXPECT_EQ(plan->team[1].team_member_id, 2);
  EXPECT_FALSE(plan->team[1].is_primary);
  EXPECT_EQ(plan->start, kStart);
  EXPECT_FALSE(plan->time_changes);
}

TEST(PrimaryChange, AnAdditionalInterviewerMovesUpAndTheKeptPrimaryStays) {
  auto change = to(2, true);
  change.start = kStart + std::chrono::hours(1);
  auto plan = plan_primary_change(booked(), change, kNow);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_FALSE(plan->new_joins);
  EXPECT_FALSE(plan->previous_leaves);
  ASSERT_EQ(plan->team.size(), 2u);
  EXPECT_EQ(plan->team[0].team_member_id, 2);
  EXPECT_TRUE(plan->team[0].is_primary);
  EXPECT_EQ(plan->team[1].team_member_id, 1);
  EXPECT_FALSE(plan->team[1].is_primary);
  EXPECT_TRUE(plan->time_changes);
}

TEST(PrimaryChange, OnlyABookedInterviewChangesItsPrimary) {
  for (auto status : {InterviewStatus::scheduled, InterviewStatus::awaiting_host, InterviewStatus::confirmed}) {
    EXPECT_TRUE(plan_primary_change(booked(status), to(3), kNow)) << status_name(status);
  }
  for (auto status : {InterviewStatus::draft, InterviewStatus::reschedule_requested, InterviewStatus::completed,
                      InterviewStatus::cancelled}) {
    auto refused = plan_primary_change(booked(status), to(3), kNow);
    ASSERT_FALSE(refused) << status_name(status);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  }
  auto unbooked = booked();
  unbooked.calcom_booking_uid.clear();
  EXPECT_EQ(plan_primary_change(unbooked, to(3), kNow).error().code, ErrorCode::conflict);
}

TEST(PrimaryChange, RefusesThePrimaryItselfATimePastAndALongReason) {
  auto same = plan_primary_change(booked(), to(1), kNow);
  ASSERT_FALSE(same);
  EXPECT_TRUE(same.error().fields.count("primary_team_member_id"));
  EXPECT_TRUE(primary_change_done(booked(), to(1)));
  EXPECT_FALSE(primary_change_done(booked(), to(2)));

  auto past = to(3);
  past.start = kNow - std::chrono::minutes(1);
  auto refused = plan_primary_change(booked(), past, kNow);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().fields.count("start_time"));
  // The meeting itself has begun: keeping its time is no time ahead either.
  EXPECT_FALSE(plan_primary_change(booked(), to(3), kStart + std::chrono::minutes(1)));

  auto wordy = to(3);
  wordy.reason = std::string(501, 'x');
  auto long_reason = plan_primary_change(booked(), wordy, kNow);
  ASSERT_FALSE(long_reason);
  EXPECT_TRUE(long_reason.error().fields.count("reason"));
  EXPECT_TRUE(plan_primary_change(booked(), to(0), kNow).error().fields.count("primary_team_member_id"));
}

TEST(PrimaryChange, KeepsTheTeamWithinItsLimit) {
  auto full = booked();
  full.team = {{1, true}};
  for (std::int64_t id = 2; id <= 20; ++id) full.team.push_back({id, false});
  EXPECT_FALSE(plan_primary_change(full, to(99, true), kNow));  // 21 people
  EXPECT_TRUE(plan_primary_change(full, to(99, false), kNow));  // the primary leaves: 20
}

}  // namespace
}  // namespace poblysh::domain
