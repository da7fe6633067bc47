// Cal.com failing during confirm, and meeting times across a daylight-saving change.
#include "core/time.hpp"
#include "workflow_fixture.hpp"

using namespace poblysh::testing;
using nlohmann::json;

TEST_F(WorkflowTest, CalComFailingDuringConfirmKeepsTheDraftAndASecondConfirmBooksOnce) {
  int id = 0;
  booked_draft(id);
  sim_->admin_post("/_sim/faults", {{"errorCount", 20}, {"pathPrefix", "/v2/bookings"}});
  auto failed = api_->post(path(id, "confirm"), json::object());
  EXPECT_GE(failed.status, 500);
  EXPECT_LT(failed.status, 600);
  auto error = failed.json()["error"];
  EXPECT_FALSE(error["message"].get<std::string>().empty());
  EXPECT_EQ(error["message"].get<std::string>().find("cal_test_"), std::string::npos);  // no key in messages
  auto after = api_->get(path(id)).json();
  EXPECT_EQ(after["status"], "draft");
  EXPECT_TRUE(after["calcom_booking_uid"].is_null());
  EXPECT_EQ(after["team"].size(), 2u);

  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto retried = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.json()["status"], "scheduled");
  EXPECT_EQ(sim_bookings_for(id).size(), 1u);
  bool failure_recorded = false;
  const auto history = retried.json()["history"];
  for (const auto& entry : history) failure_recorded |= entry["action"] == "confirm_failed";
  EXPECT_TRUE(failure_recorded);
}

TEST_F(WorkflowTest, ABookingStoredButAnsweredWithAnErrorIsFoundNotDuplicated) {
  int id = 0;
  booked_draft(id);
  sim_->admin_post("/_sim/faults", {{"failAfterCommitCount", 1}});
  auto confirmed = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["status"], "scheduled");
  auto at_calcom = sim_bookings_for(id);
  ASSERT_EQ(at_calcom.size(), 1u);
  EXPECT_EQ(at_calcom[0]["uid"], confirmed.json()["calcom_booking_uid"]);
}

// Cal.com may book another start than the one asked for (its own slot rules): the interview
// takes Cal.com's time, since that is the meeting, and says so in its history and the log.
TEST_F(WorkflowTest, AStartCalcomMovedIsShownAndLoggedNotTakenSilently) {
  int id = 0;
  const auto draft = booked_draft(id);
  const std::string asked = draft["start_time"];
  sim_->admin_post("/_sim/faults", {{"bookingStartShiftMinutes", 30}});
  auto confirmed = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  const auto interview = confirmed.json();
  EXPECT_EQ(*poblysh::parse_iso8601(interview["start_time"].get<std::string>()),
            *poblysh::parse_iso8601(asked) + std::chrono::minutes(30));
  nlohmann::json changed;
  for (const auto& entry : interview["history"]) {
    if (entry["action"] == "time_changed") changed = entry;
  }
  ASSERT_FALSE(changed.is_null()) << interview["history"].dump();
  EXPECT_EQ(changed["actor"], "cal.com");
  const std::string detail = changed["detail"];
  EXPECT_NE(detail.find(poblysh::format_iso8601_utc(*poblysh::parse_iso8601(asked))), std::string::npos) << detail;
  EXPECT_NE(service_->process().stderr_text().find("cal.com booked another time than asked"), std::string::npos);

  // Without the shift, nothing of the kind is said.
  sim_->admin_post("/_sim/faults", {{"bookingStartShiftMinutes", 0}});
  int other = 0;
  booked_draft(other);
  auto plain = api_->post(path(other, "confirm"), json::object());
  ASSERT_EQ(plain.status, 200) << plain.body;
  const auto history = plain.json()["history"];
  ASSERT_FALSE(history.empty());
  for (const auto& entry : history) EXPECT_NE(entry["action"], "time_changed");
}

TEST_F(WorkflowTest, MeetingTimesAcrossTheBerlinDaylightSavingSwitchAreShownRight) {
  const int id = create_draft();
  ASSERT_EQ(api_->send("PUT", path(id, "team"), json{{"primary_team_member_id", alice_}}.dump(), {}).status, 200);
  // Europe switches to summer time on Sunday 28 March 2027: Friday is +01:00, Monday is +02:00.
  auto options = api_->get(path(id, "booking-options") + "?from=2027-03-26&to=2027-03-29").json();
  json slots;
  for (const auto& type : options["event_types"]) {
    if (type["id"] == 1001) slots = type["slots"];
  }
  ASSERT_FALSE(slots.is_null());
  std::string friday, monday;
  for (const auto& slot : slots) {
    const std::string start = slot["start"];
    if (friday.empty() && start.starts_with("2027-03-26T")) friday = start;
    if (monday.empty() && start.starts_with("2027-03-29T")) monday = start;
  }
  ASSERT_FALSE(friday.empty()) << slots.dump();
  ASSERT_FALSE(monday.empty()) << slots.dump();
  ASSERT_EQ(api_->send("PUT", path(id, "details"), json{{"timezone", "Europe/Berlin"}}.dump(), {}).status, 200);

  for (const auto& [start, offset] : {std::pair{friday, std::string("+01:00")}, std::pair{monday, std::string("+02:00")}}) {
    auto booked = api_->send("PUT", path(id, "booking") + "?viewer_timezone=America/New_York",
                             json{{"event_type_id", 1001}, {"start_time", start}}.dump(), {});
    ASSERT_EQ(booked.status, 200) << booked.body;
    auto meeting = booked.json()["summary"]["start"]["meeting"];
    const std::string local = meeting["local"];
    EXPECT_TRUE(local.ends_with(offset)) << local;
    EXPECT_NE(meeting["display"].get<std::string>().find(offset == "+01:00" ? "CET" : "CEST"), std::string::npos);
    // Alice works from 09:00 Paris time: the first slot is 09:00 local on both sides of the switch.
    EXPECT_EQ(local.substr(11, 5), "09:00") << local;
  }
}
