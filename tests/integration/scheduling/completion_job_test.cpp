// The booking workflow plans the interview's completion by the clock in the transactions that
// book, move and cancel it: confirm plans it at the end + the grace (two hours by default),
// reschedule moves it, cancel removes it. Through the real service and the Cal.com simulator;
// the job table read directly.
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

TEST_F(CompletionPlanningTest, ConfirmPlansTheCompletionRescheduleMovesItAndCancelRemovesIt) {
  int id = 0;
  booked_draft(id);
  EXPECT_FALSE(completion_job(id));  // a draft has none
  std::string later_slot;
  const auto options = api_->get(path(id, "booking-options")).json();  // kept alive: the loop iterates into it
  for (const auto& type : options["event_types"]) {
    if (type["id"] == 1001 && type["slots"].size() > 1) later_slot = type["slots"][1]["start"];
  }
  ASSERT_FALSE(later_slot.empty());

  auto confirmed = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto end = at(confirmed.json()["end_time"].get<std::string>());
  const auto planned = completion_job(id);
  ASSERT_TRUE(planned);
  EXPECT_EQ(planned->state, store::JobState::pending);
  EXPECT_EQ(planned->due_at, end + 2h);

  auto moved = api_->post(path(id, "reschedule"), {{"start_time", later_slot}, {"reason", "The founder travels"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const auto new_end = at(moved.json()["end_time"].get<std::string>());
  ASSERT_NE(new_end, end);
  const auto replanned = completion_job(id);
  ASSERT_TRUE(replanned);
  EXPECT_EQ(replanned->due_at, new_end + 2h);
  EXPECT_EQ(replanned->state, store::JobState::pending);

  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "The startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_FALSE(completion_job(id));
}

}  // namespace
}  // namespace poblysh::testing
