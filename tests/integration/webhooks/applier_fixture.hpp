// tests/integration/webhooks: EventApplier in process over a fresh, migrated test store, with the
// repositories and services it works through, a startup (Northwind Robotics) and a member of the
// team (Alice Martin); each test books its own interviews.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "interviews/interview_notices.hpp"
#include "interviews/interview_views.hpp"
#include "jobs/job_planner.hpp"
#include "migrated_store.hpp"
#include "notify/notifier.hpp"
#include "store/interview_repo.hpp"
#include "store/job_repo.hpp"
#include "store/outbox_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhooks/event_applier.hpp"

namespace poblysh::webhooks {

class ApplierTest : public testing::MigratedStoreTest {
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

  // A confirmed half-hour "Founder call" of Northwind's with Alice, `hour` hours after the clock's
  // start, holding Cal.com booking `uid`.
  std::int64_t booked(const std::string& uid, int hour) {
    domain::Interview interview;
    interview.startup_id = startup_id_;
    interview.title = "Founder call";
    interview.status = domain::InterviewStatus::confirmed;
    interview.start = from_unix_ms(testing::ManualClock::kDefaultStartMs) + std::chrono::hours(hour);
    interview.end = *interview.start + std::chrono::minutes(30);
    interview.calcom_booking_uid = uid;
    interview.team = {{member_id_, true}};
    interview.created_at = interview.updated_at = clock_.now();
    auto id = store::transact(db_, [&](store::Connection& db) { return interviews_.insert(db, interview); });
    EXPECT_TRUE(id) << id.error().internal;
    return id ? *id : 0;
  }

  store::InterviewRepo interviews_;
  store::StartupRepo startups_;
  store::ContactRepo contacts_;
  store::TeamMemberRepo team_;
  store::WebhookDeliveryRepo deliveries_;
  store::OutboxRepo outbox_;
  // Emails held, not sent: the tests read what was queued.
  notify::Notifier notifier_{outbox_, clock_, {{"Poblysh Interviews", "interviews@poblysh.test"}, true}};
  interviews::InterviewNotices notices_{notifier_, {}};
  interviews::InterviewViews views_{db_, interviews_, startups_, contacts_, team_, deliveries_};
  store::JobRepo jobs_;
  jobs::JobPlanner planner_{jobs_, clock_, {}};  // the default grace: two hours
  EventApplier applier_{interviews_, views_, notices_, planner_, clock_};
  std::int64_t startup_id_ = 0;
  std::int64_t member_id_ = 0;  // Alice
};

}  // namespace poblysh::webhooks
