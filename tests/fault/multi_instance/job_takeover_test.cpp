// Two instances run one job table; one is killed (SIGKILL) while it holds claims. Every
// interview whose end has passed is still completed by the clock, exactly once: the other
// instance runs what the killed one had claimed once their lease runs out, and nothing is lost.
#include <csignal>

#include "two_instances.hpp"

namespace poblysh::testing {
namespace {

constexpr int kInterviews = 1500;
constexpr int kLeaseSeconds = 4;

TEST_F(TwoInstancesTest, AKilledInstancesJobsAreRunOnceByTheOther) {
  start({}, {{"POBLYSH_JOBS_LEASE_SECONDS", std::to_string(kLeaseSeconds)},
             {"POBLYSH_JOBS_POLL_SECONDS", "1"},
             {"POBLYSH_INTERVIEWS_COMPLETION_GRACE_MINUTES", "0"}});

  // Interviews that ended an hour ago, their completion due: as the workflows plan it, written
  // at once so that both workers find a long queue at their next poll.
  const auto ended = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch() - std::chrono::hours(1))
                         .count();
  const std::string end = std::to_string(ended);
  ASSERT_EQ(db_->number("WITH made AS (INSERT INTO interviews (startup_id, title, status, start_at, end_at, "
                        "created_at, updated_at, sort_at) SELECT " +
                        std::to_string(startup_id_) + ", 'Clock ' || n, 'confirmed', " + end + " - 1800000, " + end +
                        ", " + end + " - 86400000, " + end + " - 86400000, " + end +
                        " - 1800000 FROM generate_series(1, " + std::to_string(kInterviews) +
                        ") AS n RETURNING id, end_at), planned AS (INSERT INTO jobs (kind, interview_id, due_at, "
                        "state, attempts, claims, created_at, updated_at) SELECT 'complete_interview', id, end_at, "
                        "'pending', 0, 0, end_at, end_at FROM made RETURNING id) SELECT COUNT(*) FROM planned"),
            kInterviews);
  const auto completed = [&] {
    return db_->number("SELECT COUNT(*) FROM interviews WHERE status = 'completed' AND title LIKE 'Clock %'");
  };

  // Both workers busy, a third done, and more than one batch (10) claimed: A holds claims. Kill A.
  ASSERT_TRUE(eventually(
      [&] {
        const auto log_a = a_->process().stdout_text() + a_->process().stderr_text();
        const auto log_b = b_->process().stdout_text() + b_->process().stderr_text();
        return completed() >= kInterviews / 3 && log_a.find("\"job done\"") != std::string::npos &&
               log_b.find("\"job done\"") != std::string::npos &&
               db_->number("SELECT COUNT(*) FROM jobs WHERE state = 'running'") > 10;
      },
      std::chrono::seconds(90)))
      << completed() << " of " << kInterviews << " completed";
  a_->process().kill_hard();
  const auto killed_at = std::chrono::steady_clock::now();
  const auto completed_at_kill = completed();
  ASSERT_LT(completed_at_kill, kInterviews) << "the kill came too late to test a takeover";

  ASSERT_TRUE(eventually([&] { return completed() == kInterviews; }, std::chrono::seconds(120)))
      << completed() << " of " << kInterviews << " completed";
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - killed_at);
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM interview_events WHERE detail = 'completed by the clock'"), kInterviews);
  EXPECT_EQ(db_->number("SELECT COUNT(DISTINCT interview_id) FROM interview_events WHERE detail = 'completed by the "
                        "clock'"),
            kInterviews);
  EXPECT_EQ(db_->number("SELECT COUNT(*) FROM jobs WHERE state <> 'done'"), 0);
  // What B took over from A ran under a second claim, after A's lease.
  const auto taken_over = db_->number("SELECT COUNT(*) FROM jobs WHERE claims > 1");
  EXPECT_GE(taken_over, 1);
  EXPECT_GE(took, std::chrono::seconds(kLeaseSeconds) - std::chrono::milliseconds(500));
  std::cout << kInterviews << " interviews; " << completed_at_kill << " completed when A was killed; " << taken_over
            << " jobs taken over from A; the rest took " << took.count() << " ms\n";
}

}  // namespace
}  // namespace poblysh::testing
