// tests/integration/jobs: the job table and its worker over a fresh, migrated test store, with a
// startup (Northwind Robotics) and a member of the team (Alice Martin) to book interviews with.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jobs/job_planner.hpp"
#include "northwind_store.hpp"
#include "store/interview_repo.hpp"
#include "store/job_repo.hpp"

namespace poblysh::jobs {

inline std::shared_ptr<spdlog::logger> quiet_log() {
  return std::make_shared<spdlog::logger>("jobs-test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

class JobsTest : public testing::NorthwindStoreTest {
 protected:
  // A half-hour interview of Northwind's with Alice, starting `from_now` after the clock's time,
  // in `status`; its jobs planned as a workflow saving it would (`plan`), or none (rows written
  // before the job table, or by hand).
  std::int64_t booked(std::chrono::milliseconds from_now,
                      domain::InterviewStatus status = domain::InterviewStatus::confirmed, bool plan = true) {
    auto interview = founder_call(clock_.now() + from_now, status);
    auto id = store::transact(db_, [&](store::Connection& db) -> Result<std::int64_t> {
      ASSIGN_OR_RETURN(interview.id, interviews_.insert(db, interview));
      if (plan) RETURN_IF_ERROR(planner_.replan(db, interview));
      return interview.id;
    });
    EXPECT_TRUE(id) << id.error().internal;
    return id ? *id : 0;
  }

  // Changes the interview as a workflow would: saved, and its jobs re-planned with it.
  void change(std::int64_t id, const std::function<void(domain::Interview&)>& edit) { save(id, edit, true); }
  // Changes it without re-planning (a path that does not plan): its jobs stay as they were.
  void change_alone(std::int64_t id, const std::function<void(domain::Interview&)>& edit) { save(id, edit, false); }

  void save(std::int64_t id, const std::function<void(domain::Interview&)>& edit, bool replan) {
    auto saved = store::transact(db_, [&](store::Connection& db) -> Status {
      ASSIGN_OR_RETURN(auto interview, store::found(interviews_.find(db, id), "interview"));
      edit(interview);
      RETURN_IF_ERROR(interviews_.save(db, interview));
      if (replan) RETURN_IF_ERROR(planner_.replan(db, interview));
      return {};
    });
    ASSERT_TRUE(saved) << saved.error().internal;
  }

  std::optional<store::JobEntry> job(std::int64_t interview_id, std::string_view kind = kCompleteInterview) {
    auto found = store::read_with(db_, [&](store::Connection& db) { return jobs_.find(db, kind, interview_id); });
    EXPECT_TRUE(found) << found.error().internal;
    return found ? *found : std::nullopt;
  }

  domain::Interview interview(std::int64_t id) {
    auto found = store::read_with(
        db_, [&](store::Connection& db) { return store::found(interviews_.find(db, id), "interview"); });
    EXPECT_TRUE(found) << found.error().internal;
    return found ? *found : domain::Interview{};
  }

  // The history lines that say the clock completed the interview.
  int clock_completions(std::int64_t id) {
    auto lines = store::read_with(db_, [&](store::Connection& db) { return interviews_.history(db, id); });
    EXPECT_TRUE(lines) << lines.error().internal;
    int count = 0;
    for (const auto& line : lines ? *lines : std::vector<domain::HistoryEntry>{}) {
      if (line.detail == "completed by the clock") ++count;
    }
    return count;
  }

  std::vector<store::ClaimedJob> claim(SystemTime at, const store::JobClaimOptions& options = {}) {
    auto claimed =
        store::transact(db_, [&](store::Connection& db) { return jobs_.claim_due(db, kinds_, at, options); });
    EXPECT_TRUE(claimed) << claimed.error().internal;
    return claimed ? *claimed : std::vector<store::ClaimedJob>{};
  }

  // Moves the clock to `at` (never back).
  void advance_to(SystemTime at) {
    ASSERT_GE(at, clock_.now());
    clock_.advance(std::chrono::duration_cast<std::chrono::milliseconds>(at - clock_.now()));
  }

  store::InterviewRepo interviews_;
  store::JobRepo jobs_;
  JobPlanner planner_{jobs_, clock_, {}};  // the default grace: two hours
  const std::vector<std::string> kinds_{std::string(kCompleteInterview)};
};

}  // namespace poblysh::jobs
