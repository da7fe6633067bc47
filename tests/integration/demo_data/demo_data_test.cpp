// The demo interviews point at the demo people and startups whatever ids those got: ids do not
// start at 1 when rows came and went before (a PostgreSQL sequence also keeps the numbers of
// rolled-back inserts, as when two instances start together on an empty schema).
#include "app/demo_data.hpp"

#include <gtest/gtest.h>

#include "manual_clock.hpp"
#include "service_process.hpp"
#include "test_store.hpp"

namespace poblysh::app {
namespace {

class DemoDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::InProcessStore>(dir_.path() / "demo.db", 2);
    ASSERT_TRUE(store_->database().migrate());
  }

  void execute(const std::string& sql) {
    ASSERT_TRUE(store_->database().transaction([&](store::Connection& c) -> Status {
      auto done = c.execute(sql, {});
      if (!done) return tl::unexpected(done.error());
      return {};
    })) << sql;
  }

  std::int64_t number(const std::string& sql) {
    auto row = store::read_with(store_->database(), [&](store::Connection& c) { return c.query_one(sql, {}); });
    EXPECT_TRUE(row && *row) << sql;
    return (row && *row) ? (**row).integer(0) : -1;
  }

  testing::TempDir dir_;  // first: removed after everything in it is closed
  std::unique_ptr<testing::InProcessStore> store_;
  testing::ManualClock clock_;
};

TEST_F(DemoDataTest, DemoInterviewsUseTheIdsTheirStartupsContactsAndTeamGot) {
  // A startup that came and went (the next id is not 1 on PostgreSQL) and a team member who is
  // not one of the demo team (team ids start after it on both stores).
  execute("INSERT INTO startups (name, name_sort, created_at, updated_at) VALUES ('Gone', 'gone', 0, 0)");
  execute("DELETE FROM startups");
  execute(
      "INSERT INTO team_members (name, name_sort, email, email_normalized, role, created_at, updated_at) "
      "VALUES ('Zoe Outsider', 'zoe outsider', 'zoe@elsewhere.example', 'zoe@elsewhere.example', 'Guest', 0, 0)");

  auto loaded = load_demo_data(store_->database(), clock_);
  ASSERT_TRUE(loaded) << loaded.error().internal;
  EXPECT_TRUE(*loaded);

  const auto interviews = number("SELECT COUNT(*) FROM interviews");
  EXPECT_EQ(interviews, 5);
  // Each interview is about the startup its title names, with a contact of that startup.
  EXPECT_EQ(number("SELECT COUNT(*) FROM interviews i JOIN startups s ON s.id = i.startup_id "
                   "WHERE i.title LIKE s.name || '%'"),
            interviews);
  EXPECT_EQ(number("SELECT COUNT(*) FROM interviews i JOIN contacts c ON c.id = i.contact_id "
                   "WHERE c.startup_id = i.startup_id"),
            interviews);
  // Its team is the demo team, never the member who was there before.
  EXPECT_EQ(number("SELECT COUNT(*) FROM interview_team t JOIN team_members m ON m.id = t.team_member_id "
                   "WHERE m.email LIKE '%@poblysh.test'"),
            number("SELECT COUNT(*) FROM interview_team"));
  EXPECT_GT(number("SELECT COUNT(*) FROM interview_team"), 0);
  // The guest on the first interview is that startup's own contact.
  EXPECT_EQ(number("SELECT COUNT(*) FROM interview_guests g JOIN interviews i ON i.id = g.interview_id "
                   "JOIN contacts c ON c.id = g.contact_id WHERE c.startup_id = i.startup_id"),
            number("SELECT COUNT(*) FROM interview_guests WHERE contact_id IS NOT NULL"));
}

}  // namespace
}  // namespace poblysh::app
