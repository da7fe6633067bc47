// The booking workflow plans the interview's completion by the clock in the transactions that
// book and cancel it: confirm plans it at the end + the grace (two hours by default), cancel
// removes it. Through the real service and the Cal.com simulator; the job table read directly.
#include <gtest/gtest.h>

#include "iso_time.hpp"
#include "jobs/job_planner.hpp"
#include "store/job_repo.hpp"
#include "test_store.hpp"
#include "workflow_fixture.hpp"

namespace poblysh::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

class CompletionPlanningTest : public WorkflowTest {
 protected:
  std::optional<store::JobEntry> completion_job(int id) {
    if (!store_) store_ = open_database(service_->database_url(), 1);
    auto found =
        store::read_with(*store_, [&](store::Connection& db) { return jobs_.find(db, jobs::kCompleteInterview, id); });
    EXPECT_TRUE(found) << found.error().internal;
    return found ? *found : std::nullopt;
  }

  std::unique_ptr<store::Database> store_;
  store::JobRepo jobs_;
};

TEST_F(CompletionPlanningTest, ConfirmPlansTheCompletionAndCancelRemovesIt) {
  int id = 0;
  booked_draft(id);
  EXPECT_FALSE(completion_job(id));  // a draft has none

  auto confirmed = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto end = at(confirmed.json()["end_time"].get<std::string>());
  const auto planned = completion_job(id);
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->state, store::JobState::pending);
  EXPECT_EQ(planned->due_at, end + 2h);

  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "The startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_FALSE(completion_job(id));
}

}  // namespace
}  // namespace poblysh::testing
