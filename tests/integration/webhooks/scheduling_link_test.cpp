// The startup's contact picks the time: staff send a personal link (the contact alone is
// mailed), the contact opens it without an account, sees the team's common free times, and
// books one exactly once — then moves or cancels it within the rules staff set. Expired and
// revoked links say so; a time taken meanwhile is refused.
#include <thread>

#include "core/time.hpp"
#include "store/database.hpp"
#include "test_store.hpp"
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

using namespace std::chrono_literals;

class SchedulingLinkTest : public WebhookTest {
 protected:
  // A draft with its contact, team and event type, but no time: ready for a link.
  int ready_draft(int event_type_id = 1001) {
    const int id = northwind::create_draft(*api_, startup_id_);
    northwind::assign_team(*api_, id, {alice_, bruno_, startup_id_, advisor_id_});
    auto booking = api_->send("PUT", path(id, "booking"), json{{"event_type_id", event_type_id}}.dump(), {});
    EXPECT_EQ(booking.status, 200) << booking.body;
    EXPECT_EQ(api_->send("PUT", path(id, "details"), json{{"timezone", "Europe/Berlin"}}.dump(), {}).status, 200);
    return id;
  }

  // Sends the link; returns its token (the last segment of the URL shown once).
  std::string send_link(int id, json rules = json::object()) {
    auto sent = api_->post(path(id, "scheduling-link"), rules);
    EXPECT_EQ(sent.status, 201) << sent.body;
    const std::string url = sent.json()["scheduling_link"].value("url", "");
    EXPECT_EQ(url.rfind("http://interviews.poblysh.test/pick/", 0), 0u) << url;
    return url.substr(url.rfind('/') + 1);
  }

  HttpResponse contact_get(const std::string& token, const std::string& suffix = "") {
    return HttpClient(service_->base_url()).get("/api/v1/links/" + token + suffix);
  }
  HttpResponse contact_post(const std::string& token, const std::string& action, const json& body) {
    return HttpClient(service_->base_url()).post("/api/v1/links/" + token + "/" + action, body);
  }

  json free_times(const std::string& token) {
    auto times = contact_get(token, "/times?from=" + std::string("2000-01-01T00:00:00Z"));
    EXPECT_EQ(times.status, 200) << times.body;
    return times.json()["slots"];
  }

  void run_sql(const std::string& sql) {
    if (!store_) store_ = open_database(service_->database_url(), 1);
    auto done = store::transact(*store_, [&](store::Connection& db) -> Status {
      RETURN_IF_ERROR(db.execute(sql));
      return {};
    });
    ASSERT_TRUE(done) << done.error().internal;
  }

  static int count_history(const json& interview, const std::string& action) {
    int n = 0;
    for (const auto& entry : interview["history"]) n += entry["action"] == action ? 1 : 0;
    return n;
  }

  std::unique_ptr<store::Database> store_;
};

TEST_F(SchedulingLinkTest, TheContactAloneGetsTheLinkAndTheInterviewWaitsForThem) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"window_days", 10}, {"min_notice_hours", 0}});
  EXPECT_GE(token.size(), 40u);  // 32 random bytes, URL-safe
  const json waiting = interview(id);
  EXPECT_EQ(waiting["status"], "awaiting_contact");
  EXPECT_EQ(count_history(waiting, "link_sent"), 1);

  const auto mails = mail_exactly(1);
  EXPECT_EQ(mails[0].recipient, "lena@northwind.example");
  EXPECT_EQ(mails[0].subject.rfind("Pick a time", 0), 0u) << mails[0].subject;
  EXPECT_NE(mails[0].text.find("/pick/" + token), std::string::npos) << mails[0].text;
  EXPECT_TRUE(mails[0].method.empty()) << "no calendar invitation before there is a time";
  // Only the digest is stored, never the token.
  auto log = service_->process().stdout_text() + service_->process().stderr_text();
  EXPECT_EQ(log.find(token), std::string::npos);

  // Staff see when it went out and whether it was opened.
  auto link = api_->get(path(id, "scheduling-link"));
  ASSERT_EQ(link.status, 200) << link.body;
  EXPECT_EQ(link.json()["state"], "active");
  EXPECT_TRUE(link.json()["opened_at"].is_null());
  EXPECT_FALSE(link.json().contains("url"));
  ASSERT_EQ(contact_get(token).status, 200);
  EXPECT_FALSE(api_->get(path(id, "scheduling-link")).json()["opened_at"].is_null());
}

TEST_F(SchedulingLinkTest, ThePageShowsThePublicFactsAndNothingInternal) {
  const int id = ready_draft();
  ASSERT_EQ(api_->send("PUT", path(id, "details"),
                       json{{"timezone", "Europe/Berlin"},
                            {"prep_notes_markdown", "Internal: valuation concerns"},
                            {"custom_questions", {"What is your churn?"}}}
                           .dump(),
                       {})
                .status,
            200);
  const std::string token = send_link(id, {{"min_notice_hours", 0}});
  auto page = contact_get(token);
  ASSERT_EQ(page.status, 200) << page.body;
  const json body = page.json();
  EXPECT_EQ(body["state"], "active");
  EXPECT_EQ(body["interview"]["startup"], "Northwind Robotics");
  EXPECT_EQ(body["interview"]["team"].size(), 2u);
  EXPECT_EQ(body["interview"]["team"][0]["primary"], true);
  for (const char* secret : {"valuation", "churn", "alice@poblysh.test", "bruno@poblysh.test", "history"}) {
    EXPECT_EQ(page.body.find(secret), std::string::npos) << secret;
  }
  EXPECT_FALSE(free_times(token).empty());
}

TEST_F(SchedulingLinkTest, TheContactsChoiceIsBookedExactlyOnceUnderADoubleSubmit) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"min_notice_hours", 0}});
  mail_exactly(1);
  const json slots = free_times(token);
  ASSERT_GE(slots.size(), 2u);
  const json choice{{"start_time", slots[0]["start"]},
                    {"note", "Looking forward"},
                    {"guest", {{"name", "Omar CTO"}, {"email", "omar@northwind.example"}}}};
  HttpResponse first, second;
  std::thread other([&] { second = contact_post(token, "booking", choice); });
  first = contact_post(token, "booking", choice);
  other.join();
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(first.json()["state"], "booked");
  EXPECT_EQ(first.json()["interview"]["start_time"], slots[0]["start"]);

  const json booked = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  EXPECT_EQ(booked["status"], "confirmed") << booked.dump();
  EXPECT_EQ(count_history(booked, "time_picked"), 1);
  EXPECT_EQ(count_history(booked, "scheduled"), 1);
  EXPECT_EQ(sim_->admin_get("/_sim/requests")["data"].value("POST /v2/bookings", 0), 1);
  bool omar = false;
  for (const auto& guest : booked["guests"]) omar = omar || guest["email"] == "omar@northwind.example";
  EXPECT_TRUE(omar) << booked["guests"].dump();

  // A second tab with another time: the link has served.
  auto late = contact_post(token, "booking", {{"start_time", slots[1]["start"]}});
  EXPECT_EQ(late.status, 409) << late.body;
}

TEST_F(SchedulingLinkTest, ATimeTakenMeanwhileIsRefusedAndTheLinkStillServes) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"min_notice_hours", 0}});
  const json slots = free_times(token);
  ASSERT_GE(slots.size(), 2u);
  // The same team booked at that time by staff, for another interview.
  const int other = northwind::create_draft(*api_, startup_id_);
  northwind::assign_team(*api_, other, {alice_, bruno_, startup_id_, advisor_id_});
  ASSERT_EQ(api_->send("PUT", path(other, "booking"),
                       json{{"event_type_id", 1001}, {"start_time", slots[0]["start"]}}.dump(), {})
                .status,
            200);
  ASSERT_EQ(api_->post(path(other, "confirm"), json::object()).status, 200);

  auto taken = contact_post(token, "booking", {{"start_time", slots[0]["start"]}});
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(interview(id)["status"], "awaiting_contact");
  const json fresh = free_times(token);
  for (const auto& slot : fresh) EXPECT_NE(slot["start"], slots[0]["start"]);
  EXPECT_EQ(contact_post(token, "booking", {{"start_time", fresh[0]["start"]}}).status, 200);
}

TEST_F(SchedulingLinkTest, ATimeOutsideTheRulesIsNotOffered) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"min_notice_hours", 48}, {"window_days", 5}});
  for (const auto& slot : free_times(token)) {
    const auto start = parse_iso8601(slot["start"].get<std::string>());
    ASSERT_TRUE(start);
    EXPECT_GE(*start, std::chrono::system_clock::now() + 47h);
    EXPECT_LE(*start, std::chrono::system_clock::now() + 5 * 24h);
  }
  const auto soon =
      format_iso8601_utc(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now() + 2h));
  auto refused = contact_post(token, "booking", {{"start_time", soon}});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(interview(id)["status"], "awaiting_contact");
}

TEST_F(SchedulingLinkTest, ExpiredAndRevokedLinksSaySoPlainly) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"min_notice_hours", 0}});
  const json slots = free_times(token);
  run_sql("UPDATE scheduling_links SET expires_at = 1000");
  auto expired = contact_get(token);
  ASSERT_EQ(expired.status, 200) << expired.body;
  EXPECT_EQ(expired.json()["state"], "expired");
  EXPECT_EQ(contact_post(token, "booking", {{"start_time", slots[0]["start"]}}).status, 410);

  // Sending again replaces the link; revoking makes the interview a draft again.
  const std::string second = send_link(id, {{"min_notice_hours", 0}});
  EXPECT_EQ(contact_get(token).json()["state"], "revoked");
  auto revoked = api_->send("DELETE", path(id, "scheduling-link"), "", {});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["status"], "draft");
  EXPECT_EQ(contact_get(second).json()["state"], "revoked");
  EXPECT_EQ(contact_post(second, "booking", {{"start_time", slots[0]["start"]}}).status, 410);
  EXPECT_EQ(contact_get("not-a-token-of-any-link-at-all-000000000000").status, 404);
}

TEST_F(SchedulingLinkTest, ACancelledInterviewsLinkNoLongerOffersTimes) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"min_notice_hours", 0}});
  const json slots = free_times(token);
  ASSERT_FALSE(slots.empty());
  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "The startup found funding elsewhere"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(contact_get(token).json()["state"], "revoked");
  EXPECT_EQ(contact_get(token, "/times").status, 410);
  EXPECT_EQ(contact_post(token, "booking", {{"start_time", slots[0]["start"]}}).status, 409);
  EXPECT_EQ(interview(id)["status"], "cancelled");
}

TEST_F(SchedulingLinkTest, TheContactMovesOrCancelsOnlyWithinTheNotice) {
  const int id = ready_draft();
  const std::string token = send_link(id, {{"min_notice_hours", 0}, {"change_notice_hours", 0}});
  const json slots = free_times(token);
  ASSERT_GE(slots.size(), 3u);
  ASSERT_EQ(contact_post(token, "booking", {{"start_time", slots[0]["start"]}}).status, 200);
  wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });

  EXPECT_EQ(contact_post(token, "reschedule", {{"start_time", slots[2]["start"]}}).status, 400)
      << "a reason is required";
  auto moved = contact_post(token, "reschedule", {{"start_time", slots[2]["start"]}, {"reason", "Board meeting"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["interview"]["start_time"], slots[2]["start"]);
  EXPECT_EQ(interview(id)["start_time"], slots[2]["start"]);

  // Staff asked for two weeks' notice: too late to change it here.
  run_sql("UPDATE scheduling_links SET change_notice_minutes = 20160");
  auto late = contact_post(token, "cancel", {{"reason", "Cannot make it"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(contact_get(token).json()["can_change"], false);

  run_sql("UPDATE scheduling_links SET change_notice_minutes = 0");
  auto cancelled = contact_post(token, "cancel", {{"reason", "We closed the round"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(interview(id)["status"], "cancelled");
  EXPECT_EQ(interview(id)["cancellation_reason"], "We closed the round");
}

}  // namespace
}  // namespace poblysh::testing
