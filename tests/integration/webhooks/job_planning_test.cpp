// Cal.com's events plan the interview's clock-driven completion in the transaction that applies
// them: a booking plans it at end + grace, a reschedule moves it (fresh, whatever befell the old
// one), a cancellation removes it. In process, on the store the tests run against.
#include <gtest/gtest.h>

#include "applier_fixture.hpp"

namespace poblysh::webhooks {
namespace {

using namespace std::chrono_literals;
using store::DeliveryOutcome;

class JobPlanningTest : public ApplierTest {
 protected:
  CalcomEvent event(const std::string& trigger, const std::string& uid, SystemTime start) const {
    CalcomEvent event;
    event.trigger = trigger;
    event.uid = uid;
    event.status = "ACCEPTED";
    event.created_at = clock_.now();
    event.start = start;
    event.end = start + 30min;
    return event;
  }

  Applied apply(const CalcomEvent& event) {
    auto applied = store::transact(db_, [&](store::Connection& db) { return applier_.apply(db, event); });
    EXPECT_TRUE(applied) << applied.error().internal;
    return applied ? *applied : Applied{};
  }

  std::optional<store::JobEntry> job(std::int64_t interview_id) {
    auto found = store::read_with(
        db_, [&](store::Connection& db) { return jobs_.find(db, jobs::kCompleteInterview, interview_id); });
    EXPECT_TRUE(found) << found.error().internal;
    return found ? *found : std::nullopt;
  }

  // Plans the interview's jobs as its booking through our own confirm would have.
  void plan_as_booked(std::int64_t id) {
    auto planned = store::transact(db_, [&](store::Connection& db) -> Status {
      ASSIGN_OR_RETURN(auto interview, store::found(interviews_.find(db, id), "interview"));
      return planner_.replan(db, interview);
    });
    ASSERT_TRUE(planned) << planned.error().internal;
  }

  SystemTime start_ = from_unix_ms(testing::ManualClock::kDefaultStartMs);
};

TEST_F(JobPlanningTest, BookingCreatedPlansTheCompletionAtTheEndPlusTheGrace) {
  const auto id = booked("booking-a", 24);
  auto made_scheduled = store::transact(db_, [&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto interview, store::found(interviews_.find(db, id), "interview"));
    interview.status = domain::InterviewStatus::scheduled;  // sent to Cal.com, not yet confirmed
    return interviews_.save(db, interview);
  });
  ASSERT_TRUE(made_scheduled) << made_scheduled.error().internal;
  ASSERT_FALSE(job(id));

  ASSERT_EQ(apply(event("BOOKING_CREATED", "booking-a", start_ + 24h)).outcome, DeliveryOutcome::applied);
  const auto planned = job(id);
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->state, store::JobState::pending);
  EXPECT_EQ(planned->due_at, start_ + 24h + 30min + 2h);  // the half-hour call's end, plus two hours
}

TEST_F(JobPlanningTest, ARescheduleMovesTheCompletionWithFreshAttempts) {
  const auto id = booked("booking-a", 24);
  plan_as_booked(id);
  // The job failed once at its old time: a retry is waiting.
  const auto old_due = job(id)->due_at;
  clock_.advance(std::chrono::duration_cast<std::chrono::milliseconds>(old_due - clock_.now()));
  auto failed = store::transact(db_, [&](store::Connection& db) -> Result<bool> {
    ASSIGN_OR_RETURN(auto claimed, jobs_.claim_due(db, {std::string(jobs::kCompleteInterview)}, clock_.now(), {}));
    if (claimed.size() != 1) return fail(ErrorCode::internal, "", "expected one claimed job");
    return jobs_.fail(db, claimed[0].id, claimed[0].claim, "database away", clock_.now() + 1min, clock_.now());
  });
  ASSERT_TRUE(failed && *failed) << (failed ? "" : failed.error().internal);
  ASSERT_EQ(job(id)->attempts, 1);

  auto moved = event("BOOKING_RESCHEDULED", "booking-b", start_ + 72h);
  moved.reschedule_uid = "booking-a";
  ASSERT_EQ(apply(moved).outcome, DeliveryOutcome::applied);
  const auto planned = job(id);
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->due_at, *moved.end + 2h);
  EXPECT_EQ(planned->state, store::JobState::pending);
  EXPECT_EQ(planned->attempts, 0);
  EXPECT_EQ(planned->last_error, "");
}

TEST_F(JobPlanningTest, ACancellationRemovesTheJob) {
  const auto id = booked("booking-a", 24);
  plan_as_booked(id);
  ASSERT_TRUE(job(id));
  auto cancelled = event("BOOKING_CANCELLED", "booking-a", start_ + 24h);
  cancelled.reason = "The founder is travelling";
  ASSERT_EQ(apply(cancelled).outcome, DeliveryOutcome::applied);
  EXPECT_FALSE(job(id));
}

}  // namespace
}  // namespace poblysh::webhooks
