// Rescheduling from the app: the booking moves at Cal.com once, however often it is asked, and
// everyone invited gets one updated invitation for the same calendar event.
#include <algorithm>
#include <thread>

#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

std::set<std::string> set_of(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

class RescheduleTest : public WebhookTest {
 protected:
  HttpResponse reschedule(int id, const json& body) { return api_->post(path(id, "reschedule"), body); }

  // The simulator's bookings made by rescheduling `uid`.
  int moves_of(const std::string& uid) {
    int moves = 0;
    const json all = sim_->bookings();  // kept alive: the loop iterates into it
    for (const auto& booking : all["data"]) {
      if (booking.value("rescheduledFromUid", "") == uid) ++moves;
    }
    return moves;
  }
};

TEST_F(RescheduleTest, MovesTheBookingAndSendsEveryoneOneUpdate) {
  const int id = confirmed_interview().first;
  const json before = interview(id);
  const std::string old_uid = before["calcom_booking_uid"];
  const std::string calendar_uid = sim_booking(old_uid)["icsUid"];

  // Cal.com's webhook for the move is held until we have answered (the other order is in
  // ADoubleClickMovesTheBookingOnce).
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  auto moved = reschedule(id, {{"start_time", slots_[2]["start"]}, {"reason", "The founder travels that day"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const json after = moved.json();
  const long long new_start = unix_seconds(slots_[2]["start"]);
  EXPECT_EQ(unix_seconds(after["start_time"]), new_start);
  EXPECT_EQ(unix_seconds(after["end_time"]), new_start + 30 * 60);
  const std::string new_uid = after["calcom_booking_uid"];
  EXPECT_NE(new_uid, old_uid);
  EXPECT_EQ(after["status"], "confirmed");
  const json& last = after["history"].back();
  EXPECT_EQ(last["action"], "rescheduled");
  EXPECT_EQ(last["actor"], "admin@example.com");
  const std::string detail = last["detail"];
  for (const std::string& part : {old_uid, new_uid, std::string("The founder travels that day")}) {
    EXPECT_NE(detail.find(part), std::string::npos) << detail;
  }
  EXPECT_EQ(sim_booking(new_uid)["reschedulingReason"], "The founder travels that day");

  // One update per person: same event, a higher SEQUENCE, the new time, the old one for reference.
  auto mails = mail_exactly(12);
  auto updates = only(mails, "REQUEST", 2);
  ASSERT_EQ(updates.size(), 5u);
  EXPECT_EQ(recipients(updates), set_of(kEveryone));
  for (const auto& mail : updates) {
    EXPECT_EQ(mail.uid, calendar_uid);
    EXPECT_EQ(mail.start, new_start);
    EXPECT_EQ(mail.subject.rfind("Interview rescheduled", 0), 0u) << mail.subject;
    EXPECT_NE(mail.text.find("Previously"), std::string::npos);
  }

  // Cal.com's BOOKING_RESCHEDULED for the new booking changes nothing and tells nobody again.
  sim_->admin_post("/_sim/webhooks/release", {{"order", "oldest"}});
  auto settled = wait_for(id, [](const json& i) { return i["deliveries"].size() == 2; });
  ASSERT_EQ(settled["deliveries"].size(), 2u) << settled.dump();
  EXPECT_EQ(settled["deliveries"][1]["trigger"], "BOOKING_RESCHEDULED");
  EXPECT_EQ(settled["deliveries"][1]["outcome"], "duplicate");
  mail_exactly(12);
}

TEST_F(RescheduleTest, ADoubleClickMovesTheBookingOnce) {
  const int id = confirmed_interview().first;
  const std::string old_uid = interview(id)["calcom_booking_uid"];
  // Cal.com answers slowly, so the second click arrives while the first is being sent.
  sim_->admin_post("/_sim/faults",
                   {{"pathPrefix", "/v2/bookings/" + old_uid + "/reschedule"}, {"answerDelayMs", 1500}});
  const json body{{"start_time", slots_[2]["start"]}};
  const auto [first, second] = double_click(path(id, "reschedule"), body);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(first.json()["calcom_booking_uid"], second.json()["calcom_booking_uid"]);
  EXPECT_EQ(moves_of(old_uid), 1);
  EXPECT_EQ(only(mail_exactly(12), "REQUEST", 2).size(), 5u);
  // Cal.com's webhook applied the move while its answer was delayed; the history still says
  // who asked for it.
  const json history = interview(id)["history"];
  EXPECT_TRUE(std::any_of(history.begin(), history.end(), [](const json& entry) {
    return entry["action"] == "rescheduled" && entry["actor"] == "admin@example.com";
  })) << history.dump();
}

TEST_F(RescheduleTest, RefusesWhatCannotBeMoved) {
  const int id = confirmed_interview().first;
  const std::string old_uid = interview(id)["calcom_booking_uid"];
  auto missing = reschedule(id, json::object());
  EXPECT_EQ(missing.status, 400) << missing.body;
  EXPECT_TRUE(missing.json()["error"]["details"]["fields"].contains("start_time")) << missing.body;
  auto garbled = reschedule(id, {{"start_time", "next tuesday"}});
  EXPECT_EQ(garbled.status, 400) << garbled.body;
  auto past = reschedule(id, {{"start_time", "2020-01-06T09:00:00Z"}});
  EXPECT_EQ(past.status, 400) << past.body;
  EXPECT_TRUE(past.json()["error"]["details"]["fields"].contains("start_time")) << past.body;
  auto long_reason = reschedule(id, {{"start_time", slots_[2]["start"]}, {"reason", std::string(501, 'x')}});
  EXPECT_EQ(long_reason.status, 400) << long_reason.body;
  EXPECT_EQ(reschedule(id + 1000, {{"start_time", slots_[2]["start"]}}).status, 404);

  // A draft has no booking to move; a cancelled interview cannot move at all.
  const int draft = northwind::create_draft(*api_, startup_id_);
  EXPECT_EQ(reschedule(draft, {{"start_time", slots_[2]["start"]}}).status, 409);
  ASSERT_EQ(api_->post(path(id, "cancel"), {{"reason", "Startup withdrew"}}).status, 200);
  auto cancelled = reschedule(id, {{"start_time", slots_[2]["start"]}});
  EXPECT_EQ(cancelled.status, 409) << cancelled.body;
  EXPECT_EQ(moves_of(old_uid), 0);
}

TEST_F(RescheduleTest, WhenCalcomFailsTheInterviewKeepsItsTime) {
  const int id = confirmed_interview().first;
  const json before = interview(id);
  const std::string old_uid = before["calcom_booking_uid"];
  // Cal.com fails every try (our client retries a 5xx a few times before it gives up).
  sim_->admin_post(
      "/_sim/faults",
      {{"pathPrefix", "/v2/bookings/" + old_uid + "/reschedule"}, {"errorCount", 50}, {"errorStatus", 503}});
  auto refused = reschedule(id, {{"start_time", slots_[2]["start"]}});
  EXPECT_GE(refused.status, 502) << refused.body;
  const json after = interview(id);
  EXPECT_EQ(after["start_time"], before["start_time"]);
  EXPECT_EQ(after["calcom_booking_uid"], old_uid);
  EXPECT_EQ(after["history"].back()["action"], "reschedule_failed");
  // The hold is released: once Cal.com answers again, the same request goes through.
  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto again = reschedule(id, {{"start_time", slots_[2]["start"]}});
  EXPECT_EQ(again.status, 200) << again.body;
}

// The host asked for a new time and the team picks it: Cal.com books it from the booking its
// request cancelled, the interview is booked again, and everyone's calendar gets the event back.
TEST_F(RescheduleTest, TheTeamPicksTheNewTimeTheHostAskedFor) {
  const int id = confirmed_interview().first;
  const std::string old_uid = interview(id)["calcom_booking_uid"];
  sim_->admin_post("/_sim/bookings/" + old_uid + "/request-reschedule", {{"reason", "Conference"}});
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "reschedule_requested"; })["status"],
            "reschedule_requested");
  mail_exactly(12);

  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  auto moved = reschedule(id, {{"start_time", slots_[2]["start"]}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const std::string new_uid = moved.json()["calcom_booking_uid"];
  EXPECT_NE(new_uid, old_uid);
  EXPECT_EQ(moved.json()["status"], "scheduled");
  EXPECT_EQ(sim_booking(new_uid)["status"], "accepted");
  EXPECT_EQ(moves_of(old_uid), 1);
  auto updates = only(mail_exactly(17), "REQUEST", 3);
  EXPECT_EQ(updates.size(), 5u);
  EXPECT_EQ(recipients(updates), set_of(kEveryone));

  // Cal.com's BOOKING_RESCHEDULED confirms it and tells nobody again.
  sim_->admin_post("/_sim/webhooks/release", {{"order", "oldest"}});
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  EXPECT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
  mail_exactly(17);
}

// A booking still waiting for the host moves as well; Cal.com holds the new time for her too.
TEST_F(RescheduleTest, ABookingAwaitingTheHostMovesAndStillAwaitsHer) {
  const int id = book(1005);
  ASSERT_EQ(interview(id)["status"], "awaiting_host");
  mail_exactly(5);
  const std::string old_uid = interview(id)["calcom_booking_uid"];
  auto moved = reschedule(id, {{"start_time", slots_[2]["start"]}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  const std::string new_uid = moved.json()["calcom_booking_uid"];
  EXPECT_NE(new_uid, old_uid);
  EXPECT_EQ(moved.json()["status"], "awaiting_host");
  EXPECT_EQ(sim_booking(new_uid)["status"], "pending");
  EXPECT_EQ(unix_seconds(moved.json()["start_time"]), unix_seconds(slots_[2]["start"]));
}

}  // namespace
}  // namespace poblysh::testing
