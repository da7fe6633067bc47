// A booking's life in Cal.com reaches the interview and everyone invited: created, rescheduled,
// cancelled — through signed webhooks from the simulator, with the emails checked at the sink.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

std::vector<Invitation> with_subject(const std::vector<Invitation>& mails, const std::string& prefix) {
  std::vector<Invitation> out;
  for (const auto& mail : mails) {
    if (mail.subject.rfind(prefix, 0) == 0) out.push_back(mail);
  }
  return out;
}

std::set<std::string> set_of(const std::vector<std::string>& items) { return {items.begin(), items.end()}; }

TEST_F(WebhookTest, BookingLifecycleFollowsCalcomAndTellsEveryone) {
  const int id = book();
  const long long first_start = unix_seconds(slots_[0]["start"]);

  // BOOKING_CREATED, signed by the simulator: confirmed, with the meeting link.
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
  EXPECT_EQ(confirmed["meeting_provider"], "Cal Video");
  const std::string meeting_url = confirmed["meeting_url"];
  EXPECT_EQ(meeting_url.rfind("https://", 0), 0u) << meeting_url;
  ASSERT_EQ(confirmed["deliveries"].size(), 1u) << confirmed.dump();
  EXPECT_EQ(confirmed["deliveries"][0]["trigger"], "BOOKING_CREATED");
  EXPECT_EQ(confirmed["deliveries"][0]["outcome"], "applied");
  const std::string first_uid = confirmed["calcom_booking_uid"];
  // Our invitations are Cal.com's calendar event: its icsUid, a SEQUENCE above its own (0).
  const std::string calendar_uid = sim_booking(first_uid)["icsUid"];
  ASSERT_FALSE(calendar_uid.empty());

  // Invitations to everyone at confirm time; "confirmed" to the team once Cal.com confirmed.
  auto mails = mail_exactly(7);
  auto invitations_sent = with_subject(mails, "Interview scheduled");
  ASSERT_EQ(invitations_sent.size(), 5u);
  EXPECT_EQ(recipients(invitations_sent), set_of(kEveryone));
  const std::string page = "http://interviews.poblysh.test/interviews/" + std::to_string(id);
  for (const auto& mail : invitations_sent) {
    EXPECT_EQ(mail.method, "REQUEST");
    EXPECT_EQ(mail.uid, calendar_uid);
    EXPECT_EQ(mail.sequence, 1);
    EXPECT_EQ(mail.start, first_start);
    EXPECT_EQ(mail.end, first_start + 30 * 60);
    // Our interview page is internal: only the team's emails link to it.
    const bool team = set_of(kTeam).count(mail.recipient) == 1;
    EXPECT_EQ(mail.text.find(page) != std::string::npos, team) << mail.recipient;
  }
  auto confirmations = with_subject(mails, "Interview confirmed");
  EXPECT_EQ(recipients(confirmations), set_of(kTeam));
  for (const auto& mail : confirmations) EXPECT_NE(mail.text.find(meeting_url), std::string::npos);

  // Rescheduled in Cal.com: a new booking replaces the old one.
  auto moved =
      sim_booking_post(first_uid + "/reschedule", {{"start", slots_[2]["start"]}, {"reschedulingReason", "Travel"}});
  ASSERT_LT(moved.status, 300) << moved.body;
  const std::string new_uid = moved.json()["data"]["uid"];
  ASSERT_NE(new_uid, first_uid);
  auto after = wait_for(id, [&](const json& i) { return i["calcom_booking_uid"] == new_uid; });
  ASSERT_EQ(after["calcom_booking_uid"], new_uid) << after.dump();
  EXPECT_EQ(after["status"], "confirmed");
  const long long new_start = unix_seconds(slots_[2]["start"]);
  EXPECT_EQ(unix_seconds(after["start_time"]), new_start);
  mails = mail_exactly(12);
  auto updates = only(mails, "REQUEST", 2);  // above Cal.com's 1 for the moved booking
  ASSERT_EQ(updates.size(), 5u);
  EXPECT_EQ(recipients(updates), set_of(kEveryone));
  for (const auto& mail : updates) {
    EXPECT_EQ(mail.uid, calendar_uid);  // the same calendar entry moves
    EXPECT_EQ(mail.start, new_start);
    EXPECT_EQ(mail.subject.rfind("Interview rescheduled", 0), 0u) << mail.subject;
  }

  // Cancelled in Cal.com: everyone gets a CANCEL for the same entry.
  auto cancelled_at_calcom = sim_booking_post(new_uid + "/cancel", {{"cancellationReason", "Founder is ill"}});
  ASSERT_LT(cancelled_at_calcom.status, 300) << cancelled_at_calcom.body;
  auto cancelled = wait_for(id, [](const json& i) { return i["status"] == "cancelled"; });
  ASSERT_EQ(cancelled["status"], "cancelled");
  EXPECT_EQ(cancelled["cancellation_reason"], "Founder is ill");
  mails = mail_exactly(17);
  auto cancels = only(mails, "CANCEL", 3);
  ASSERT_EQ(cancels.size(), 5u);
  EXPECT_EQ(recipients(cancels), set_of(kEveryone));
  for (const auto& mail : cancels) EXPECT_EQ(mail.uid, calendar_uid);

  std::vector<std::string> triggers;
  for (const auto& delivery : cancelled["deliveries"]) {
    triggers.push_back(delivery["trigger"]);
    EXPECT_EQ(delivery["outcome"], "applied");
  }
  EXPECT_EQ(triggers, (std::vector<std::string>{"BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED"}));
  // Every email was sent, none is left waiting.
  EXPECT_EQ(admin_list("/api/v1/admin/emails?status=sent&limit=200").size(), 17u);
  EXPECT_TRUE(admin_list("/api/v1/admin/emails?status=pending").empty());
}

// Cancelling through our API, Cal.com's BOOKING_CANCELLED webhook can come after our own
// transaction or before it. Each order is forced, so each guard is seen at work: here the
// webhook is held until we have answered, and finds the cancellation already recorded.
TEST_F(WebhookTest, CancellingThroughOurApiTellsEveryoneOnceWhenTheWebhookFollows) {
  const int id = book();
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "Startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  sim_->admin_post("/_sim/webhooks/release", {{"order", "oldest"}});
  auto after = wait_for(id, [](const json& i) { return i["deliveries"].size() == 2; });
  ASSERT_EQ(after["deliveries"].size(), 2u) << after.dump();
  EXPECT_EQ(after["deliveries"][1]["trigger"], "BOOKING_CANCELLED");
  EXPECT_EQ(after["deliveries"][1]["outcome"], "duplicate");
  EXPECT_EQ(after["status"], "cancelled");
  EXPECT_EQ(after["cancellation_reason"], "Startup withdrew");
  auto mails = mail_exactly(12);
  EXPECT_EQ(recipients(only(mails, "CANCEL", 2)), set_of(kEveryone));
  EXPECT_EQ(only(mails, "CANCEL", 2).size(), 5u);
}

// The other order: Cal.com cancels, sends its webhook, and answers our call only later, so the
// webhook is applied first and our own transaction finds the interview cancelled already: it
// changes nothing and tells nobody a second time.
TEST_F(WebhookTest, CancellingThroughOurApiTellsEveryoneOnceWhenTheWebhookComesFirst) {
  const int id = book();
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed");
  const std::string uid = confirmed["calcom_booking_uid"];
  sim_->admin_post("/_sim/faults", {{"pathPrefix", "/v2/bookings/" + uid + "/cancel"}, {"answerDelayMs", 3000}});
  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "Startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["status"], "cancelled");
  auto after = interview(id);
  ASSERT_EQ(after["deliveries"].size(), 2u) << after.dump();
  EXPECT_EQ(after["deliveries"][1]["trigger"], "BOOKING_CANCELLED");
  EXPECT_EQ(after["deliveries"][1]["outcome"], "applied");
  EXPECT_EQ(after["cancellation_reason"], "Startup withdrew");
  auto mails = mail_exactly(12);
  EXPECT_EQ(recipients(only(mails, "CANCEL", 2)), set_of(kEveryone));
  EXPECT_EQ(only(mails, "CANCEL", 2).size(), 5u);
}

// A deployment where Cal.com emails the booking's attendee and guests itself (Cal.com's
// default): they get its invitations, changes and cancellations, none from us — one invitation
// per person — while the team still gets ours.
class CalcomEmailsAttendeesTest : public WebhookTest {
 protected:
  void SetUp() override { start(kWebhookSecret, true, {}, {{"POBLYSH_CALCOM_SENDS_ATTENDEE_EMAILS", "true"}}); }
};

TEST_F(CalcomEmailsAttendeesTest, OnlyTheTeamHearsFromUs) {
  const int id = book();
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
  // Invitation and confirmation, each to Alice and Bruno only.
  auto mails = mail_exactly(4);
  EXPECT_EQ(recipients(mails), set_of(kTeam));
  const std::string calendar_uid = sim_booking(confirmed["calcom_booking_uid"])["icsUid"];
  for (const auto& mail : mails) EXPECT_EQ(mail.uid, calendar_uid);

  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "Startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  mails = mail_exactly(6);
  EXPECT_EQ(recipients(only(mails, "CANCEL", 2)), set_of(kTeam));
}

class SmtpOutageTest : public WebhookTest {
 protected:
  void SetUp() override {
    down_ = dir_.path() / "smtp-down";
    std::ofstream(down_) << "refuse\n";
    notify::testing::SinkOptions options;
    options.refuse_while = down_;
    start(kWebhookSecret, true, options);
  }
  TempDir dir_;
  std::filesystem::path down_;
};

TEST_F(SmtpOutageTest, MessagesQueuedWhileTheRelayIsDownAreDeliveredOnceWhenItIsBack) {
  const int id = book();
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  // The relay refuses: messages stay queued with the reason, none is lost or marked sent.
  json waiting;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    waiting = admin_list("/api/v1/admin/emails?status=pending&limit=200");
  } while ((waiting.size() < 7 || waiting[0]["attempts"] == 0) && std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(waiting.size(), 7u) << waiting.dump();
  EXPECT_GE(waiting[0]["attempts"].get<int>(), 1);
  EXPECT_FALSE(waiting[0]["last_error"].is_null());
  EXPECT_TRUE(sink_->messages().empty());

  std::filesystem::remove(down_);
  auto mails = mail_exactly(7);
  EXPECT_EQ(recipients(mails), set_of(kEveryone));
  EXPECT_EQ(admin_list("/api/v1/admin/emails?status=sent&limit=200").size(), 7u);
}

// Without an SMTP relay nothing is sent: messages are kept, complete, for admins to see and resend.
class HeldMailTest : public WebhookTest {
 protected:
  void SetUp() override { start(kWebhookSecret, true, {}, {{"POBLYSH_SMTP_URL", ""}}); }
};

TEST_F(HeldMailTest, MessagesAreHeldAndCanBeQueuedAgainByAnAdmin) {
  const int id = book();
  ASSERT_EQ(wait_for(id, [](const json& i) { return i["status"] == "confirmed"; })["status"], "confirmed");
  auto held = admin_list("/api/v1/admin/emails?status=held&limit=200");
  ASSERT_EQ(held.size(), 7u) << held.dump();
  EXPECT_EQ(admin_list("/api/v1/admin/emails?interview_id=" + std::to_string(id) + "&limit=200").size(), 7u);
  const std::string resend = "/api/v1/admin/emails/" + std::to_string(held[0]["id"].get<int>()) + "/resend";
  auto queued = api_->post(resend, json::object());
  ASSERT_EQ(queued.status, 200) << queued.body;
  EXPECT_EQ(queued.json()["status"], "pending");
  EXPECT_EQ(api_->post(resend, json::object()).status, 409);  // only held or dead mail can be resent
  // Page by page, with both filters (the interview's index walked, the status tested on its
  // rows): the one queued again is no longer held.
  std::vector<int> paged;
  const std::string held_of_it = "/api/v1/admin/emails?status=held&limit=3&interview_id=" + std::to_string(id);
  std::string next = held_of_it;
  for (int pages = 0; !next.empty() && pages < 10; ++pages) {
    auto page = api_->get(next).json();
    for (const auto& item : page["items"]) {
      EXPECT_EQ(item["interview_id"], id);
      EXPECT_EQ(item["status"], "held");
      paged.push_back(item["id"].get<int>());
    }
    next = page["next_cursor"].is_string() ? held_of_it + "&cursor=" + page["next_cursor"].get<std::string>() : "";
  }
  EXPECT_EQ(paged.size(), 6u);
  EXPECT_TRUE(std::is_sorted(paged.rbegin(), paged.rend()) &&
              std::adjacent_find(paged.begin(), paged.end()) == paged.end())
      << "newest first, each once";
  EXPECT_TRUE(admin_list("/api/v1/admin/emails?interview_id=" + std::to_string(id + 1000)).empty());
  // Its webhook deliveries, by interview and outcome.
  const std::string deliveries = "/api/v1/admin/webhook-deliveries?interview_id=";
  EXPECT_FALSE(admin_list(deliveries + std::to_string(id) + "&outcome=applied").empty());
  EXPECT_TRUE(admin_list(deliveries + std::to_string(id) + "&outcome=duplicate").empty());
  EXPECT_TRUE(admin_list(deliveries + std::to_string(id + 1000)).empty());
  EXPECT_EQ(api_->get("/api/v1/admin/emails?status=bogus").status, 400);
  EXPECT_TRUE(sink_->messages().empty());
}

}  // namespace
}  // namespace poblysh::testing
