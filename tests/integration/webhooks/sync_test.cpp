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
  auto moved = sim_booking_post(repaired["calcom_booking_uid"].get<std::string>() + "/reschedule",
                                {{"start", slots_[2]["start"]}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string new_uid = moved.json()["data"]["uid"];
  sim_deliveries();
  auto second = sync(*service_);
  ASSERT_EQ(second.first, 0) << second.second;
  auto after = interview(id);
  EXPECT_EQ(after["calcom_booking_uid"], new_uid);
  EXPECT_EQ(unix_seconds(after["start_time"]), unix_seconds(slots_[2]["start"]));
  auto mails = mail_exactly(12);
  EXPECT_EQ(only(mails, "REQUEST", 2).size(), 5u);

  // Nothing is missing any more: another sync changes nothing and sends nothing.
  auto third = sync(*service_);
  ASSERT_EQ(third.first, 0) << third.second;
  EXPECT_NE(third.second.find("Changes applied: 0"), std::string::npos) << third.second;
  mail_exactly(12);
}

// A run that could not check a booking leaves its cursor where it was, so the next run lists
// that booking again — even when a later change has moved the newest update past it.
TEST_F(WebhookTest, ABookingASyncCouldNotCheckIsCheckedAgainByTheNextRun) {
  sim_->admin_post("/_sim/webhooks/drop", {{"count", 1}});
  const int lost = book();
  ASSERT_EQ(sim_deliveries()[0]["state"], "dropped");
  const std::string lost_uid = interview(lost)["calcom_booking_uid"];
  // An hour later at Cal.com another interview is booked: the newest update the run will list,
  // far beyond the cursor's overlap.
  sim_->admin_post("/_sim/clock", {{"advanceMs", 3600 * 1000}});
  const int later = book();
  ASSERT_EQ(wait_for(later, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");

  sim_->admin_post("/_sim/faults", {{"pathPrefix", "/v2/bookings/" + lost_uid}, {"errorCount", 1000}});
  auto [failed_code, failed_output] = sync(*service_);
  EXPECT_EQ(failed_code, 1) << failed_output;
  EXPECT_NE(failed_output.find("Failed (retried next time): 1"), std::string::npos) << failed_output;
  EXPECT_EQ(interview(lost)["status"], "scheduled");

  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto [code, output] = sync(*service_);
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("Changes applied: 1"), std::string::npos) << output;
  EXPECT_EQ(interview(lost)["status"], "confirmed");
}

TEST_F(WebhookTest, SyncWithoutChangesTouchesNothing) {
  const int id = book();
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  auto [code, output] = sync(*service_);
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("Changes applied: 0"), std::string::npos) << output;
  // Every interview checked is counted somewhere: here, up to date.
  EXPECT_NE(output.find("Interviews checked: 1\n"), std::string::npos) << output;
  EXPECT_NE(output.find("Already up to date: 1\n"), std::string::npos) << output;
  EXPECT_EQ(interview(id)["deliveries"].size(), 1u);
  mail_exactly(7);
}

class PeriodicSyncTest : public WebhookTest {
 protected:
  void SetUp() override { start(kWebhookSecret, true, {}, {{"POBLYSH_CALCOM_SYNC_SECONDS", "1"}}); }
};

TEST_F(PeriodicSyncTest, TheServiceRepairsALostWebhookOnItsOwn) {
  sim_->admin_post("/_sim/webhooks/drop", {{"count", 1}});
  const int id = book();
  ASSERT_EQ(sim_deliveries()[0]["state"], "dropped");
  auto repaired = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(repaired["status"], "confirmed") << repaired.dump();
  EXPECT_EQ(repaired["deliveries"][0]["source"], "sync");
  mail_exactly(7);
}

// `calcom webhooks install` registers our endpoint at Cal.com (here the simulator) so that
// deliveries reach us signed with the secret we verify; installing again updates, never duplicates.
class InstallTest : public WebhookTest {
 protected:
  void SetUp() override { start(kWebhookSecret, false); }

  json hooks_for(const std::string& url) {
    json out = json::array();
    const json listed = sim_api_->get("/v2/webhooks").json();  // kept alive for the loop
    for (const auto& hook : listed["data"]) {
      if (hook["subscriberUrl"] == url) out.push_back(hook);
    }
    return out;
  }
};

TEST_F(InstallTest, RegistersOnceWithOurTriggersAndTheConfiguredSecret) {
  const std::string url = service_->base_url() + "/webhooks/calcom";
  auto [code, output] = run_command({service_binary(), "calcom", "webhooks", "install", "--url", url}, service_->env());
  ASSERT_EQ(code, 0) << output;
  EXPECT_NE(output.find("Registered"), std::string::npos) << output;
  EXPECT_EQ(output.find(kWebhookSecret), std::string::npos) << "a configured secret is never printed";
  auto hooks = hooks_for(url);
  ASSERT_EQ(hooks.size(), 1u) << hooks.dump();
  std::set<std::string> triggers;
  for (const auto& trigger : hooks[0]["triggers"]) triggers.insert(trigger);
  EXPECT_EQ(triggers,
            (std::set<std::string>{"BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED", "BOOKING_REQUESTED",
                                   "BOOKING_REJECTED", "MEETING_ENDED", "BOOKING_NO_SHOW_UPDATED",
                                   "AFTER_HOSTS_CAL_VIDEO_NO_SHOW", "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"}));

  // Deliveries through the installed webhook verify: the secret is the one we hold.
  const int id = book();
  EXPECT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");

  auto again = run_command({service_binary(), "calcom", "webhooks", "install", "--url", url}, service_->env());
  ASSERT_EQ(again.first, 0) << again.second;
  EXPECT_NE(again.second.find("Updated"), std::string::npos) << again.second;
  EXPECT_EQ(hooks_for(url).size(), 1u);

  // Rotating prints the new secret for the configuration; deliveries then fail until it is set.
  auto rotated = run_command({service_binary(), "calcom", "webhooks", "install", "--url", url, "--rotate-secret"},
                             service_->env());
  ASSERT_EQ(rotated.first, 0) << rotated.second;
  const auto at = rotated.second.find("POBLYSH_CALCOM_WEBHOOK_SECRET=");
  ASSERT_NE(at, std::string::npos) << rotated.second;
  const std::string secret = rotated.second.substr(at + 30, rotated.second.find('\n', at) - at - 30);
  EXPECT_GE(secret.size(), 32u);
  EXPECT_NE(secret, kWebhookSecret);
  EXPECT_EQ(hooks_for(url).size(), 1u);
  auto refused_before = admin_list("/api/v1/admin/webhook-deliveries").size();
  ASSERT_LT(sim_booking_post(interview(id)["calcom_booking_uid"].get<std::string>() + "/cancel",
                             {{"cancellationReason", "Test"}})
                .status,
            300);
  auto records = sim_deliveries();
  EXPECT_EQ(records.back()["httpStatus"], 401);
  EXPECT_EQ(admin_list("/api/v1/admin/webhook-deliveries").size(), refused_before);
  EXPECT_EQ(interview(id)["status"], "confirmed");
}

// Run where the secret is not configured (another machine, a forgotten file), installing again
// would sign deliveries with a new secret that no running instance holds.
TEST_F(InstallTest, WithoutTheSecretAnExistingRegistrationIsNotReplacedUnlessAsked) {
  const std::string url = service_->base_url() + "/webhooks/calcom";
  ASSERT_EQ(run_command({service_binary(), "calcom", "webhooks", "install", "--url", url}, service_->env()).first, 0);
  const auto before = hooks_for(url);
  auto without_secret = service_->env();
  without_secret.erase("POBLYSH_CALCOM_WEBHOOK_SECRET");
  auto [code, output] = run_command({service_binary(), "calcom", "webhooks", "install", "--url", url}, without_secret);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("--rotate-secret"), std::string::npos) << output;
  EXPECT_EQ(output.find("POBLYSH_CALCOM_WEBHOOK_SECRET="), std::string::npos) << "no new secret was made";
  EXPECT_EQ(hooks_for(url), before);
  // Deliveries still verify with the secret the service holds.
  const int id = book();
  EXPECT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");

  auto rotated =
      run_command({service_binary(), "calcom", "webhooks", "install", "--url", url, "--rotate-secret"}, without_secret);
  EXPECT_EQ(rotated.first, 0) << rotated.second;
  EXPECT_NE(rotated.second.find("POBLYSH_CALCOM_WEBHOOK_SECRET="), std::string::npos) << rotated.second;
}

TEST_F(InstallTest, RefusesAnAddressThatIsNotAUrl) {
  auto [code, output] =
      run_command({service_binary(), "calcom", "webhooks", "install", "--url", "example.com/hook"}, service_->env());
  EXPECT_EQ(code, 2) << output;
}

}  // namespace
}  // namespace poblysh::testing
