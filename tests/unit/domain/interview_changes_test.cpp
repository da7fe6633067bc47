// What may change on a booked interview: its time.
#include "domain/interview_changes.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace poblysh::domain {
namespace {

const SystemTime kNow = from_unix_ms(1'800'000'000'000);

Interview booked(InterviewStatus status) {
  Interview interview;
  interview.status = status;
  interview.calcom_booking_uid = "bk_1";
  interview.start = kNow + std::chrono::hours(24);
  interview.end = *interview.start + std::chrono::minutes(30);
  return interview;
}

TEST(Reschedule, ABookingMovesToATimeAhead) {
  const auto later = kNow + std::chrono::hours(48);
  EXPECT_TRUE(check_reschedule(booked(InterviewStatus::scheduled), later, "", kNow));
  EXPECT_TRUE(check_reschedule(booked(InterviewStatus::confirmed), later, "Travel", kNow));
  EXPECT_TRUE(check_reschedule(booked(InterviewStatus::awaiting_host), later, "", kNow));
  // The host cancelled asking for a new time: Cal.com books the new one from the old booking.
  EXPECT_TRUE(check_reschedule(booked(InterviewStatus::reschedule_requested), later, "", kNow));
}

TEST(Reschedule, TheNewBookingsStatusFollowsCalcomsAnswer) {
  struct Case {
    InterviewStatus before;
    bool awaits_host;
    InterviewStatus after;
  };
  const Case cases[] = {
      {InterviewStatus::confirmed, false, InterviewStatus::confirmed},
      {InterviewStatus::scheduled, false, InterviewStatus::scheduled},
      {InterviewStatus::awaiting_host, false, InterviewStatus::scheduled},
      {InterviewStatus::reschedule_requested, false, InterviewStatus::scheduled},
      {InterviewStatus::confirmed, true, InterviewStatus::awaiting_host},
      {InterviewStatus::scheduled, true, InterviewStatus::awaiting_host},
      {InterviewStatus::awaiting_host, true, InterviewStatus::awaiting_host},
      {InterviewStatus::reschedule_requested, true, InterviewStatus::awaiting_host},
  };
  for (const auto& c : cases) {
    auto interview = booked(c.before);
    ASSERT_TRUE(settle_rescheduled_status(interview, c.awaits_host)) << status_name(c.before);
    EXPECT_EQ(interview.status, c.after) << status_name(c.before) << " " << c.awaits_host;
  }
  auto over = booked(InterviewStatus::cancelled);
  EXPECT_FALSE(settle_rescheduled_status(over, true));
}

TEST(Reschedule, OtherStatusesCannotMove) {
  const auto later = kNow + std::chrono::hours(48);
  for (auto status : {InterviewStatus::draft, InterviewStatus::completed, InterviewStatus::cancelled}) {
    auto refused = check_reschedule(booked(status), later, "", kNow);
    ASSERT_FALSE(refused) << status_name(status);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  }
  auto unbooked = booked(InterviewStatus::scheduled);
  unbooked.calcom_booking_uid.clear();
  EXPECT_EQ(check_reschedule(unbooked, later, "", kNow).error().code, ErrorCode::conflict);
}

TEST(Reschedule, TheNewTimeIsAheadAndTheReasonIsOneShortText) {
  const auto interview = booked(InterviewStatus::confirmed);
  auto past = check_reschedule(interview, kNow, "", kNow);
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().fields.count("start_time"), 1u);
  auto long_reason = check_reschedule(interview, kNow + std::chrono::hours(2), std::string(501, 'x'), kNow);
  ASSERT_FALSE(long_reason);
  EXPECT_EQ(long_reason.error().fields.count("reason"), 1u);
  auto control = check_reschedule(interview, kNow + std::chrono::hours(2), std::string("a\0b", 3), kNow);
  ASSERT_FALSE(control);
  EXPECT_EQ(control.error().fields.count("reason"), 1u);
}

}  // namespace
}  // namespace poblysh::domain
