// The job table (store::JobRepo) and its planner: planning is an upsert that moves a job only
// when its time changes; a claim takes due jobs once, on either store and across two
// instances, until its lease runs out; the claim's number fences every outcome.
#include <gtest/gtest.h>

#include <barrier>
#include <set>
#include <thread>

#include "jobs_fixture.hpp"
#include "test_store.hpp"

namespace poblysh::jobs {
namespace {

using namespace std::chrono_literals;
using domain::InterviewStatus;
using store::JobState;

class JobRepoTest : public JobsTest {};

TEST_F(JobRepoTest, PlanningAgainAtTheSameTimeLeavesTheJobAsItIs) {
  const auto id = booked(24h);
  const auto planned = job(id);
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->state, JobState::pending);
  EXPECT_EQ(planned->due_at, *interview(id).end + 2h);

  // Running: a save that does not move the interview neither takes the job from its worker...
  const auto claimed = claim(planned->due_at);
  ASSERT_EQ(claimed.size(), 1u);
  change(id, [](domain::Interview& interview) { interview.title = "Founder call, renamed"; });
  EXPECT_EQ(job(id)->state, JobState::running);
  EXPECT_EQ(job(id)->claims, 1);
  // ...nor revives it once done.
  auto finished = store::transact(
      db_, [&](store::Connection& db) { return jobs_.finish(db, claimed[0].id, claimed[0].claim, clock_.now()); });
  ASSERT_TRUE(finished && *finished);
  change(id, [](domain::Interview& interview) { interview.title = "Founder call"; });
  EXPECT_EQ(job(id)->state, JobState::done);

  // A new time is a new plan: pending again, with fresh attempts.
  change(id, [](domain::Interview& interview) {
    interview.start = *interview.start + 24h;
    interview.end = *interview.end + 24h;
  });
  const auto moved = job(id);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->state, JobState::pending);
  EXPECT_EQ(moved->due_at, planned->due_at + 24h);
  EXPECT_EQ(moved->attempts, 0);
  EXPECT_EQ(moved->id, planned->id);  // the same row: one job per kind and interview
}

TEST_F(JobRepoTest, AClaimTakesOnlyDueJobsAndHoldsThemUntilItsLeaseRunsOut) {
  const auto id = booked(24h);
  const auto due = job(id)->due_at;
  const store::JobClaimOptions options{5min, 10, 8};
  EXPECT_TRUE(claim(due - 1ms, options).empty());

  const auto first = claim(due, options);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].interview_id, id);
  EXPECT_EQ(first[0].kind, kCompleteInterview);
  EXPECT_EQ(first[0].attempts, 1);
  EXPECT_EQ(job(id)->state, JobState::running);
  EXPECT_TRUE(claim(due, options).empty());
  EXPECT_TRUE(claim(due + 5min - 1ms, options).empty());

  // The lease ran out (its worker died): another takes the job over, under a new claim.
  const auto second = claim(due + 5min, options);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempts, 2);
  EXPECT_NE(second[0].claim, first[0].claim);

  auto outcome = store::transact(db_, [&](store::Connection& db) -> Result<std::vector<bool>> {
    std::vector<bool> out;
    for (const auto& claimed : {first[0], second[0]}) {
      ASSIGN_OR_RETURN(auto held, jobs_.holds(db, claimed.id, claimed.claim));
      out.push_back(held);
    }
    ASSIGN_OR_RETURN(auto stale, jobs_.finish(db, first[0].id, first[0].claim, clock_.now()));
    out.push_back(stale);
    ASSIGN_OR_RETURN(auto current, jobs_.finish(db, second[0].id, second[0].claim, clock_.now()));
    out.push_back(current);
    return out;
  });
  ASSERT_TRUE(outcome) << outcome.error().internal;
  EXPECT_EQ(*outcome, (std::vector<bool>{false, true, false, true}));
  EXPECT_EQ(job(id)->state, JobState::done);
  EXPECT_TRUE(claim(due + 1h, options).empty());
}

TEST_F(JobRepoTest, TwoInstancesNeverClaimOneJobTwice) {
  constexpr int kJobs = 60;
  std::set<std::int64_t> planned;
  for (int i = 0; i < kJobs; ++i) planned.insert(job(booked(1h))->id);
  const auto at = clock_.now() + 4h;
  auto other = testing::open_database(store_.url(), 2);  // a second instance's connections

  std::vector<store::ClaimedJob> by_first, by_second;
  std::barrier start(2);
  const auto drain = [&](store::Database& database, std::vector<store::ClaimedJob>& mine) {
    start.arrive_and_wait();
    while (true) {
      auto batch = store::transact(database, [&](store::Connection& db) {
        return jobs_.claim_due(db, kinds_, at, {5min, 4, 8});
      });
      ASSERT_TRUE(batch) << batch.error().internal;
      if (batch->empty()) return;
      mine.insert(mine.end(), batch->begin(), batch->end());
    }
  };
  std::thread first([&] { drain(db_, by_first); });
  std::thread second([&] { drain(*other, by_second); });
  first.join();
  second.join();

  std::multiset<std::int64_t> claimed;
  for (const auto* side : {&by_first, &by_second}) {
    for (const auto& job : *side) {
      claimed.insert(job.id);
      EXPECT_EQ(job.attempts, 1);
    }
  }
  EXPECT_EQ(claimed.size(), static_cast<std::size_t>(kJobs));
  EXPECT_EQ(std::set<std::int64_t>(claimed.begin(), claimed.end()), planned);
}

TEST_F(JobRepoTest, AFailedJobIsRetriedAtItsTimeThenDead) {
  const auto id = booked(1h);
  const auto due = job(id)->due_at;
  const store::JobClaimOptions options{5min, 10, 2};
  const auto fail = [&](const store::ClaimedJob& claimed, std::optional<SystemTime> retry_at) {
    auto failed = store::transact(db_, [&](store::Connection& db) {
      return jobs_.fail(db, claimed.id, claimed.claim, "the database went away", retry_at, clock_.now());
    });
    ASSERT_TRUE(failed && *failed);
  };
  auto first = claim(due, options);
  ASSERT_EQ(first.size(), 1u);
  fail(first[0], due + 1min);
  EXPECT_EQ(job(id)->state, JobState::pending);
  EXPECT_EQ(job(id)->due_at, due + 1min);
  EXPECT_EQ(job(id)->last_error, "the database went away");
  EXPECT_TRUE(claim(due + 1min - 1ms, options).empty());

  auto second = claim(due + 1min, options);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].attempts, 2);
  fail(second[0], std::nullopt);
  EXPECT_EQ(job(id)->state, JobState::dead);
  EXPECT_TRUE(claim(due + 1h, options).empty());
}

TEST_F(JobRepoTest, AnExpiredLeaseOnTheLastAttemptLeavesTheJobDead) {
  const auto id = booked(1h);
  const auto due = job(id)->due_at;
  ASSERT_EQ(claim(due, {5min, 10, 1}).size(), 1u);
  EXPECT_TRUE(claim(due + 5min, {5min, 10, 1}).empty());
  EXPECT_EQ(job(id)->state, JobState::dead);
  EXPECT_EQ(job(id)->last_error, "the worker stopped during the last attempt");
}

TEST_F(JobRepoTest, APostponedJobIsDueLaterWithoutSpendingAnAttempt) {
  const auto id = booked(1h);
  const auto due = job(id)->due_at;
  auto claimed = claim(due);
  ASSERT_EQ(claimed.size(), 1u);
  auto postponed = store::transact(db_, [&](store::Connection& db) {
    return jobs_.postpone(db, claimed[0].id, claimed[0].claim, due + 3h, clock_.now());
  });
  ASSERT_TRUE(postponed && *postponed);
  EXPECT_EQ(job(id)->state, JobState::pending);
  EXPECT_EQ(job(id)->due_at, due + 3h);
  EXPECT_EQ(job(id)->attempts, 0);
}

TEST_F(JobRepoTest, KindsAWorkerDoesNotRunAreLeftToOthers) {
  const auto id = booked(1h, InterviewStatus::confirmed, false);
  const auto due = clock_.now() + 1h;
  auto planned = store::transact(
      db_, [&](store::Connection& db) -> Status { return jobs_.plan(db, "a_newer_kind", id, due, clock_.now()); });
  ASSERT_TRUE(planned) << planned.error().internal;
  EXPECT_TRUE(claim(due + 1h).empty());
  auto next = store::read_with(db_, [&](store::Connection& db) { return jobs_.next_due_at(db, kinds_); });
  ASSERT_TRUE(next);
  EXPECT_FALSE(*next);
  next = store::read_with(db_, [&](store::Connection& db) { return jobs_.next_due_at(db, {"a_newer_kind"}); });
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(**next, due);
}

TEST_F(JobRepoTest, NextDueIsTheEarliestPendingJobOrLease) {
  const auto later = booked(10h);
  const auto sooner = booked(5h);
  const auto sooner_due = job(sooner)->due_at;
  auto next = store::read_with(db_, [&](store::Connection& db) { return jobs_.next_due_at(db, kinds_); });
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(**next, sooner_due);
  ASSERT_EQ(claim(sooner_due, {1min, 10, 8}).size(), 1u);  // running until its lease runs out
  next = store::read_with(db_, [&](store::Connection& db) { return jobs_.next_due_at(db, kinds_); });
  ASSERT_TRUE(next && *next);
  EXPECT_EQ(**next, sooner_due + 1min);
  EXPECT_LT(**next, job(later)->due_at);
}

class JobPlannerTest : public JobsTest {};

TEST_F(JobPlannerTest, TheCompletionFollowsTheInterview) {
  // Booked: planned at end + grace; a booking without a time yet has no completion.
  const auto id = booked(24h, InterviewStatus::scheduled);
  EXPECT_EQ(job(id)->due_at, *interview(id).end + 2h);
  change(id, [](domain::Interview& interview) { interview.end.reset(); });
  EXPECT_FALSE(job(id));
  change(id, [](domain::Interview& interview) { interview.end = *interview.start + 1h; });
  EXPECT_EQ(job(id)->due_at, *interview(id).start + 3h);

  // Completed another way (MEETING_ENDED, a person): its pending jobs end without running.
  change(id, [](domain::Interview& interview) { interview.status = InterviewStatus::completed; });
  ASSERT_TRUE(job(id));
  EXPECT_EQ(job(id)->state, JobState::done);

  // Cancelled: its jobs are removed.
  const auto other = booked(48h);
  ASSERT_TRUE(job(other));
  change(other, [](domain::Interview& interview) { interview.status = InterviewStatus::cancelled; });
  EXPECT_FALSE(job(other));
}

TEST_F(JobPlannerTest, ARunningJobIsLeftToItsWorkerWhenTheInterviewEnds) {
  const auto id = booked(1h);
  ASSERT_EQ(claim(job(id)->due_at).size(), 1u);
  change(id, [](domain::Interview& interview) { interview.status = InterviewStatus::completed; });
  EXPECT_EQ(job(id)->state, JobState::running);
}

TEST_F(JobPlannerTest, MissingJobsOfBookedInterviewsArePlannedOnce) {
  const auto confirmed = booked(24h, InterviewStatus::confirmed, false);
  const auto scheduled = booked(30h, InterviewStatus::scheduled, false);
  const auto draft = booked(36h, InterviewStatus::draft, false);
  const auto cancelled = booked(40h, InterviewStatus::cancelled, false);
  const auto completed = booked(-48h, InterviewStatus::completed, false);
  const auto planned = booked(50h);
  auto moved = store::transact(db_, [&](store::Connection& db) -> Status {
    return jobs_.plan(db, kCompleteInterview, planned, clock_.now() + 90h, clock_.now());
  });
  ASSERT_TRUE(moved);

  auto count = store::transact(db_, [&](store::Connection& db) { return planner_.plan_missing(db); });
  ASSERT_TRUE(count) << count.error().internal;
  EXPECT_EQ(*count, 2);
  EXPECT_EQ(job(confirmed)->due_at, *interview(confirmed).end + 2h);
  EXPECT_EQ(job(scheduled)->due_at, *interview(scheduled).end + 2h);
  EXPECT_FALSE(job(draft));
  EXPECT_FALSE(job(cancelled));
  EXPECT_FALSE(job(completed));
  EXPECT_EQ(job(planned)->due_at, clock_.now() + 90h);  // a planned job keeps its time

  count = store::transact(db_, [&](store::Connection& db) { return planner_.plan_missing(db); });
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 0);
}

TEST_F(JobPlannerTest, DeletingAnInterviewTakesItsJobsWithIt) {
  const auto id = booked(24h);
  ASSERT_TRUE(job(id));
  auto deleted = store::transact(db_, [&](store::Connection& db) -> Status {
    RETURN_IF_ERROR(db.execute("DELETE FROM interviews WHERE id = ?", {id}));  // its children cascade
    return {};
  });
  ASSERT_TRUE(deleted) << deleted.error().internal;
  EXPECT_FALSE(job(id));
}

}  // namespace
}  // namespace poblysh::jobs
