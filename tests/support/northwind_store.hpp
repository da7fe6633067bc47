// Test support: a migrated test store (MigratedStoreTest) holding Northwind Robotics and Alice
// Martin of our team, written through the repositories, for tests of code that books
// interviews in the test's own process.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

#include "domain/interview.hpp"
#include "migrated_store.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"

namespace poblysh::testing {

class NorthwindStoreTest : public MigratedStoreTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MigratedStoreTest::SetUp());
    auto made = store::transact(db_, [&](store::Connection& db) -> Status {
      ASSIGN_OR_RETURN(auto startup, startups_.insert(db, {"Northwind Robotics", "", ""}, clock_.now()));
      ASSIGN_OR_RETURN(auto alice,
                       team_.insert(db, {"Alice Martin", "alice@poblysh.test", "Editor", {}, {}, true}, clock_.now()));
      startup_id_ = startup.id;
      member_id_ = alice.id;
      return {};
    });
    ASSERT_TRUE(made) << made.error().internal;
  }

  // A half-hour "Founder call" of Northwind's with Alice as its primary interviewer, not yet saved.
  domain::Interview founder_call(SystemTime start, domain::InterviewStatus status) const {
    domain::Interview interview;
    interview.startup_id = startup_id_;
    interview.title = "Founder call";
    interview.status = status;
    interview.start = start;
    interview.end = start + std::chrono::minutes(30);
    interview.team = {{member_id_, true}};
    interview.created_at = interview.updated_at = clock_.now();
    return interview;
  }

  store::StartupRepo startups_;
  store::TeamMemberRepo team_;
  std::int64_t startup_id_ = 0;
  std::int64_t member_id_ = 0;  // Alice
};

}  // namespace poblysh::testing
