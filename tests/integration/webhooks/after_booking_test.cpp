// After the booking: Cal.com's lifecycle triggers reach the interview — the meeting ended, who
// did not come, a booking waiting for its host, a host declining or asking for a new time — each
// as the simulator sends it the way Cal.com does, with its status, history and emails checked.
#include "core/time.hpp"
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

std::set<std::string> set_of(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

// The history entry of `action` (the last one), or null.
json history_entry(const json& interview, const std::string& action) {
  json found;
  for (const auto& entry : interview["history"]) {
    if (entry["action"] == action) found = entry;
  }
  return found;
}

// "contact:lena@northwind.example", "guest:ivy@fund.example", "interviewer:<id>".
std::set<std::string> absent(const json& interview) {
  std::set<std::string> out;
  for (const auto& no_show : interview["no_shows"]) {
    const std::string party = no_show["party"];
    out.insert(party + ":" +
               (party == "interviewer" ? std::to_string(no_show["team_member_id"].get<int>())
                                       : no_show["email"].get<std::string>()));
  }
  return out;
}

class AfterBookingTest : public WebhookTest {
 protected:
  // Moves the simulator's clock (and so Cal.com's createdAt) to `unix_seconds`.
  void sim_clock_at(long long seconds) {
    const long long now = unix_seconds(sim_->admin_get("/_sim/clock")["now"]);
    sim_->admin_post("/_sim/clock", {{"advanceMs", (seconds - now) * 1000}});
  }

  void trigger(const std::string& uid, const std::string& trigger_event, json extra = json::object()) {
    extra["bookingUid"] = uid;
    extra["triggerEvent"] = trigger_event;
    auto queued = sim_->admin_post("/_sim/webhooks/trigger", extra);
    EXPECT_EQ(queued["queued"], 1) << queued.dump();
  }
};

TEST_F(AfterBookingTest, MeetingEndedCompletesTheInterviewAndEmailsNobody) {
  const auto [id, uid] = confirmed_interview();
  trigger(uid, "MEETING_ENDED");
  auto ended = wait_for(id, [](const json& i) { return i["status"] == "completed"; });
  ASSERT_EQ(ended["status"], "completed") << ended.dump();
  EXPECT_EQ(ended["latest_calcom_event"]["summary"], "Cal.com reported that the meeting ended");
  EXPECT_FALSE(ended["latest_calcom_event"]["at"].is_null());
  const auto entry = history_entry(ended, "completed");
  ASSERT_FALSE(entry.is_null()) << ended["history"].dump();
  EXPECT_EQ(entry["actor"], "cal.com");
  EXPECT_EQ(ended["deliveries"].back()["trigger"], "MEETING_ENDED");
  EXPECT_EQ(ended["deliveries"].back()["outcome"], "applied");
  EXPECT_TRUE(ended["no_shows"].empty());
  EXPECT_EQ(ended["invitation_status"], "confirmed");

  // What was sent is Cal.com's booking row itself: no payload wrapper.
  json sent;
  for (const auto& delivery : sim_deliveries()) {
    if (delivery["triggerEvent"] == "MEETING_ENDED") sent = delivery;
  }
  ASSERT_FALSE(sent.is_null());
  const auto body = json::parse(sent["body"].get<std::string>());
  EXPECT_FALSE(body.contains("payload"));
  EXPECT_EQ(body["uid"], uid);
  EXPECT_EQ(body["status"], "ACCEPTED");

  // The same delivery again changes nothing.
  sim_->admin_post("/_sim/deliveries/" + std::to_string(sent["id"].get<int>()) + "/redeliver");
  auto again = wait_for(id, [&](const json& i) { return i["deliveries"].size() == ended["deliveries"].size() + 1; });
  EXPECT_EQ(again["deliveries"].back()["outcome"], "duplicate");
  EXPECT_EQ(again["history"].size(), ended["history"].size());
  mail_exactly(7);  // the meeting is over: nobody hears about it
}

TEST_F(AfterBookingTest, NoShowsAreRecordedAgainstThePeopleCalcomNames) {
  const auto [id, uid] = confirmed_interview();
  const auto booked = interview(id);
  // Cal.com lets the host mark no-shows once the meeting has started: an hour after its end.
  sim_clock_at(unix_seconds(booked["end_time"]) + 3600);
  auto marked = sim_booking_post(
      uid + "/mark-absent",
      {{"attendees",
        {{{"email", "lena@northwind.example"}, {"absent", true}}, {{"email", "ivy@fund.example"}, {"absent", true}}}}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  auto after = wait_for(id, [](const json& i) { return i["no_shows"].size() == 2; });
  EXPECT_EQ(absent(after), (std::set<std::string>{"contact:lena@northwind.example", "guest:ivy@fund.example"}))
      << after.dump();
  EXPECT_EQ(after["status"], "completed");  // reported after the end: the meeting is over
  EXPECT_EQ(after["outcome_note"], "No-show updated");
  EXPECT_EQ(after["latest_calcom_event"]["summary"], "Cal.com updated who did not attend");
  for (const auto& no_show : after["no_shows"]) {
    if (no_show["party"] == "guest") {
      EXPECT_EQ(no_show["name"], "Ivy Investor");
    } else {
      EXPECT_FALSE(no_show["name"].get<std::string>().empty()) << no_show.dump();
    }
  }
  auto entry = history_entry(after, "no_show");
  ASSERT_FALSE(entry.is_null());
  EXPECT_EQ(entry["actor"], "cal.com");
  EXPECT_NE(entry["detail"].get<std::string>().find("Ivy Investor (guest)"), std::string::npos) << entry.dump();

  // Cal Video saw Bruno, one of ours (a guest in Cal.com's booking), never join.
  trigger(uid, "AFTER_HOSTS_CAL_VIDEO_NO_SHOW", {{"hostEmail", "bruno@poblysh.test"}});
  after = wait_for(id, [](const json& i) { return i["no_shows"].size() == 3; });
  EXPECT_TRUE(absent(after).count("interviewer:" + std::to_string(bruno_))) << after.dump();
  EXPECT_EQ(after["latest_calcom_event"]["summary"], "Cal Video reported that a host did not join");

  // Ivy came after all: the host unmarks her.
  marked =
      sim_booking_post(uid + "/mark-absent", {{"attendees", {{{"email", "ivy@fund.example"}, {"absent", false}}}}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  after = wait_for(id, [](const json& i) { return i["no_shows"].size() == 2; });
  EXPECT_EQ(absent(after),
            (std::set<std::string>{"contact:lena@northwind.example", "interviewer:" + std::to_string(bruno_)}));
  EXPECT_EQ(after["outcome_note"], "ivy@fund.example unmarked as no-show");
  for (const auto& delivery : after["deliveries"]) EXPECT_EQ(delivery["outcome"], "applied") << delivery.dump();
  mail_exactly(7);  // an outcome, not news for anyone's inbox
}

// Every byte of a no-show report is Cal.com's: what is kept of it — the note, the history line —
// is bounded, and control characters never reach a page.
TEST_F(AfterBookingTest, AHostileNoShowReportIsBoundedWhereItIsKept) {
  const auto [id, uid] = confirmed_interview();
  const auto booked = interview(id);
  json attendees = json::array();
  for (int i = 0; i < 255; ++i) {
    attendees.push_back(
        {{"email", "stranger" + std::to_string(i) + "@" + std::string(150, 'x') + ".example"}, {"noShow", true}});
  }
  attendees.push_back({{"email", "LENA@northwind.example"}, {"noShow", true}});
  const long long after_end = unix_seconds(booked["end_time"]) + 3600;
  const std::string created = format_iso8601_utc(from_unix_ms(after_end * 1000));
  const std::string message = "lena \u202e\x01 marked " + std::string(5'000, 'n');  // within the 64 KiB body limit
  const json body{{"triggerEvent", "BOOKING_NO_SHOW_UPDATED"},
                  {"createdAt", created},
                  {"payload", {{"bookingUid", uid}, {"attendees", attendees}, {"message", message}}}};
  auto answer = deliver_signed(body.dump());
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json()["outcome"], "applied") << answer.body;
  const auto after = interview(id);
  EXPECT_EQ(absent(after), std::set<std::string>{"contact:lena@northwind.example"});
  const std::string note = after["outcome_note"];
  EXPECT_LE(note.size(), 500u);
  EXPECT_EQ(note.find("\u202e"), std::string::npos);
  EXPECT_EQ(note.find('\x01'), std::string::npos);
  const std::string detail = history_entry(after, "no_show")["detail"];
  EXPECT_LT(detail.size(), 2000u) << detail;
  EXPECT_NE(detail.find("and 252 more"), std::string::npos) << detail;
}

TEST_F(AfterBookingTest, GuestsMissingDuringTheMeetingKeepItOnUntilItEnds) {
  const auto [id, uid] = confirmed_interview();
  const auto booked = interview(id);
  // Cal Video checks a few minutes after the start: Lena and Tomas have not joined.
  sim_clock_at(unix_seconds(booked["start_time"]) + 10 * 60);
  trigger(uid, "AFTER_GUESTS_CAL_VIDEO_NO_SHOW",
          {{"absentEmails", {"lena@northwind.example", "tomas@northwind.example"}}});
  auto during = wait_for(id, [](const json& i) { return i["no_shows"].size() == 2; });
  EXPECT_EQ(absent(during), (std::set<std::string>{"contact:lena@northwind.example", "guest:tomas@northwind.example"}))
      << during.dump();
  EXPECT_EQ(during["status"], "confirmed");  // the meeting has not ended yet
  EXPECT_EQ(during["latest_calcom_event"]["summary"], "Cal Video reported that the guests did not join");
  EXPECT_NE(during["outcome_note"].get<std::string>().find("Guest didn't join the call"), std::string::npos);

  trigger(uid, "MEETING_ENDED");
  auto ended = wait_for(id, [](const json& i) { return i["status"] == "completed"; });
  ASSERT_EQ(ended["status"], "completed");
  EXPECT_EQ(absent(ended), absent(during));
  mail_exactly(7);
}

TEST_F(AfterBookingTest, ABookingWaitingForTheHostShowsItUntilSheAccepts) {
  // Cal.com's webhook is held until our confirm has recorded Cal.com's answer.
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  const int id = book(1005);
  auto waiting = interview(id);
  EXPECT_EQ(waiting["status"], "awaiting_host") << waiting.dump();  // from create-booking's own answer
  EXPECT_EQ(waiting["invitation_status"], "pending");
  const auto listed = admin_list("/api/v1/interviews?status=awaiting_host");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["id"], id);
  auto booked_entry = history_entry(waiting, "scheduled");
  ASSERT_FALSE(booked_entry.is_null());
  EXPECT_NE(booked_entry["detail"].get<std::string>().find("awaits the host's confirmation"), std::string::npos);
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", false}});
  sim_->admin_post("/_sim/webhooks/release", {{"order", "oldest"}});
  auto requested = wait_for(id, [](const json& i) { return i["deliveries"].size() == 1; });
  ASSERT_EQ(requested["deliveries"].size(), 1u);
  EXPECT_EQ(requested["deliveries"][0]["trigger"], "BOOKING_REQUESTED");
  EXPECT_EQ(requested["deliveries"][0]["outcome"], "duplicate");
  const std::string uid = requested["calcom_booking_uid"];
  auto invited = mail_exactly(5);  // the invitations, sent once the booking exists
  EXPECT_EQ(recipients(invited), set_of(kEveryone));

  auto accepted = sim_booking_post(uid + "/confirm", json::object());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
  EXPECT_EQ(confirmed["latest_calcom_event"]["summary"], "Cal.com confirmed the booking");
  auto mails = mail_exactly(7);
  std::vector<Invitation> confirmations;
  for (const auto& mail : mails) {
    if (mail.subject.rfind("Interview confirmed", 0) == 0) confirmations.push_back(mail);
  }
  EXPECT_EQ(recipients(confirmations), set_of(kTeam));
}

TEST_F(AfterBookingTest, AHostDecliningCancelsWithHerReasonAndTellsEveryone) {
  const int id = book(1005);
  ASSERT_EQ(interview(id)["status"], "awaiting_host");
  mail_exactly(5);
  const std::string uid = interview(id)["calcom_booking_uid"];
  auto declined = sim_booking_post(uid + "/decline", {{"reason", "I am away that week"}});
  ASSERT_EQ(declined.status, 200) << declined.body;
  auto cancelled = wait_for(id, [](const json& i) { return i["status"] == "cancelled"; });
  ASSERT_EQ(cancelled["status"], "cancelled") << cancelled.dump();
  EXPECT_EQ(cancelled["cancellation_reason"], "I am away that week");
  EXPECT_EQ(cancelled["latest_calcom_event"]["summary"], "The host declined the booking in Cal.com");
  auto entry = history_entry(cancelled, "rejected");
  ASSERT_FALSE(entry.is_null());
  EXPECT_EQ(entry["actor"], "cal.com");
  auto mails = mail_exactly(10);
  auto cancels = only(mails, "CANCEL", 2);
  EXPECT_EQ(cancels.size(), 5u);
  EXPECT_EQ(recipients(cancels), set_of(kEveryone));
}

TEST_F(AfterBookingTest, AHostAskingForANewTimeIsNotACancellation) {
  const auto [id, uid] = confirmed_interview();
  sim_->admin_post("/_sim/bookings/" + uid + "/request-reschedule", {{"reason", "I am at a conference that day"}});
  auto asked = wait_for(id, [](const json& i) { return i["status"] == "reschedule_requested"; });
  ASSERT_EQ(asked["status"], "reschedule_requested") << asked.dump();
  EXPECT_EQ(asked["cancellation_reason"], "I am at a conference that day");
  EXPECT_EQ(asked["latest_calcom_event"]["summary"], "The host asked the startup for a new time in Cal.com");
  ASSERT_FALSE(history_entry(asked, "reschedule_requested").is_null());
  EXPECT_TRUE(history_entry(asked, "cancelled").is_null());
  // The old time leaves everyone's calendar, saying a new one follows.
  auto mails = mail_exactly(12);
  auto off = only(mails, "CANCEL", 2);
  ASSERT_EQ(off.size(), 5u);
  EXPECT_EQ(recipients(off), set_of(kEveryone));
  for (const auto& mail : off) EXPECT_EQ(mail.subject.rfind("New time needed", 0), 0u) << mail.subject;

  // The startup picks a new time from Cal.com's link: the cancelled booking is rescheduled.
  auto moved = sim_booking_post(uid + "/reschedule", {{"start", slots_[2]["start"]}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string new_uid = moved.json()["data"]["uid"];
  auto rebooked = wait_for(id, [&](const json& i) { return i["calcom_booking_uid"] == new_uid; });
  EXPECT_EQ(rebooked["status"], "confirmed") << rebooked.dump();
  EXPECT_TRUE(rebooked["cancellation_reason"].is_null());
  EXPECT_EQ(unix_seconds(rebooked["start_time"]), unix_seconds(slots_[2]["start"]));
  mails = mail_exactly(17);
  auto updates = only(mails, "REQUEST", 3);
  EXPECT_EQ(recipients(updates), set_of(kEveryone));
  EXPECT_EQ(updates.size(), 5u);
}

// After the host's request for a new time Cal.com's booking is cancelled already: cancelling the
// interview through our API asks nothing more of Cal.com and tells everyone once.
TEST_F(AfterBookingTest, CancellingWhileANewTimeIsNeededLeavesCalcomsCancelledBookingAlone) {
  const auto [id, uid] = confirmed_interview();
  sim_->admin_post("/_sim/bookings/" + uid + "/request-reschedule", {{"reason", "Conference"}});
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "reschedule_requested"; })["status"],
            "reschedule_requested");
  mail_exactly(12);
  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "The startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "cancelled");
  EXPECT_EQ(cancelled.json()["cancellation_reason"], "The startup withdrew");
  const auto requests = sim_->admin_get("/_sim/requests")["data"];
  EXPECT_FALSE(requests.contains("POST /v2/bookings/" + uid + "/cancel")) << requests.dump();
  auto mails = mail_exactly(17);
  EXPECT_EQ(recipients(only(mails, "CANCEL", 2)), set_of(kEveryone));
}

// The host's acceptance whose webhook was lost: `calcom sync` finds the booking accepted.
TEST_F(AfterBookingTest, SyncFindsTheHostAcceptedWhenItsWebhookWasLost) {
  const int id = book(1005);
  ASSERT_EQ(interview(id)["status"], "awaiting_host");
  const std::string uid = interview(id)["calcom_booking_uid"];
  mail_exactly(5);
  sim_->admin_post("/_sim/webhooks/drop", {{"count", 1}});
  ASSERT_EQ(sim_booking_post(uid + "/confirm", json::object()).status, 200);
  sim_deliveries();
  EXPECT_EQ(interview(id)["status"], "awaiting_host");
  auto [code, output] = run_command({service_binary(), "calcom", "sync"}, service_->env());
  ASSERT_EQ(code, 0) << output;
  auto synced = interview(id);
  EXPECT_EQ(synced["status"], "confirmed") << synced.dump();
  EXPECT_EQ(synced["deliveries"].back()["source"], "sync");
  EXPECT_EQ(synced["deliveries"].back()["trigger"], "BOOKING_CREATED");
  mail_exactly(7);
}

TEST_F(AfterBookingTest, ARescheduleThroughTheApiThatWaitsForTheHostArrivesAsRequested) {
  const int id = book(1005);
  const std::string uid = interview(id)["calcom_booking_uid"];
  ASSERT_EQ(sim_booking_post(uid + "/confirm", json::object()).status, 200);
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  mail_exactly(7);

  // Rescheduled through Cal.com's API: the new booking waits for Alice again, and Cal.com tells
  // it with BOOKING_REQUESTED for the new uid, naming the one it replaces.
  auto moved = sim_booking_post(uid + "/reschedule", {{"start", slots_[2]["start"]}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string new_uid = moved.json()["data"]["uid"];
  EXPECT_EQ(moved.json()["data"]["status"], "pending");
  auto waiting = wait_for(id, [&](const json& i) { return i["calcom_booking_uid"] == new_uid; });
  EXPECT_EQ(waiting["status"], "awaiting_host") << waiting.dump();
  EXPECT_EQ(unix_seconds(waiting["start_time"]), unix_seconds(slots_[2]["start"]));
  EXPECT_EQ(waiting["deliveries"].back()["trigger"], "BOOKING_REQUESTED");
  auto entry = history_entry(waiting, "rescheduled");
  ASSERT_FALSE(entry.is_null());
  EXPECT_NE(entry["detail"].get<std::string>().find("awaits the host's confirmation"), std::string::npos);
  auto mails = mail_exactly(12);
  EXPECT_EQ(recipients(only(mails, "REQUEST", 1)), set_of(kEveryone));

  ASSERT_EQ(sim_booking_post(new_uid + "/confirm", json::object()).status, 200);
  auto accepted = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  EXPECT_EQ(accepted["status"], "confirmed");
  mail_exactly(14);  // the team hears the new time is confirmed
}

}  // namespace
}  // namespace poblysh::testing
