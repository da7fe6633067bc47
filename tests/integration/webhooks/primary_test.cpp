// Changing the primary interviewer of a booked interview: a new Cal.com booking under the new
// primary's event type, the old one cancelled, exactly once however often it is asked. The new
// primary gets an invitation, the previous one (when taken off) a cancellation naming only them,
// the others an update only when the time moved — and the old booking's cancellation, which
// carries our interview id, never cancels the interview.
#include <algorithm>
#include <thread>

#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

class PrimaryTest : public WebhookTest {
 protected:
  void SetUp() override {
    WebhookTest::SetUp();
    chloe_ = northwind::add_member(*api_, "Chloé Dubois", "chloe@poblysh.test", "Analyst", "chloe-analyst");
    ASSERT_GT(chloe_, 0);
    david_ = northwind::add_member(*api_, "David Okafor", "david@poblysh.test", "Associate", "david-associate");
    ASSERT_GT(david_, 0);
  }

  HttpResponse change(int id, const json& body) { return api_->post(path(id, "primary"), body); }

  // A confirmed interview, its seven first emails read; the SEQUENCE and UID they carried.
  int confirmed(int& sequence, std::string& calendar_uid) {
    const int id = book();
    auto done = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
    EXPECT_EQ(done["status"], "confirmed") << done.dump();
    sequence = -1;
    for (const auto& mail : mail_exactly(7)) sequence = std::max(sequence, mail.sequence);
    calendar_uid = sim_booking(done["calcom_booking_uid"])["icsUid"];
    return id;
  }

  static int primary_of(const json& interview) {
    for (const auto& member : interview["team"]) {
      if (member["is_primary"] == true) return member["team_member_id"].get<int>();
    }
    return 0;
  }

  static std::set<int> team_of(const json& interview) {
    std::set<int> out;
    for (const auto& member : interview["team"]) out.insert(member["team_member_id"].get<int>());
    return out;
  }

  static int count_history(const json& interview, const std::string& action) {
    const json& history = interview["history"];
    return static_cast<int>(
        std::count_if(history.begin(), history.end(), [&](const json& entry) { return entry["action"] == action; }));
  }

  int sim_requests(const std::string& key) {
    const json requests = sim_->admin_get("/_sim/requests")["data"];
    return requests.value(key, 0);
  }

  int chloe_ = 0, david_ = 0;
};

TEST_F(PrimaryTest, TheNewPrimaryIsInvitedThePreviousOneCancelledAndNobodyElseTold) {
  int sequence = 0;
  std::string calendar_uid;
  const int id = confirmed(sequence, calendar_uid);
  const json before = interview(id);
  const std::string old_uid = before["calcom_booking_uid"];

  auto changed = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}, {"reason", "Alice is ill"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json after = changed.json();
  EXPECT_TRUE(after["old_booking_problem"].is_null()) << after["old_booking_problem"];
  EXPECT_EQ(primary_of(after), chloe_);
  EXPECT_EQ(team_of(after), (std::set<int>{chloe_, bruno_})) << after["team"].dump();
  const std::string new_uid = after["calcom_booking_uid"];
  EXPECT_NE(new_uid, old_uid);
  EXPECT_EQ(after["start_time"], before["start_time"]);  // the same slot
  EXPECT_EQ(after["status"], "confirmed");
  const json& last = after["history"].back();
  EXPECT_EQ(last["action"], "primary_changed");
  EXPECT_EQ(last["actor"], "admin@example.com");
  const std::string detail = last["detail"];
  for (const std::string& part :
       {std::string("from Alice Martin to Chloé Dubois"), old_uid, new_uid, std::string("Alice is ill")}) {
    EXPECT_NE(detail.find(part), std::string::npos) << detail;
  }
  // At Cal.com: a booking of Chloé's event type for the same people, and the old one cancelled.
  const json booking = sim_booking(new_uid);
  EXPECT_EQ(booking["eventTypeId"], 1201) << booking.dump();
  EXPECT_EQ(booking["status"], "accepted");
  EXPECT_EQ(booking["metadata"]["poblysh_interview_id"], std::to_string(id));
  EXPECT_EQ(sim_booking(old_uid)["status"], "cancelled");

  auto mails = mail_exactly(9);
  std::map<std::string, Invitation> told;
  for (std::size_t i = 7; i < mails.size(); ++i) told[mails[i].recipient] = mails[i];
  ASSERT_EQ(told.size(), 2u);
  const auto& invitation = told["chloe@poblysh.test"];
  EXPECT_EQ(invitation.method, "REQUEST");
  EXPECT_EQ(invitation.uid, calendar_uid);  // the same calendar event
  EXPECT_EQ(invitation.sequence, sequence + 1);
  EXPECT_EQ(invitation.start, unix_seconds(before["start_time"]));
  const auto& cancellation = told["alice@poblysh.test"];
  EXPECT_EQ(cancellation.method, "CANCEL");
  EXPECT_EQ(cancellation.uid, calendar_uid);
  EXPECT_EQ(cancellation.sequence, sequence + 1);
  EXPECT_EQ(cancellation.to.find("bruno"), std::string::npos) << cancellation.to;

  // Cal.com's webhooks: the old booking's cancellation is stale, the new booking's creation
  // changes nothing (the interview is confirmed already); nobody is told again.
  auto settled = wait_for(id, [](const json& i) { return i["deliveries"].size() >= 3; });
  ASSERT_EQ(settled["deliveries"].size(), 3u) << settled["deliveries"].dump();
  for (const auto& delivery : settled["deliveries"]) {
    if (delivery["trigger"] == "BOOKING_CANCELLED") {
      EXPECT_EQ(delivery["outcome"], "stale") << delivery.dump();
    }
  }
  EXPECT_EQ(settled["status"], "confirmed");
  EXPECT_EQ(settled["calcom_booking_uid"], new_uid);
  mail_exactly(9);

  // The same request again finds it done and asks Cal.com nothing.
  const int bookings = sim_requests("POST /v2/bookings");
  auto again = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["calcom_booking_uid"], new_uid);
  EXPECT_EQ(sim_requests("POST /v2/bookings"), bookings);
  EXPECT_EQ(count_history(again.json(), "primary_changed"), 1);
}

TEST_F(PrimaryTest, AtANewTimeTheOthersGetAnUpdateAndAKeptPrimaryNoCancellation) {
  int sequence = 0;
  std::string calendar_uid;
  const int id = confirmed(sequence, calendar_uid);
  auto changed = change(id, {{"primary_team_member_id", david_},
                             {"event_type_id", 1301},
                             {"start_time", slots_[2]["start"]},
                             {"keep_previous", true}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json after = changed.json();
  EXPECT_EQ(primary_of(after), david_);
  EXPECT_EQ(team_of(after), (std::set<int>{david_, alice_, bruno_}));
  const long long new_start = unix_seconds(slots_[2]["start"]);
  EXPECT_EQ(unix_seconds(after["start_time"]), new_start);

  auto mails = mail_exactly(13);
  std::map<std::string, Invitation> told;
  for (std::size_t i = 7; i < mails.size(); ++i) told[mails[i].recipient] = mails[i];
  ASSERT_EQ(told.size(), 6u);
  for (const auto& [who, mail] : told) {
    EXPECT_EQ(mail.method, "REQUEST") << who;  // nobody left: no cancellation
    EXPECT_EQ(mail.sequence, sequence + 1) << who;
    EXPECT_EQ(mail.uid, calendar_uid) << who;
    EXPECT_EQ(mail.start, new_start) << who;
  }
  EXPECT_EQ(told["david@poblysh.test"].subject.rfind("Invitation", 0), 0u) << told["david@poblysh.test"].subject;
  EXPECT_EQ(told["alice@poblysh.test"].subject.rfind("Interview rescheduled", 0), 0u);
  EXPECT_NE(told["lena@northwind.example"].text.find("Previously"), std::string::npos);
}

// Cal.com's deliveries for the change arrive newest first, the old booking's cancellation before
// the new booking's creation: the cancellation carries our interview id and must be known as the
// replaced booking's, or it would cancel the interview.
TEST_F(PrimaryTest, TheOldBookingsCancellationNeverCancelsTheInterview) {
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  const int id = book();
  ASSERT_EQ(interview(id)["status"], "scheduled");
  mail_exactly(5);  // the invitations; the team's "confirmed" waits for Cal.com's webhook
  const std::string old_uid = interview(id)["calcom_booking_uid"];
  auto changed = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const std::string new_uid = changed.json()["calcom_booking_uid"];
  EXPECT_EQ(changed.json()["status"], "scheduled");

  sim_->admin_post("/_sim/webhooks/release", {{"order", "newest"}});
  // The new booking's BOOKING_CREATED confirms it as usual.
  auto settled = wait_for(id, [](const json& i) { return i["deliveries"].size() >= 3; });
  ASSERT_EQ(settled["deliveries"].size(), 3u) << settled["deliveries"].dump();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  settled = interview(id);
  EXPECT_EQ(settled["status"], "confirmed") << settled["history"].dump();
  EXPECT_EQ(settled["calcom_booking_uid"], new_uid);
  EXPECT_EQ(count_history(settled, "cancelled"), 0);
  // The old booking's two deliveries (its creation, held since the booking, and its
  // cancellation) are stale; the new booking's creation is applied.
  int applied = 0;
  for (const auto& delivery : settled["deliveries"]) {
    if (delivery["outcome"] == "applied") {
      ++applied;
      EXPECT_EQ(delivery["trigger"], "BOOKING_CREATED") << delivery.dump();
    } else {
      EXPECT_EQ(delivery["outcome"], "stale") << delivery.dump();
    }
  }
  EXPECT_EQ(applied, 1) << settled["deliveries"].dump();
  // Only the team hears that the booking is confirmed; nobody gets a cancellation but Alice.
  for (const auto& mail : invitations(sink_->messages())) {
    if (mail.method == "CANCEL") {
      EXPECT_EQ(mail.recipient, "alice@poblysh.test");
    }
  }
}

TEST_F(PrimaryTest, ADoubleClickBooksOnceAndInvitesOnce) {
  int sequence = 0;
  std::string calendar_uid;
  const int id = confirmed(sequence, calendar_uid);
  const int bookings = sim_requests("POST /v2/bookings");
  // Cal.com answers slowly, so the second click arrives while the first is being sent.
  sim_->admin_post("/_sim/faults", {{"pathPrefix", "/v2/bookings"}, {"method", "POST"}, {"answerDelayMs", 1500}});
  const json body{{"primary_team_member_id", chloe_}, {"event_type_id", 1201}};
  const auto [first, second] = double_click(path(id, "primary"), body, std::chrono::milliseconds(200));
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(first.json()["calcom_booking_uid"], second.json()["calcom_booking_uid"]);
  EXPECT_EQ(sim_requests("POST /v2/bookings"), bookings + 1);
  const json after = interview(id);
  EXPECT_EQ(count_history(after, "primary_changed"), 1) << after["history"].dump();
  auto mails = mail_exactly(9);
  std::set<std::string> told;
  for (std::size_t i = 7; i < mails.size(); ++i) told.insert(mails[i].recipient + " " + mails[i].method);
  EXPECT_EQ(told, (std::set<std::string>{"chloe@poblysh.test REQUEST", "alice@poblysh.test CANCEL"}));
}

TEST_F(PrimaryTest, WhenCalcomRefusesTheNewBookingNothingChanges) {
  int sequence = 0;
  std::string calendar_uid;
  const int id = confirmed(sequence, calendar_uid);
  const json before = interview(id);
  sim_->admin_post("/_sim/faults",
                   {{"pathPrefix", "/v2/bookings"}, {"method", "POST"}, {"errorCount", 50}, {"errorStatus", 503}});
  auto refused = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}});
  EXPECT_GE(refused.status, 502) << refused.body;
  const std::string message = refused.json()["error"]["message"];
  EXPECT_NE(message.find("nothing changed"), std::string::npos) << message;
  const json after = interview(id);
  EXPECT_EQ(primary_of(after), alice_);
  EXPECT_EQ(after["team"], before["team"]);
  EXPECT_EQ(after["calcom_booking_uid"], before["calcom_booking_uid"]);
  EXPECT_EQ(after["history"].back()["action"], "primary_change_failed");
  EXPECT_EQ(sim_booking(before["calcom_booking_uid"])["status"], "accepted");
  mail_exactly(7);
  // The hold is released: once Cal.com answers again, the same change goes through.
  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto again = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(primary_of(again.json()), chloe_);
}

TEST_F(PrimaryTest, WhenTheOldBookingCannotBeCancelledTheInterviewKeepsTheNewOneAndSaysSo) {
  int sequence = 0;
  std::string calendar_uid;
  const int id = confirmed(sequence, calendar_uid);
  const std::string old_uid = interview(id)["calcom_booking_uid"];
  sim_->admin_post("/_sim/faults",
                   {{"pathPrefix", "/v2/bookings/" + old_uid + "/cancel"}, {"errorCount", 50}, {"errorStatus", 503}});
  auto changed = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json after = changed.json();
  const std::string new_uid = after["calcom_booking_uid"];
  EXPECT_NE(new_uid, old_uid);
  EXPECT_EQ(primary_of(after), chloe_);
  ASSERT_TRUE(after["old_booking_problem"].is_string()) << after.dump();
  const std::string problem = after["old_booking_problem"];
  EXPECT_NE(problem.find(old_uid), std::string::npos) << problem;
  EXPECT_EQ(after["history"].back()["action"], "old_booking_not_cancelled");
  EXPECT_EQ(sim_booking(old_uid)["status"], "accepted");
  EXPECT_EQ(sim_booking(new_uid)["status"], "accepted");
  mail_exactly(9);
}

TEST_F(PrimaryTest, RefusesWhatCannotChange) {
  int sequence = 0;
  std::string calendar_uid;
  const int id = confirmed(sequence, calendar_uid);
  const auto fields = [](const HttpResponse& response) { return response.json()["error"]["details"]["fields"]; };
  auto empty = change(id, json::object());
  EXPECT_EQ(empty.status, 400) << empty.body;
  EXPECT_TRUE(fields(empty).contains("primary_team_member_id")) << empty.body;
  EXPECT_TRUE(fields(empty).contains("event_type_id")) << empty.body;
  // Alice's event type is not one Chloé hosts.
  auto not_hers = change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1001}});
  EXPECT_EQ(not_hers.status, 400) << not_hers.body;
  EXPECT_TRUE(fields(not_hers).contains("event_type_id")) << not_hers.body;
  auto nobody = change(id, {{"primary_team_member_id", 999999}, {"event_type_id", 1201}});
  EXPECT_EQ(nobody.status, 400) << nobody.body;
  EXPECT_TRUE(fields(nobody).contains("primary_team_member_id")) << nobody.body;
  auto past =
      change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}, {"start_time", "2020-01-06T09:00:00Z"}});
  EXPECT_EQ(past.status, 400) << past.body;
  EXPECT_TRUE(fields(past).contains("start_time")) << past.body;
  EXPECT_EQ(change(id + 1000, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}}).status, 404);
  // A draft has no booking to replace; a cancelled interview none left.
  const int draft = northwind::create_draft(*api_, startup_id_);
  northwind::assign_team(*api_, draft, {alice_, bruno_, startup_id_, advisor_id_});
  EXPECT_EQ(change(draft, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}}).status, 409);
  ASSERT_EQ(api_->post(path(id, "cancel"), {{"reason", "Startup withdrew"}}).status, 200);
  EXPECT_EQ(change(id, {{"primary_team_member_id", chloe_}, {"event_type_id", 1201}}).status, 409);
  EXPECT_EQ(count_history(interview(id), "primary_changed"), 0);
}

}  // namespace
}  // namespace poblysh::testing
