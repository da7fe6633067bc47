// Changing who is invited to a booked interview: the people added reach Cal.com's booking, each
// person added gets one invitation and each person taken off one cancellation — nobody else
// gets mail — exactly once however often it is asked.
#include <algorithm>
#include <thread>

#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

class PeopleTest : public WebhookTest {
 protected:
  // A booked interview confirmed by Cal.com's webhook; `first_sequence_` is the SEQUENCE its
  // invitations carried.
  int confirmed_interview(std::size_t mails_at_booking = 7) {
    const int id = book();
    auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
    EXPECT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
    const auto mails = mail_exactly(mails_at_booking);
    for (const auto& mail : mails) first_sequence_ = std::max(first_sequence_, mail.sequence);
    calendar_uid_ = sim_booking(confirmed["calcom_booking_uid"])["icsUid"];
    return id;
  }

  HttpResponse people(int id, const json& body) { return api_->post(path(id, "people"), body); }

  // Everyone on the simulator's booking (attendees and guests), lower-cased.
  std::set<std::string> sim_people(const std::string& uid) {
    std::set<std::string> out;
    const json booking = sim_booking(uid);
    for (const auto& attendee : booking["attendees"]) out.insert(attendee["email"].get<std::string>());
    for (const auto& guest : booking.value("guests", json::array())) out.insert(guest.get<std::string>());
    return out;
  }

  static std::set<std::string> emails_of(const json& list, const char* key = "email") {
    std::set<std::string> out;
    for (const auto& item : list) out.insert(item[key].get<std::string>());
    return out;
  }

  static int count_history(const json& interview, const std::string& action) {
    const json& history = interview["history"];
    return static_cast<int>(
        std::count_if(history.begin(), history.end(), [&](const json& entry) { return entry["action"] == action; }));
  }

  int first_sequence_ = -1;
  std::string calendar_uid_;
};

TEST_F(PeopleTest, AnAddedGuestIsOnCalcomsBookingAndAloneGetsOneInvitation) {
  const int id = confirmed_interview();
  const std::string uid = interview(id)["calcom_booking_uid"];
  auto changed = people(id, {{"add_guests", {{{"name", "Nia Partner"}, {"email", "nia@partner.example"}}}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json after = changed.json();
  EXPECT_TRUE(emails_of(after["guests"]).count("nia@partner.example")) << after["guests"].dump();
  EXPECT_TRUE(sim_people(uid).count("nia@partner.example"));
  const json& last = after["history"].back();
  EXPECT_EQ(last["action"], "guest_added");
  EXPECT_EQ(last["actor"], "admin@example.com");
  EXPECT_NE(last["detail"].get<std::string>().find("nia@partner.example"), std::string::npos);

  auto mails = mail_exactly(8);
  const auto& invitation = mails.back();
  EXPECT_EQ(invitation.recipient, "nia@partner.example");
  EXPECT_EQ(invitation.method, "REQUEST");
  EXPECT_EQ(invitation.uid, calendar_uid_);
  EXPECT_EQ(invitation.sequence, first_sequence_ + 1);
  EXPECT_EQ(invitation.subject.rfind("Invitation", 0), 0u) << invitation.subject;
  // Someone outside Poblysh never gets a link to our internal page.
  EXPECT_EQ(invitation.text.find("interviews.poblysh.test"), std::string::npos) << invitation.text;

  // The same request again (a retry, a second tab) changes nothing and tells nobody.
  auto again = people(id, {{"add_guests", {{{"name", "Nia Partner"}, {"email", "NIA@partner.example"}}}}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["guests"].size(), after["guests"].size());
  EXPECT_EQ(count_history(again.json(), "guest_added"), 1);
  mail_exactly(8);
}

TEST_F(PeopleTest, ARemovedGuestAloneGetsACancellationAndStaysOnCalcomsBooking) {
  const int id = confirmed_interview();
  const std::string uid = interview(id)["calcom_booking_uid"];
  auto changed = people(id, {{"remove_guests", {"Ivy@Fund.example"}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json after = changed.json();
  EXPECT_FALSE(emails_of(after["guests"]).count("ivy@fund.example")) << after["guests"].dump();
  // Cal.com has no way to take a guest off: the history says so.
  EXPECT_TRUE(sim_people(uid).count("ivy@fund.example"));
  const json& last = after["history"].back();
  EXPECT_EQ(last["action"], "guest_removed");
  EXPECT_NE(last["detail"].get<std::string>().find("Cal.com"), std::string::npos) << last.dump();

  auto mails = mail_exactly(8);
  const auto& cancellation = mails.back();
  EXPECT_EQ(cancellation.recipient, "ivy@fund.example");
  EXPECT_EQ(cancellation.method, "CANCEL");
  EXPECT_EQ(cancellation.uid, calendar_uid_);
  EXPECT_EQ(cancellation.sequence, first_sequence_ + 1);
}

TEST_F(PeopleTest, AnAddedInterviewerIsInvitedAndARemovedOneCancelled) {
  const int carla = northwind::add_member(*api_, "Carla Chen", "carla@poblysh.test", "Partner", "");
  ASSERT_GT(carla, 0);
  const int id = confirmed_interview();
  const std::string uid = interview(id)["calcom_booking_uid"];
  auto changed = people(id, {{"add_team_member_ids", {carla}}, {"remove_team_member_ids", {bruno_}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json after = changed.json();
  std::set<int> team;
  for (const auto& member : after["team"]) team.insert(member["team_member_id"].get<int>());
  EXPECT_EQ(team, (std::set<int>{alice_, carla})) << after["team"].dump();
  // An added interviewer joins Cal.com's booking as a guest, as at booking time.
  EXPECT_TRUE(sim_people(uid).count("carla@poblysh.test"));
  EXPECT_EQ(count_history(after, "team_member_added"), 1);
  EXPECT_EQ(count_history(after, "team_member_removed"), 1);

  auto mails = mail_exactly(9);
  std::map<std::string, Invitation> latest;
  for (std::size_t i = 7; i < mails.size(); ++i) latest[mails[i].recipient] = mails[i];
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest["carla@poblysh.test"].method, "REQUEST");
  // Our team's emails link to the interview page.
  EXPECT_NE(latest["carla@poblysh.test"].text.find("interviews.poblysh.test/interviews/"), std::string::npos);
  EXPECT_EQ(latest["bruno@poblysh.test"].method, "CANCEL");
  EXPECT_EQ(latest["bruno@poblysh.test"].sequence, first_sequence_ + 1);
}

TEST_F(PeopleTest, WhileCalcomEmailsGuestsAnAddedGuestGetsOnlyCalcomsInvitation) {
  start(kWebhookSecret, true, {}, {{"POBLYSH_CALCOM_SENDS_ATTENDEE_EMAILS", "true"}});
  const int carla = northwind::add_member(*api_, "Carla Chen", "carla@poblysh.test", "Partner", "");
  // At booking, Cal.com invites the founder and the guests; ours go to the team alone.
  const int id = confirmed_interview(4);
  auto changed = people(id, {{"add_guests", {{{"email", "nia@partner.example"}}}},
                             {"add_team_member_ids", {carla}},
                             {"remove_guests", {"tomas@northwind.example"}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto mails = mail_exactly(6);
  std::set<std::string> told;
  for (std::size_t i = 4; i < mails.size(); ++i) told.insert(mails[i].recipient + " " + mails[i].method);
  // Cal.com invites the guest it adds; it cannot take anyone off, so the cancellation is ours.
  EXPECT_EQ(told, (std::set<std::string>{"carla@poblysh.test REQUEST", "tomas@northwind.example CANCEL"}));
}

TEST_F(PeopleTest, ADoubleClickAddsOnceAndInvitesOnce) {
  const int id = confirmed_interview();
  const std::string uid = interview(id)["calcom_booking_uid"];
  // Cal.com answers slowly, so the second click arrives while the first is being sent.
  sim_->admin_post("/_sim/faults", {{"pathPrefix", "/v2/bookings/" + uid + "/guests"}, {"answerDelayMs", 1500}});
  const json body{{"add_guests", {{{"name", "Nia Partner"}, {"email", "nia@partner.example"}}}}};
  const auto [first, second] = double_click(path(id, "people"), body, std::chrono::milliseconds(200));
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  const json after = interview(id);
  EXPECT_EQ(count_history(after, "guest_added"), 1) << after["history"].dump();
  const json booking = sim_booking(uid);
  const auto& attendees = booking["attendees"];
  EXPECT_EQ(std::count_if(attendees.begin(), attendees.end(),
                          [](const json& a) { return a["email"] == "nia@partner.example"; }),
            1);
  // The hold: Cal.com was asked once, not once per click.
  const json requests = sim_->admin_get("/_sim/requests")["data"];
  EXPECT_EQ(requests.value("POST /v2/bookings/" + uid + "/guests", 0), 1) << requests.dump();
  auto mails = mail_exactly(8);
  EXPECT_EQ(mails.back().recipient, "nia@partner.example");
}

TEST_F(PeopleTest, WhenCalcomFailsNobodyIsAddedOrTold) {
  const int id = confirmed_interview();
  const json before = interview(id);
  const std::string uid = before["calcom_booking_uid"];
  sim_->admin_post("/_sim/faults",
                   {{"pathPrefix", "/v2/bookings/" + uid + "/guests"}, {"errorCount", 50}, {"errorStatus", 503}});
  auto refused = people(id, {{"add_guests", {{{"email", "nia@partner.example"}}}}});
  EXPECT_GE(refused.status, 502) << refused.body;
  const json after = interview(id);
  EXPECT_EQ(after["guests"].size(), before["guests"].size());
  EXPECT_EQ(after["history"].back()["action"], "people_change_failed");
  mail_exactly(7);
  // The hold is released: once Cal.com answers again, the same change goes through.
  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto retried = people(id, {{"add_guests", {{{"email", "nia@partner.example"}}}}});
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(mail_exactly(8).back().recipient, "nia@partner.example");
}

TEST_F(PeopleTest, RefusesWhatCannotChange) {
  const int id = confirmed_interview();
  const auto fields = [](const HttpResponse& response) { return response.json()["error"]["details"]["fields"]; };
  auto empty = people(id, json::object());
  EXPECT_EQ(empty.status, 400) << empty.body;
  EXPECT_TRUE(fields(empty).contains("people")) << empty.body;
  auto primary = people(id, {{"remove_team_member_ids", {alice_}}});
  EXPECT_EQ(primary.status, 400) << primary.body;
  EXPECT_TRUE(fields(primary).contains("remove_team_member_ids")) << primary.body;
  auto bad_email = people(id, {{"add_guests", {{{"email", "not-an-address"}}}}, {"remove_guests", {"nope"}}});
  EXPECT_EQ(bad_email.status, 400) << bad_email.body;
  EXPECT_TRUE(fields(bad_email).contains("add_guests[0].email")) << bad_email.body;
  EXPECT_TRUE(fields(bad_email).contains("remove_guests[0]")) << bad_email.body;
  auto founder = people(id, {{"add_guests", {{{"email", "lena@northwind.example"}}}}});
  EXPECT_EQ(founder.status, 400) << founder.body;
  auto nobody = people(id, {{"add_team_member_ids", {999999}}});
  EXPECT_EQ(nobody.status, 400) << nobody.body;
  EXPECT_EQ(people(id + 1000, {{"remove_guests", {"ivy@fund.example"}}}).status, 404);

  // A draft has no booking to add to; a cancelled interview has nobody left to invite.
  const int draft = northwind::create_draft(*api_, startup_id_);
  EXPECT_EQ(people(draft, {{"add_guests", {{{"email", "nia@partner.example"}}}}}).status, 409);
  mail_exactly(7);
  ASSERT_EQ(api_->post(path(id, "cancel"), {{"reason", "Startup withdrew"}}).status, 200);
  auto cancelled = people(id, {{"remove_guests", {"ivy@fund.example"}}});
  EXPECT_EQ(cancelled.status, 409) << cancelled.body;
}

}  // namespace
}  // namespace poblysh::testing
