// Cal.com delivers once, but duplicates and reordering happen (and admins re-send): every
// change takes effect once, and the newest state wins.
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

json created_delivery(const json& deliveries) {
  for (const auto& delivery : deliveries) {
    if (delivery["triggerEvent"] == "BOOKING_CREATED") return delivery;
  }
  return nullptr;
}

TEST_F(WebhookTest, DuplicateDeliveriesHaveOneEffectAndOneEmail) {
  const int id = book();
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  mail_exactly(7);
  const json created = created_delivery(sim_deliveries());
  ASSERT_FALSE(created.is_null());
  // The same bytes and signature twice more, then a fresh CREATED for the same booking.
  sim_->admin_post("/_sim/deliveries/" + std::to_string(created["id"].get<int>()) + "/redeliver");
  sim_->admin_post("/_sim/deliveries/" + std::to_string(created["id"].get<int>()) + "/redeliver");
  sim_->admin_post("/_sim/webhooks/trigger",
                   {{"bookingUid", created["bookingUid"]}, {"triggerEvent", "BOOKING_CREATED"}});
  for (const auto& delivery : sim_deliveries()) EXPECT_EQ(delivery["httpStatus"], 200) << delivery.dump();
  auto duplicates = admin_list("/api/v1/admin/webhook-deliveries?outcome=duplicate");
  EXPECT_EQ(duplicates.size(), 3u);
  EXPECT_EQ(duplicates.back()["duplicate_of"], admin_list("/api/v1/admin/webhook-deliveries?outcome=applied")[0]["id"]);
  mail_exactly(7);
  // An admin re-applying the recorded delivery goes through the same path: nothing changes.
  const auto applied_id = admin_list("/api/v1/admin/webhook-deliveries?outcome=applied")[0]["id"].get<int>();
  auto reapplied =
      api_->post("/api/v1/admin/webhook-deliveries/" + std::to_string(applied_id) + "/reapply", json::object());
  ASSERT_EQ(reapplied.status, 200) << reapplied.body;
  EXPECT_EQ(reapplied.json()["outcome"], "duplicate");
  EXPECT_EQ(api_->post("/api/v1/admin/webhook-deliveries/99999/reapply", json::object()).status, 404);
  mail_exactly(7);
  EXPECT_EQ(interview(id)["status"], "confirmed");
}

TEST_F(WebhookTest, CancelledBeforeCreatedStaysCancelled) {
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  const int id = book();
  const std::string uid = interview(id)["calcom_booking_uid"];
  ASSERT_LT(sim_booking_post(uid + "/cancel", {{"cancellationReason", "Changed plans"}}).status, 300);
  sim_->admin_post("/_sim/webhooks/release", {{"order", "newest"}});
  sim_deliveries();
  auto after = wait_for(id, [](const json& i) { return i["deliveries"].size() == 2; });
  ASSERT_EQ(after["deliveries"].size(), 2u) << after.dump();
  EXPECT_EQ(after["status"], "cancelled");
  EXPECT_EQ(after["cancellation_reason"], "Changed plans");
  EXPECT_EQ(after["deliveries"][0]["trigger"], "BOOKING_CANCELLED");
  EXPECT_EQ(after["deliveries"][0]["outcome"], "applied");
  EXPECT_EQ(after["deliveries"][1]["trigger"], "BOOKING_CREATED");
  EXPECT_EQ(after["deliveries"][1]["outcome"], "stale");
  auto mails = mail_exactly(10);  // invitations at confirm, then the cancellation; no confirmation
  EXPECT_EQ(only(mails, "REQUEST", 1).size(), 5u);
  EXPECT_EQ(only(mails, "CANCEL", 2).size(), 5u);
}

TEST_F(WebhookTest, AnOlderRescheduleNeverOverwritesANewerTime) {
  const int id = book();
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed");
  mail_exactly(7);
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  auto first = sim_booking_post(confirmed["calcom_booking_uid"].get<std::string>() + "/reschedule",
                                {{"start", slots_[1]["start"]}});
  ASSERT_LT(first.status, 300) << first.body;
  const std::string middle_uid = first.json()["data"]["uid"];
  auto second = sim_booking_post(middle_uid + "/reschedule", {{"start", slots_[2]["start"]}});
  ASSERT_LT(second.status, 300) << second.body;
  const std::string last_uid = second.json()["data"]["uid"];
  sim_->admin_post("/_sim/webhooks/release", {{"order", "newest"}});
  sim_deliveries();
  auto after = wait_for(id, [](const json& i) { return i["deliveries"].size() == 3; });
  ASSERT_EQ(after["deliveries"].size(), 3u) << after.dump();
  EXPECT_EQ(after["calcom_booking_uid"], last_uid);
  EXPECT_EQ(unix_seconds(after["start_time"]), unix_seconds(slots_[2]["start"]));
  // The lists by meeting time follow the newest time, a member's list too (its rows repeat it).
  std::string newest = slots_[2]["start"];
  if (auto plus = newest.find('+'); plus != std::string::npos) newest.replace(plus, 1, "%2B");
  auto listed = [&](const std::string& query) {
    auto page = api_->get(query);
    EXPECT_EQ(page.status, 200) << query << ": " << page.body;
    if (page.status != 200) return false;
    const auto body = page.json();  // kept alive: the loop iterates into it
    bool found = false;
    for (const auto& item : body["items"]) found = found || item["id"] == id;
    return found;
  };
  for (const std::string& list : {std::string("/api/v1/interviews?limit=50"),
                                  "/api/v1/interviews?limit=50&team_member_id=" + std::to_string(alice_)}) {
    EXPECT_TRUE(listed(list + "&from=" + newest)) << list;
    EXPECT_FALSE(listed(list + "&to=" + newest)) << list;
    EXPECT_TRUE(listed(list + "&status=confirmed&from=" + newest)) << list;
  }
  EXPECT_EQ(after["deliveries"][1]["outcome"], "applied");
  EXPECT_EQ(after["deliveries"][2]["outcome"], "stale");
  auto mails = mail_exactly(12);             // one update per person, for the newest time only
  auto updates = only(mails, "REQUEST", 3);  // above the newest booking's iCalSequence, 2
  ASSERT_EQ(updates.size(), 5u);
  for (const auto& mail : updates) EXPECT_EQ(mail.start, unix_seconds(slots_[2]["start"]));
}

// The iCalSequence rule alone. Above, a late reschedule is also refused because its booking is no
// longer the interview's; here the delivery is about the interview's own booking, so only the
// sequence can tell it is older — and it must win over a later createdAt.
TEST_F(WebhookTest, ALowerICalSequenceIsOlderWhateverItsCreatedAtSays) {
  const int id = book();
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed");
  const std::string first_uid = confirmed["calcom_booking_uid"];
  auto moved = sim_booking_post(first_uid + "/reschedule", {{"start", slots_[1]["start"]}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string moved_uid = moved.json()["data"]["uid"];
  auto after_move = wait_for(id, [&](const json& i) { return i["calcom_booking_uid"] == moved_uid; });
  ASSERT_EQ(after_move["calcom_booking_uid"], moved_uid) << after_move.dump();

  const std::string older = rescheduled_delivery(first_uid, moved_uid, slots_[2], 0);
  auto answered = deliver_signed(older);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["outcome"], "stale");
  EXPECT_EQ(unix_seconds(interview(id)["start_time"]), unix_seconds(slots_[1]["start"]));
}

TEST_F(WebhookTest, ReorderedRescheduleAndCancelEndCancelledAtTheNewBooking) {
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  const int id = book();
  const std::string uid = interview(id)["calcom_booking_uid"];
  auto moved = sim_booking_post(uid + "/reschedule", {{"start", slots_[2]["start"]}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string new_uid = moved.json()["data"]["uid"];
  ASSERT_LT(sim_booking_post(new_uid + "/cancel", {{"cancellationReason", "Called off"}}).status, 300);
  sim_->admin_post("/_sim/webhooks/release", {{"order", "newest"}});  // CANCELLED, RESCHEDULED, CREATED
  sim_deliveries();
  auto after = wait_for(id, [](const json& i) { return i["deliveries"].size() == 3; });
  ASSERT_EQ(after["deliveries"].size(), 3u) << after.dump();
  EXPECT_EQ(after["status"], "cancelled");
  EXPECT_EQ(after["calcom_booking_uid"], new_uid);
  int applied = 0;
  for (const auto& delivery : after["deliveries"]) applied += delivery["outcome"] == "applied" ? 1 : 0;
  EXPECT_EQ(applied, 1);
  auto mails = mail_exactly(10);
  EXPECT_EQ(only(mails, "CANCEL", 2).size(), 5u);
}

}  // namespace
}  // namespace poblysh::testing
