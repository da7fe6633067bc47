// Cal.com does not retry webhooks: `calcom sync` applies what a lost delivery would have.
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

std::pair<int, std::string> sync(const Service& service) {
  return run_command({service_binary(), "calcom", "sync"}, service.env());
}

TEST_F(WebhookTest, SyncRepairsDroppedWebhooks) {
  sim_->admin_post("/_sim/webhooks/drop", {{"count", 1}});
  const int id = book();
  auto deliveries = sim_deliveries();
  ASSERT_EQ(deliveries.size(), 1u);
  EXPECT_EQ(deliveries[0]["state"], "dropped");
  EXPECT_EQ(interview(id)["status"], "scheduled");

  auto [code, output] = sync(*service_);
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("Changes applied: 1"), std::string::npos) << output;
  auto repaired = interview(id);
  EXPECT_EQ(repaired["status"], "confirmed");
  EXPECT_EQ(repaired["meeting_provider"], "Cal Video");
  EXPECT_FALSE(repaired["meeting_url"].is_null());
  ASSERT_EQ(repaired["deliveries"].size(), 1u);
  EXPECT_EQ(repaired["deliveries"][0]["source"], "sync");
  EXPECT_EQ(repaired["deliveries"][0]["trigger"], "BOOKING_CREATED");
  mail_exactly(7);  // the running service sends what the sync queued

  // A lost reschedule: the sync follows the old booking to the new one.
  sim_->admin_post("/_sim/webhooks/drop", {{"count", 1}});
  auto moved = sim_booking_post(repaired["calcom_booking_uid"].get<std::string>() + "/reschedule", {{"start", slots_[2]["start"]}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string new_uid = moved.json()["data"]["uid"];
  sim_deliveries();
  auto second = sync(*service_);
  ASSERT_EQ(second.first, 0) << second.second;
  auto after = interview(id);
  EXPECT_EQ(after["calcom_booking_uid"], new_uid);
  EXPECT_EQ(unix_seconds(after["start_time"]), unix_seconds(slots_[2]["start"]));
  auto mails = mail_exactly(12);
  EXPECT_EQ(only(mails, "REQUEST", 1).size(), 5u);

  // Nothing is missing any more: another sync changes nothing and sends nothing.
  auto third = sync(*service_);
  ASSERT_EQ(third.first, 0) << third.second;
  EXPECT_NE(third.second.find("Changes applied: 0"), std::string::npos) << third.second;
  mail_exactly(12);
}

TEST_F(WebhookTest, SyncWithoutChangesTouchesNothing) {
  const int id = book();
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  auto [code, output] = sync(*service_);
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("Changes applied: 0"), std::string::npos) << output;
  EXPECT_EQ(interview(id)["deliveries"].size(), 1u);
  mail_exactly(7);
}

}  // namespace
}  // namespace poblysh::testing
