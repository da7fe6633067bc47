// A team member records how a meeting went (POST /api/v1/interviews/:id/outcome): completed,
// or who did not come, told to Cal.com's booking; refused before the end and when no meeting
// took place; saved all the same when Cal.com cannot be told. Nobody gets an email for it.
#include "store/interview_repo.hpp"
#include "test_store.hpp"
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

using namespace std::chrono_literals;

json last_history(const json& interview) { return interview["history"].back(); }

class TeamOutcomeTest : public WebhookTest {
 protected:
  // The meeting is over on both sides: our record of its time moves an hour and a half into
  // the past (the service's clock is the real one), and the simulator's clock past its end.
  void meeting_is_over(int id, const std::string& uid) {
    if (!store_) store_ = open_database(service_->database_url(), 1);
    auto moved = store::transact(*store_, [&](store::Connection& db) -> Status {
      ASSIGN_OR_RETURN(auto found, interviews_.find(db, id));
      if (!found) return fail(ErrorCode::not_found, "no interview");
      auto interview = *found;
      const auto length = *interview.end - *interview.start;
      interview.start = std::chrono::time_point_cast<SystemTime::duration>(std::chrono::system_clock::now() - 90min);
      interview.end = *interview.start + length;
      return interviews_.save(db, interview, *found);
    });
    ASSERT_TRUE(moved) << moved.error().internal;
    const long long end = unix_seconds(sim_booking(uid)["end"]);
    const long long now = unix_seconds(sim_->admin_get("/_sim/clock")["now"]);
    sim_->admin_post("/_sim/clock", {{"advanceMs", (end + 600 - now) * 1000}});
  }

  HttpResponse outcome(int id, const json& body) { return api_->post(path(id, "outcome"), body); }

  int mark_absent_calls(const std::string& uid) {
    return sim_->admin_get("/_sim/requests")["data"].value("POST /v2/bookings/" + uid + "/mark-absent", 0);
  }

  // The simulator's attendee `email` of booking `uid`: whether Cal.com holds them absent.
  bool absent_at_calcom(const std::string& uid, const std::string& email) {
    const json booking = sim_booking(uid);
    for (const auto& attendee : booking["attendees"]) {
      if (attendee["email"] == email) return attendee["absent"].get<bool>();
    }
    ADD_FAILURE() << email << " is not an attendee of " << booking.dump();
    return false;
  }

  std::unique_ptr<store::Database> store_;
  store::InterviewRepo interviews_;
};

TEST_F(TeamOutcomeTest, ATeamMemberCompletesTheInterviewOnceAndCalcomNeedsNothing) {
  const auto [id, uid] = confirmed_interview();
  meeting_is_over(id, uid);
  auto done = outcome(id, {{"outcome", "completed"}, {"note", "Strong team;\nfollow up on pricing"}});
  ASSERT_EQ(done.status, 200) << done.body;
  const json after = done.json();
  EXPECT_EQ(after["status"], "completed");
  EXPECT_EQ(after["outcome_note"], "Strong team;\nfollow up on pricing");
  EXPECT_TRUE(after["no_shows"].empty());
  EXPECT_EQ(after["calcom_mark_absent"]["status"], "not_needed");
  EXPECT_EQ(last_history(after)["action"], "outcome_recorded");
  EXPECT_EQ(last_history(after)["actor"], "admin@example.com");
  EXPECT_EQ(last_history(after)["detail"], "Completed: everyone came");
  EXPECT_EQ(mark_absent_calls(uid), 0);

  // A second click finds it recorded: no new history, nothing sent.
  auto again = outcome(id, {{"outcome", "completed"}, {"note", "Strong team;\nfollow up on pricing"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["history"].size(), after["history"].size());
  EXPECT_EQ(mark_absent_calls(uid), 0);
  mail_exactly(7);  // the invitations only: nobody hears about an outcome
}

TEST_F(TeamOutcomeTest, ANoShowOfTheContactAndTheHostIsToldToCalcom) {
  const auto [id, uid] = confirmed_interview();
  meeting_is_over(id, uid);
  auto marked =
      outcome(id, {{"outcome", "no_show"},
                   {"absent", {{{"party", "contact"}}, {{"party", "interviewer"}, {"team_member_id", alice_}}}},
                   {"note", "Lena was on a flight; Alice was ill"}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  const json after = marked.json();
  EXPECT_EQ(after["status"], "completed");
  ASSERT_EQ(after["no_shows"].size(), 2u) << after.dump();
  EXPECT_EQ(after["no_shows"][0]["party"], "contact");
  EXPECT_EQ(after["no_shows"][0]["email"], "lena@northwind.example");
  EXPECT_EQ(after["no_shows"][1]["team_member_id"], alice_);
  EXPECT_EQ(after["calcom_mark_absent"]["status"], "sent") << after["calcom_mark_absent"].dump();
  const std::string detail = last_history(after)["detail"];
  EXPECT_NE(detail.find("No-show: "), std::string::npos) << detail;
  EXPECT_NE(detail.find("(the startup's contact)"), std::string::npos) << detail;
  EXPECT_NE(detail.find("Alice Martin (interviewer)"), std::string::npos) << detail;

  // Cal.com holds the contact absent and the host (Alice, the primary) absent; the guests not.
  EXPECT_EQ(mark_absent_calls(uid), 1);
  EXPECT_TRUE(absent_at_calcom(uid, "lena@northwind.example"));
  EXPECT_FALSE(absent_at_calcom(uid, "ivy@fund.example"));
  EXPECT_TRUE(sim_booking(uid)["absentHost"].get<bool>());

  // Cal.com's BOOKING_NO_SHOW_UPDATED for it changes nothing, and keeps the team member's note.
  auto echoed = wait_for(id, [](const json& i) {
    for (const auto& delivery : i["deliveries"]) {
      if (delivery["trigger"] == "BOOKING_NO_SHOW_UPDATED") return true;
    }
    return false;
  });
  EXPECT_EQ(echoed["deliveries"].back()["trigger"], "BOOKING_NO_SHOW_UPDATED") << echoed.dump();
  EXPECT_EQ(echoed["deliveries"].back()["outcome"], "duplicate") << echoed["deliveries"].dump();
  EXPECT_EQ(echoed["outcome_note"], "Lena was on a flight; Alice was ill");
  EXPECT_EQ(echoed["no_shows"].size(), 2u);

  // A correction: Lena came after all, Ivy did not. Cal.com is told both.
  auto corrected =
      outcome(id, {{"outcome", "no_show"}, {"absent", {{{"party", "guest"}, {"email", "IVY@fund.example"}}}}});
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  ASSERT_EQ(corrected.json()["no_shows"].size(), 1u);
  EXPECT_EQ(corrected.json()["no_shows"][0]["email"], "ivy@fund.example");
  EXPECT_EQ(corrected.json()["outcome_note"], nullptr);
  EXPECT_FALSE(absent_at_calcom(uid, "lena@northwind.example"));
  EXPECT_TRUE(absent_at_calcom(uid, "ivy@fund.example"));
  EXPECT_FALSE(sim_booking(uid)["absentHost"].get<bool>());
  mail_exactly(7);  // the invitations only: nobody hears about an outcome
}

TEST_F(TeamOutcomeTest, IsRefusedBeforeTheEndAndWhenNoMeetingTookPlace) {
  const auto [id, uid] = confirmed_interview();
  auto early = outcome(id, {{"outcome", "no_show"}, {"absent", {{{"party", "contact"}}}}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(interview(id)["status"], "confirmed");
  EXPECT_TRUE(interview(id)["no_shows"].empty());

  auto cancelled = api_->post(path(id, "cancel"), {{"reason", "The startup withdrew"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  meeting_is_over(id, uid);
  auto late = outcome(id, {{"outcome", "completed"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(interview(id)["status"], "cancelled");
  EXPECT_EQ(mark_absent_calls(uid), 0);
}

TEST_F(TeamOutcomeTest, BadInputsNameTheirField) {
  const auto [id, uid] = confirmed_interview();
  meeting_is_over(id, uid);
  const std::vector<std::pair<json, std::string>> cases{
      {json::object(), "outcome"},
      {{{"outcome", "maybe"}}, "outcome"},
      {{{"outcome", 1}}, "outcome"},
      {{{"outcome", "no_show"}}, "absent"},
      {{{"outcome", "completed"}, {"absent", {{{"party", "contact"}}}}}, "absent"},
      {{{"outcome", "no_show"}, {"absent", "contact"}}, "absent"},
      {{{"outcome", "no_show"}, {"absent", {"contact"}}}, "absent[0]"},
      {{{"outcome", "no_show"}, {"absent", {{{"party", "founder"}}}}}, "absent[0].party"},
      {{{"outcome", "no_show"}, {"absent", {{{"party", "guest"}}}}}, "absent[0].email"},
      {{{"outcome", "no_show"}, {"absent", {{{"party", "guest"}, {"email", "zoe@else.example"}}}}}, "absent[0]"},
      {{{"outcome", "no_show"}, {"absent", {{{"party", "interviewer"}, {"team_member_id", 0}}}}},
       "absent[0].team_member_id"},
      {{{"outcome", "no_show"}, {"absent", {{{"party", "interviewer"}, {"team_member_id", 999999}}}}}, "absent[0]"},
      {{{"outcome", "no_show"}, {"absent", {{{"party", "contact"}}, {{"party", "contact"}}}}}, "absent[1]"},
      {{{"outcome", "completed"}, {"note", std::string(2001, 'x')}}, "note"},
      {{{"outcome", "completed"}, {"note", "bell\a"}}, "note"},
  };
  for (const auto& [body, field] : cases) {
    auto refused = outcome(id, body);
    EXPECT_EQ(refused.status, 400) << body.dump() << " → " << refused.body;
    EXPECT_TRUE(refused.json()["error"]["details"]["fields"].contains(field)) << body.dump() << " → " << refused.body;
  }
  EXPECT_EQ(outcome(id + 1000, {{"outcome", "completed"}}).status, 404);
  EXPECT_EQ(interview(id)["status"], "confirmed");
  EXPECT_EQ(mark_absent_calls(uid), 0);
}

// The outcome is ours: when Cal.com fails, it is kept, and the answer and the history say
// that Cal.com was not told.
TEST_F(TeamOutcomeTest, WhenCalcomFailsTheOutcomeIsKeptAndSaysSo) {
  const auto [id, uid] = confirmed_interview();
  meeting_is_over(id, uid);
  sim_->admin_post("/_sim/faults", {{"errorCount", 10},
                                    {"errorStatus", 503},
                                    {"pathPrefix", "/v2/bookings/" + uid + "/mark-absent"},
                                    {"method", "POST"}});
  auto marked = outcome(id, {{"outcome", "no_show"}, {"absent", {{{"party", "contact"}}}}});
  ASSERT_EQ(marked.status, 200) << marked.body;
  const json after = marked.json();
  EXPECT_EQ(after["status"], "completed");
  EXPECT_EQ(after["no_shows"].size(), 1u);
  EXPECT_EQ(after["calcom_mark_absent"]["status"], "failed");
  EXPECT_FALSE(after["calcom_mark_absent"]["message"].get<std::string>().empty());
  EXPECT_EQ(last_history(after)["action"], "outcome_not_sent_to_calcom");
  EXPECT_EQ(after["history"][after["history"].size() - 2]["action"], "outcome_recorded");
  EXPECT_GE(mark_absent_calls(uid), 1);
  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  EXPECT_FALSE(absent_at_calcom(uid, "lena@northwind.example"));
  EXPECT_EQ(interview(id)["no_shows"].size(), 1u);
}

}  // namespace
}  // namespace poblysh::testing
