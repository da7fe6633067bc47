// The job worker and its first job: a booked interview is completed by the clock once its end +
// grace has passed — not before, once across two instances, by whichever holds the claim, and
// never over a completion or cancellation that came first. The clock is moved, not waited for.
#include "jobs/job_worker.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <thread>

#include "jobs/complete_interview.hpp"
#include "jobs_fixture.hpp"
#include "test_store.hpp"

namespace poblysh::jobs {
namespace {

using namespace std::chrono_literals;
using domain::InterviewStatus;
using store::JobState;

class CompletionJobTest : public JobsTest {
 protected:
  std::unique_ptr<JobWorker> worker(store::Database& database, JobWorkerOptions options = {}) {
    return std::make_unique<JobWorker>(database, jobs_, std::vector<std::reference_wrapper<JobHandler>>{complete_},
                                       clock_, options, quiet_log());
  }

  JobPass pass(JobWorker& worker) {
    auto ran = worker.run_once();
    EXPECT_TRUE(ran) << ran.error().internal;
    return ran ? *ran : JobPass{};
  }

  CompleteInterview complete_{interviews_, planner_};
};

TEST_F(CompletionJobTest, TheClockCompletesABookedInterviewAtItsEndPlusTheGraceAndNotBefore) {
  const auto id = booked(24h);
  const auto end = *interview(id).end;
  auto clock_worker = worker(db_);
  advance_to(end + 2h - 1ms);
  EXPECT_EQ(pass(*clock_worker).done, 0);
  EXPECT_EQ(interview(id).status, InterviewStatus::confirmed);

  clock_.advance(1ms);
  const auto ran = pass(*clock_worker);
  EXPECT_EQ(ran.done, 1);
  EXPECT_EQ(interview(id).status, InterviewStatus::completed);
  EXPECT_EQ(interview(id).updated_at, end + 2h);
  auto history = store::read_with(db_, [&](store::Connection& db) { return interviews_.history(db, id); });
  ASSERT_TRUE(history && !history->empty());
  const auto& line = history->back();
  EXPECT_EQ(line.actor, "system");
  EXPECT_EQ(line.action, "completed");
  EXPECT_EQ(line.detail, "completed by the clock");
  EXPECT_EQ(line.at, end + 2h);
  EXPECT_EQ(job(id)->state, JobState::done);

  clock_.advance(1h);
  EXPECT_EQ(pass(*clock_worker).done, 0);
  EXPECT_EQ(clock_completions(id), 1);
}

TEST_F(CompletionJobTest, AJobPlannedWithAShorterGraceWaitsForTheGraceInForceNow) {
  // Planned by an instance (or a configuration) with no grace at all...
  JobPlanner no_grace(jobs_, clock_, {0ms});
  const auto id = booked(1h, InterviewStatus::confirmed, false);
  auto planned = store::transact(db_, [&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto found, store::found(interviews_.find(db, id), "interview"));
    return no_grace.replan(db, found);
  });
  ASSERT_TRUE(planned);
  const auto end = *interview(id).end;
  // ...and run by one whose grace is two hours: claimed at the end, it waits for end + 2 h.
  auto clock_worker = worker(db_);
  advance_to(end + 1min);
  const auto early = pass(*clock_worker);
  EXPECT_EQ(early.later, 1);
  EXPECT_EQ(early.done, 0);
  EXPECT_EQ(interview(id).status, InterviewStatus::confirmed);
  EXPECT_EQ(job(id)->state, JobState::pending);
  EXPECT_EQ(job(id)->due_at, end + 2h);
  EXPECT_EQ(job(id)->attempts, 0);

  advance_to(end + 2h);
  EXPECT_EQ(pass(*clock_worker).done, 1);
  EXPECT_EQ(interview(id).status, InterviewStatus::completed);
}

TEST_F(CompletionJobTest, AnInterviewCompletedOrCancelledMeanwhileIsLeftAsItIs) {
  const auto completed = booked(1h);
  const auto cancelled = booked(1h);
  // Saved without re-planning, so their jobs still wait: the job itself must look.
  change_alone(completed, [](domain::Interview& interview) { interview.status = InterviewStatus::completed; });
  change_alone(cancelled, [](domain::Interview& interview) { interview.status = InterviewStatus::cancelled; });
  ASSERT_EQ(job(completed)->state, JobState::pending);
  auto clock_worker = worker(db_);
  advance_to(clock_.now() + 4h);
  EXPECT_EQ(pass(*clock_worker).done, 2);
  EXPECT_EQ(interview(completed).status, InterviewStatus::completed);
  EXPECT_EQ(interview(cancelled).status, InterviewStatus::cancelled);
  EXPECT_EQ(clock_completions(completed), 0);
  EXPECT_EQ(clock_completions(cancelled), 0);
  EXPECT_EQ(job(cancelled)->state, JobState::done);
}

TEST_F(CompletionJobTest, TwoInstancesCompleteEachInterviewOnce) {
  constexpr int kInterviews = 30;
  std::vector<std::int64_t> ids;
  for (int i = 0; i < kInterviews; ++i) ids.push_back(booked(1h));
  advance_to(clock_.now() + 4h);
  auto other = testing::open_database(store_.url(), 2);
  JobWorkerOptions options;
  options.claim.limit = 3;  // many small batches: the instances meet often
  auto first = worker(db_, options);
  auto second = worker(*other, options);

  JobPass totals;
  std::mutex totals_mutex;
  std::barrier start(2);
  const auto drain = [&](JobWorker& worker) {
    start.arrive_and_wait();
    while (true) {
      auto ran = worker.run_once();
      ASSERT_TRUE(ran) << ran.error().internal;
      std::lock_guard lock(totals_mutex);
      totals.done += ran->done;
      totals.lost += ran->lost;
      totals.later += ran->later;
      if (ran->done + ran->lost + ran->later == 0) return;
    }
  };
  std::thread a([&] { drain(*first); });
  std::thread b([&] { drain(*second); });
  a.join();
  b.join();

  EXPECT_EQ(totals.done, kInterviews);
  EXPECT_EQ(totals.lost, 0);
  EXPECT_EQ(totals.later, 0);
  for (const auto id : ids) {
    EXPECT_EQ(interview(id).status, InterviewStatus::completed);
    EXPECT_EQ(clock_completions(id), 1) << "interview " << id;
  }
}

TEST_F(CompletionJobTest, AClaimLeftByADeadWorkerIsTakenOverAfterItsLease) {
  const auto id = booked(1h);
  advance_to(job(id)->due_at);
  ASSERT_EQ(claim(clock_.now()).size(), 1u);  // a worker claimed it, then its instance died
  auto survivor = worker(db_);
  EXPECT_EQ(pass(*survivor).done, 0);
  EXPECT_EQ(interview(id).status, InterviewStatus::confirmed);

  clock_.advance(5min);  // the default lease
  EXPECT_EQ(pass(*survivor).done, 1);
  EXPECT_EQ(interview(id).status, InterviewStatus::completed);
  EXPECT_EQ(clock_completions(id), 1);
  EXPECT_EQ(job(id)->attempts, 2);
}

TEST_F(CompletionJobTest, AWorkerWhoseClaimWasTakenOverChangesNothing) {
  const auto id = booked(1h);
  advance_to(job(id)->due_at);
  auto paused = worker(db_);
  auto taking_over = worker(db_);
  const auto stale = claim(clock_.now());  // the paused instance's claim...
  ASSERT_EQ(stale.size(), 1u);
  clock_.advance(5min);
  const auto current = claim(clock_.now());  // ...taken over once its lease ran out
  ASSERT_EQ(current.size(), 1u);

  // The paused instance wakes first: its claim is no longer the job's, so it writes nothing.
  auto late = paused->run_claimed(stale);
  ASSERT_TRUE(late) << late.error().internal;
  EXPECT_EQ(late->lost, 1);
  EXPECT_EQ(late->done, 0);
  EXPECT_EQ(interview(id).status, InterviewStatus::confirmed);
  EXPECT_EQ(clock_completions(id), 0);

  auto ran = taking_over->run_claimed(current);
  ASSERT_TRUE(ran) << ran.error().internal;
  EXPECT_EQ(ran->done, 1);
  EXPECT_EQ(clock_completions(id), 1);
}

TEST_F(CompletionJobTest, AJobMovedAfterItsClaimDoesNotRunForItsOldTime) {
  const auto id = booked(1h);
  advance_to(job(id)->due_at);
  const auto claimed = claim(clock_.now());
  ASSERT_EQ(claimed.size(), 1u);
  // Still confirmed and past its old end + grace, but rescheduled before the worker got to it.
  change(id, [](domain::Interview& interview) {
    interview.start = *interview.start + 24h;
    interview.end = *interview.end + 24h;
  });
  auto ran = worker(db_)->run_claimed(claimed);
  ASSERT_TRUE(ran) << ran.error().internal;
  EXPECT_EQ(ran->lost, 1);
  EXPECT_EQ(interview(id).status, InterviewStatus::confirmed);
  EXPECT_EQ(job(id)->state, JobState::pending);
  EXPECT_EQ(job(id)->due_at, *interview(id).end + 2h);
}

// A job that writes, then fails: the worker must roll its writes back with it.
class FailingJob final : public JobHandler {
 public:
  explicit FailingJob(store::InterviewRepo& interviews) : interviews_(interviews) {}
  std::string_view kind() const override { return "failing"; }
  Result<JobOutcome> run(store::Connection& db, const store::ClaimedJob& job, SystemTime now) override {
    RETURN_IF_ERROR(
        interviews_.add_history(db, job.interview_id, {now, "system", "half_done", "written, then failed"}));
    return fail(ErrorCode::upstream_unavailable, "Not now.", "the thing it needs is down");
  }

 private:
  store::InterviewRepo& interviews_;
};

TEST_F(CompletionJobTest, AFailedJobLeavesNoTraceAndIsRetriedWithBackoffUntilItIsDead) {
  const auto id = booked(1h, InterviewStatus::confirmed, false);
  auto planned = store::transact(
      db_, [&](store::Connection& db) -> Status { return jobs_.plan(db, "failing", id, clock_.now(), clock_.now()); });
  ASSERT_TRUE(planned);
  FailingJob failing(interviews_);
  JobWorkerOptions options;
  options.claim.max_attempts = 2;
  options.retry = {1min, 1h, 0.0};
  JobWorker flaky_worker(db_, jobs_, {failing}, clock_, options, quiet_log());

  auto first = flaky_worker.run_once();
  ASSERT_TRUE(first) << first.error().internal;
  EXPECT_EQ(first->retrying, 1);
  const auto retry = job(id, "failing");
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->state, JobState::pending);
  EXPECT_EQ(retry->due_at, clock_.now() + 1min);
  EXPECT_EQ(retry->last_error, "the thing it needs is down");
  auto history = store::read_with(db_, [&](store::Connection& db) { return interviews_.history(db, id); });
  ASSERT_TRUE(history);
  for (const auto& line : *history) EXPECT_NE(line.action, "half_done");

  clock_.advance(1min);
  auto second = flaky_worker.run_once();
  ASSERT_TRUE(second) << second.error().internal;
  EXPECT_EQ(second->dead, 1);
  EXPECT_EQ(job(id, "failing")->state, JobState::dead);
}

TEST_F(CompletionJobTest, TheBackgroundWorkerRunsDueJobsAndStops) {
  const auto id = booked(1h);
  JobWorkerOptions options;
  options.poll_interval = 10ms;
  auto background = worker(db_, options);
  background->start();
  advance_to(job(id)->due_at);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (interview(id).status != InterviewStatus::completed && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  background->stop();
  EXPECT_EQ(interview(id).status, InterviewStatus::completed);
  EXPECT_EQ(clock_completions(id), 1);
}

}  // namespace
}  // namespace poblysh::jobs
