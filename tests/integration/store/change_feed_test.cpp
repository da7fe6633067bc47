// interviews::ChangeFeed on both stores: it reports each interview whose history grew, once,
// with its status and row version; history from before it started is not news; and a history line
// whose id is below one already read (a PostgreSQL transaction that took its id first and committed
// last) is still reported. With a change counter (SQLite), a pass that sees no commit reads nothing.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <vector>

#include "interviews/change_feed.hpp"
#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

using interviews::InterviewChange;

class ChangeFeedStore : public StoreTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(db().migrate());
    run("INSERT INTO startups (name, name_sort, website, created_at, updated_at) VALUES ('Feed', 'feed', '', 0, 0)");
    first_ = add_interview("scheduled");
    second_ = add_interview("draft");
    add_history(first_);  // before the feed starts
  }

  std::int64_t add_interview(const std::string& status) {
    auto id = transact(db(), [&](Connection& c) {
      return c.insert_row(
          "INSERT INTO interviews (startup_id, title, status, created_at, updated_at, sort_at) "
          "VALUES ((SELECT MIN(id) FROM startups), 't', ?, 0, 0, 0)",
          {status});
    });
    EXPECT_TRUE(id && *id);
    return id && *id ? **id : 0;
  }
  void add_history(std::int64_t interview, std::optional<std::int64_t> id = std::nullopt) {
    if (id) {
      run("INSERT INTO interview_events (id, interview_id, at, actor, action) VALUES (?, ?, 0, 'test', 'x')",
          {*id, interview});
    } else {
      run("INSERT INTO interview_events (interview_id, at, actor, action) VALUES (?, 0, 'test', 'x')", {interview});
    }
  }
  void set_status(std::int64_t interview, const std::string& status) {
    run("UPDATE interviews SET status = ?, row_version = row_version + 1 WHERE id = ?", {status, interview});
    add_history(interview);
  }
  std::int64_t max_history_id() {
    auto row = read_with(db(), [](Connection& c) { return c.query_one("SELECT MAX(id) FROM interview_events"); });
    return row && *row ? (*row)->integer(0) : 0;
  }

  // A feed whose passes are run by the test; what its listener heard in each.
  std::unique_ptr<interviews::ChangeFeed> feed(ChangeCounter* counter = nullptr) {
    auto made = std::make_unique<interviews::ChangeFeed>(db(), counter);
    made->subscribe([this](const std::vector<InterviewChange>& changes) { heard_.push_back(changes); });
    return made;
  }

  std::int64_t first_ = 0, second_ = 0;
  std::vector<std::vector<InterviewChange>> heard_;
};

TEST_F(ChangeFeedStore, EachChangedInterviewIsReportedOnceWithItsStatusAndVersion) {
  auto changes = feed();
  ASSERT_TRUE(changes->poll_once());  // finds where history ends
  ASSERT_TRUE(changes->poll_once());
  EXPECT_TRUE(heard_.empty());

  set_status(first_, "confirmed");
  set_status(first_, "cancelled");  // two changes of one interview in one pass: its latest
  set_status(second_, "scheduled");
  ASSERT_TRUE(changes->poll_once());
  ASSERT_EQ(heard_.size(), 1u);
  ASSERT_EQ(heard_[0].size(), 2u);
  EXPECT_EQ(heard_[0][0].interview_id, first_);
  EXPECT_EQ(heard_[0][0].status, "cancelled");
  EXPECT_EQ(heard_[0][0].version, 2);
  EXPECT_EQ(heard_[0][1].interview_id, second_);
  EXPECT_EQ(heard_[0][1].status, "scheduled");

  ASSERT_TRUE(changes->poll_once());  // nothing new: nothing heard
  EXPECT_EQ(heard_.size(), 1u);
}

TEST_F(ChangeFeedStore, AHistoryLineCommittedLateBelowTheLastReadIdIsStillReported) {
  auto changes = feed();
  ASSERT_TRUE(changes->poll_once());
  const auto base = max_history_id();
  add_history(first_, base + 5);  // committed first, with the higher id
  ASSERT_TRUE(changes->poll_once());
  ASSERT_EQ(heard_.size(), 1u);
  add_history(second_, base + 3);  // took its id earlier, committed later
  ASSERT_TRUE(changes->poll_once());
  ASSERT_EQ(heard_.size(), 2u);
  ASSERT_EQ(heard_[1].size(), 1u);
  EXPECT_EQ(heard_[1][0].interview_id, second_);
  ASSERT_TRUE(changes->poll_once());
  EXPECT_EQ(heard_.size(), 2u);  // and neither again
}

// The counter says whether anything was committed (SQLite's WAL index); one that has not moved
// spares the pass its query, and one that cannot tell does not.
TEST_F(ChangeFeedStore, APassReadsOnlyOnceTheChangeCounterMoved) {
  struct SetCounter final : ChangeCounter {
    std::optional<std::uint64_t> now = 7;
    std::optional<std::uint64_t> value() override { return now; }
  } counter;
  auto changes = feed(&counter);
  ASSERT_TRUE(changes->poll_once());
  set_status(second_, "confirmed");
  ASSERT_TRUE(changes->poll_once());
  EXPECT_TRUE(heard_.empty());  // the counter did not move: not read
  counter.now = 8;
  ASSERT_TRUE(changes->poll_once());
  ASSERT_EQ(heard_.size(), 1u);
  EXPECT_EQ(heard_[0].at(0).status, "confirmed");

  set_status(first_, "confirmed");
  counter.now.reset();  // cannot tell: read
  ASSERT_TRUE(changes->poll_once());
  ASSERT_EQ(heard_.size(), 2u);
  EXPECT_EQ(heard_[1].at(0).interview_id, first_);
}

}  // namespace
}  // namespace poblysh::store::conformance
