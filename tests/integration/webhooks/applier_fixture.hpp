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
#include "northwind_store.hpp"
#include "notify/notifier.hpp"
#include "store/interview_repo.hpp"
#include "store/job_repo.hpp"
#include "store/outbox_repo.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhooks/event_applier.hpp"

namespace poblysh::webhooks {

class ApplierTest : public testing::NorthwindStoreTest {
 protected:
  // A confirmed half-hour "Founder call" of Northwind's with Alice, `hour` hours after the clock's
  // start, holding Cal.com booking `uid`.
  std::int64_t booked(const std::string& uid, int hour) {
    auto interview = founder_call(from_unix_ms(testing::ManualClock::kDefaultStartMs) + std::chrono::hours(hour),
                                  domain::InterviewStatus::confirmed);
    interview.calcom_booking_uid = uid;
    auto id = store::transact(db_, [&](store::Connection& db) { return interviews_.insert(db, interview); });
    EXPECT_TRUE(id) << id.error().internal;
    return id ? *id : 0;
  }

  store::InterviewRepo interviews_;
  store::ContactRepo contacts_;
  store::WebhookDeliveryRepo deliveries_;
  store::OutboxRepo outbox_;
  // Emails held, not sent: the tests read what was queued.
  notify::Notifier notifier_{outbox_, clock_, {{"Poblysh Interviews", "interviews@poblysh.test"}, true}};
  interviews::InterviewNotices notices_{notifier_, {}};
  interviews::InterviewViews views_{db_, interviews_, startups_, contacts_, team_, deliveries_};
  store::JobRepo jobs_;
  jobs::JobPlanner planner_{jobs_, clock_, {}};  // the default grace: two hours
  EventApplier applier_{interviews_, views_, notices_, planner_, clock_};
};

}  // namespace poblysh::webhooks
