// The six steps through the real API against the Cal.com simulator.
#include <latch>
#include <memory>
#include <thread>

#include "workflow_fixture.hpp"

using namespace poblysh::testing;
using nlohmann::json;

TEST_F(WorkflowTest, SixStepsEndInAScheduledInterviewBookedOnceAtCalCom) {
  // 1. Startup & contact (added inline).
  const int id = create_draft();
  auto draft = api_->get(path(id)).json();
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["invitation_status"], "pending");
  EXPECT_EQ(draft["contact"]["email"], "lena@northwind.example");
  EXPECT_EQ(draft["contact"]["company"], "Northwind Robotics");

  // 2. Team, with availability: known for linked members, unknown for Nora.
  auto availability = api_->get(path(id, "availability") + "?members=" + std::to_string(alice_) + "," +
                                std::to_string(bruno_) + "," + std::to_string(nora_) + "&duration=30");
  ASSERT_EQ(availability.status, 200) << availability.body;
  auto members = availability.json()["members"];
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0]["availability"], "known");
  EXPECT_FALSE(members[0]["slots"].empty());
  EXPECT_EQ(members[2]["availability"], "unknown");
  EXPECT_TRUE(members[2]["slots"].empty());
  EXPECT_FALSE(availability.json()["common_slots"].empty());
  auto team =
      api_->send("PUT", path(id, "team"),
                 json{{"primary_team_member_id", alice_}, {"additional_team_member_ids", {bruno_, nora_}}}.dump(), {});
  ASSERT_EQ(team.status, 200) << team.body;
  EXPECT_EQ(team.json()["team"][0]["team_member_id"], alice_);
  EXPECT_EQ(team.json()["team"][0]["is_primary"], true);

  // 3. Booking type and time.
  auto options = api_->get(path(id, "booking-options")).json();
  json founder;
  for (const auto& type : options["event_types"]) {
    if (type["id"] == 1001) founder = type;
  }
  ASSERT_FALSE(founder.is_null());
  EXPECT_EQ(founder["length_minutes"], 30);
  EXPECT_GT(founder["common_free_slots"].get<int>(), 0);
  const std::string start = founder["slots"][0]["start"];
  auto booking =
      api_->send("PUT", path(id, "booking"), json{{"event_type_id", 1001}, {"start_time", start}}.dump(), {});
  ASSERT_EQ(booking.status, 200) << booking.body;
  EXPECT_EQ(booking.json()["duration_minutes"], 30);
  EXPECT_EQ(booking.json()["start_time"], start);

  // 4. Guests: one from contacts, one typed.
  auto guests = api_->send(
      "PUT", path(id, "guests"),
      json{{"guests",
            {{{"contact_id", advisor_id_}},
             {{"name", "Ivy Investor"}, {"email", "ivy@fund.example"}, {"role", "Observer"}, {"company", "Fund One"}}}}}
          .dump(),
      {});
  ASSERT_EQ(guests.status, 200) << guests.body;
  EXPECT_EQ(guests.json()["summary"]["guest_count"], 2);
  EXPECT_EQ(guests.json()["summary"]["total_duration_minutes"], 30);
  EXPECT_EQ(guests.json()["guests"][0]["company"], "Northwind Robotics");
  EXPECT_EQ(guests.json()["guests"][1]["invitation_status"], "pending");

  // 5. Details.
  auto details =
      api_->send("PUT", path(id, "details") + "?viewer_timezone=America/New_York",
                 json{{"prep_notes_markdown", "## Focus\n\n- **traction**\n- hiring"},
                      {"custom_questions", {"What changed since the seed round?", "Who are your first customers?"}},
                      {"timezone", "Europe/Berlin"}}
                     .dump(),
                 {});
  ASSERT_EQ(details.status, 200) << details.body;
  auto summary = details.json()["summary"];
  EXPECT_EQ(summary["start"]["meeting"]["zone"], "Europe/Berlin");
  EXPECT_EQ(summary["start"]["viewer"]["zone"], "America/New_York");
  EXPECT_NE(details.json()["prep_notes_html"].get<std::string>().find("<strong>traction</strong>"), std::string::npos);

  // 6. Confirm.
  auto confirmed = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  auto result = confirmed.json();
  EXPECT_EQ(result["status"], "scheduled");
  EXPECT_EQ(result["invitation_status"], "pending");
  EXPECT_FALSE(result["calcom_booking_uid"].is_null());
  for (const auto& guest : result["guests"]) {
    EXPECT_EQ(guest["invitation_status"], "sent");
    EXPECT_FALSE(guest["invited_at"].is_null());
  }

  auto at_calcom = sim_bookings_for(id);
  ASSERT_EQ(at_calcom.size(), 1u) << sim_->bookings().dump() << "\n" << result.dump();
  const auto& sim_booking = at_calcom[0];
  EXPECT_EQ(sim_booking["uid"], result["calcom_booking_uid"]);
  EXPECT_EQ(sim_booking["start"].get<std::string>().substr(0, 19), start.substr(0, 19));
  EXPECT_EQ(sim_booking["attendees"][0]["email"], "lena@northwind.example");
  std::set<std::string> guest_emails;
  for (const auto& email : sim_booking["guests"]) guest_emails.insert(email);
  EXPECT_EQ(guest_emails, (std::set<std::string>{"bruno@poblysh.test", "nora@poblysh.test", "tomas@northwind.example",
                                                 "ivy@fund.example"}));
  EXPECT_EQ(sim_booking["eventType"]["id"], 1001);

  // A second confirm (double click, retry, other tab) books nothing more.
  auto again = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["calcom_booking_uid"], result["calcom_booking_uid"]);
  EXPECT_EQ(sim_bookings_for(id).size(), 1u);

  // Booked interviews are listed and no longer editable as drafts.
  auto list = api_->get("/api/v1/interviews?status=scheduled&team_member_id=" + std::to_string(alice_)).json()["items"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["id"], id);
  // The member's list follows the interview's status and meeting time, which interview_team
  // repeats for that list (migration 0006): no longer a draft, now on the meeting's day.
  const std::string by_alice = "/api/v1/interviews?team_member_id=" + std::to_string(alice_);
  EXPECT_TRUE(api_->get(by_alice + "&status=draft").json()["items"].empty());
  const std::string day = start.substr(0, 10);
  auto on_the_day = api_->get(by_alice + "&from=" + day + "&to=" + day).json()["items"];
  ASSERT_EQ(on_the_day.size(), 1u);
  EXPECT_EQ(on_the_day[0]["id"], id);
  EXPECT_TRUE(api_->get(by_alice + "&to=2000-01-01").json()["items"].empty());
  EXPECT_EQ(api_->send("PUT", path(id, "details"), json{{"timezone", "UTC"}}.dump(), {}).status, 409);
  auto startup_page = api_->get("/api/v1/startups/" + std::to_string(startup_id_)).json();
  EXPECT_EQ(startup_page["interviews"].size(), 1u);
}

TEST_F(WorkflowTest, ListFiltersFollowTheMeetingTimeTitleAndStartupName) {
  // The list's index entries carry start_at and the title (migration 0007), so these filters are
  // tested on the entry: this holds them to what the rows say, on both stores.
  const int untimed = create_draft();
  int timed = 0;
  const std::string day = booked_draft(timed)["start_time"].get<std::string>().substr(0, 10);
  auto titled = api_->post("/api/v1/interviews",
                           {{"startup_id", startup_id_}, {"title", "Founder call"}, {"contact_id", advisor_id_}});
  ASSERT_EQ(titled.status, 201) << titled.body;
  const int founder_call = titled.json()["id"].get<int>();
  ASSERT_EQ(api_->send("PUT", path(untimed, "team"), json{{"primary_team_member_id", alice_}}.dump(), {}).status, 200);
  auto ids = [&](const std::string& query) {
    auto page = api_->get("/api/v1/interviews?" + query);
    EXPECT_EQ(page.status, 200) << query << ": " << page.body;
    if (page.status != 200) return std::set<int>{-1};
    const auto body = page.json();  // kept alive: the loop iterates into it
    std::set<int> found;
    for (const auto& item : body["items"]) found.insert(item["id"].get<int>());
    return found;
  };
  // A date range is about the meeting: a draft without a time is in no range.
  EXPECT_EQ(ids("status=draft&from=" + day + "&to=" + day), std::set<int>{timed});
  EXPECT_EQ(ids("from=" + day + "&to=" + day), std::set<int>{timed});
  EXPECT_EQ(ids("to=2099-12-31"), std::set<int>{timed});  // though every draft was made before then
  EXPECT_EQ(ids("status=draft&from=2000-01-01"), std::set<int>{timed});
  EXPECT_EQ(ids("status=draft"), (std::set<int>{untimed, timed, founder_call}));
  // The same through a member's list, which walks the team's rows (they repeat the meeting time).
  const std::string alice = "team_member_id=" + std::to_string(alice_);
  EXPECT_EQ(ids(alice), (std::set<int>{untimed, timed}));
  EXPECT_EQ(ids(alice + "&from=2000-01-01"), std::set<int>{timed});
  EXPECT_EQ(ids(alice + "&status=draft&to=2099-12-31"), std::set<int>{timed});
  EXPECT_EQ(ids(alice + "&status=draft&from=" + day + "&to=" + day), std::set<int>{timed});
  // Search matches the title ("Interview with Northwind Robotics" unless given) or the startup's
  // name, in any case.
  EXPECT_EQ(ids("q=ROBOTICS"), (std::set<int>{untimed, timed, founder_call}));
  EXPECT_EQ(ids("q=founder%20call"), std::set<int>{founder_call});
  EXPECT_EQ(ids("q=interview%20with&from=" + day + "&to=" + day), std::set<int>{timed});
  EXPECT_TRUE(ids("q=nothing%20like%20this").empty());
  // Interviews repeat their startup's name for the search (migration 0008): a rename follows.
  auto renamed = api_->patch("/api/v1/startups/" + std::to_string(startup_id_), {{"name", "Southwind Aerospace"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(ids("q=aerospace"), (std::set<int>{untimed, timed, founder_call}));
  EXPECT_EQ(ids("q=robotics"), (std::set<int>{untimed, timed}));  // their titles still say it
}

// The confirm claim alone. Two guards keep a double click from booking twice: the claim
// (confirm_lock_until) and, behind it, looking the booking up by interview id before making one.
// Either ends with one booking, so the end state cannot tell whether the claim works; the calls
// made can. The clicks start together, signed in beforehand, while Cal.com takes its time over
// the create: every click after the first finds the claim held, waits, and answers the first
// one's booking. Had any of them claimed too, it would have looked the booking up or made one.
TEST_F(WorkflowTest, ConcurrentConfirmsWaitForTheFirstClaimAndBookOnce) {
  int id = 0;
  booked_draft(id);
  constexpr int kClicks = 4;
  auto tabs = signed_in_tabs(kClicks);
  ASSERT_FALSE(HasFailure());
  sim_->admin_post("/_sim/faults", {{"pathPrefix", "/v2/bookings"}, {"method", "POST"}, {"latencyMs", 1500}});
  const int creates_before = calcom_requests("POST /v2/bookings");
  const int lookups_before = calcom_requests("GET /v2/bookings");

  std::vector<HttpResponse> answers(kClicks);
  std::latch go(kClicks);
  std::vector<std::thread> clicks;
  for (int i = 0; i < kClicks; ++i) {
    clicks.emplace_back([&, i] {
      go.arrive_and_wait();
      answers[static_cast<std::size_t>(i)] =
          tabs[static_cast<std::size_t>(i)]->post(path(id, "confirm"), json::object());
    });
  }
  for (auto& click : clicks) click.join();

  const auto booked = sim_bookings_for(id);
  ASSERT_EQ(booked.size(), 1u);
  for (const auto& answer : answers) {
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["calcom_booking_uid"], booked[0]["uid"]);
  }
  EXPECT_EQ(calcom_requests("POST /v2/bookings") - creates_before, 1) << "only the claim holder books";
  EXPECT_EQ(calcom_requests("GET /v2/bookings") - lookups_before, 0) << "no second click claimed and looked up";
}

// The look-up before booking again, alone (booking_attempted_at). Cal.com makes the booking but
// answers 500, and every look-up the client then makes to learn what happened fails as well, so
// the confirm ends "outcome unknown" with the booking made and the claim released: the client's
// own look-up after an ambiguous failure is out of the way. The next confirm must look for the
// booking by interview id before making one; making one would be refused (the time is taken)
// and the draft could never be confirmed.
TEST_F(WorkflowTest, AConfirmWhoseOutcomeWasNeverLearnedFindsItsBookingOnTheNextClick) {
  int id = 0;
  booked_draft(id);
  sim_->admin_post(
      "/_sim/faults",
      {{"failAfterCommitCount", 1}, {"pathPrefix", "/v2/bookings"}, {"method", "GET"}, {"errorCount", 100}});
  auto unknown = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(unknown.status, 503) << unknown.body;
  EXPECT_EQ(api_->get(path(id)).json()["status"], "draft");
  const auto made = sim_bookings_for(id);
  ASSERT_EQ(made.size(), 1u) << "Cal.com made the booking it answered 500 for";

  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto retried = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(retried.status, 200) << retried.body;
  EXPECT_EQ(retried.json()["status"], "scheduled");
  EXPECT_EQ(retried.json()["calcom_booking_uid"], made[0]["uid"]);
  EXPECT_EQ(sim_bookings_for(id).size(), 1u);
  EXPECT_EQ(calcom_requests("POST /v2/bookings"), 1) << "the second click made no booking";
}

TEST_F(WorkflowTest, ConfirmBeforeTheStepsAreDoneSaysWhatIsMissing) {
  const int id = create_draft();
  auto refused = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(refused.status, 422) << refused.body;
  auto fields = refused.json()["error"]["details"]["fields"];
  EXPECT_TRUE(fields.contains("primary_team_member_id"));
  EXPECT_TRUE(fields.contains("event_type_id"));
  EXPECT_TRUE(fields.contains("start_time"));
  EXPECT_TRUE(sim_bookings_for(id).empty());
}

TEST_F(WorkflowTest, CustomDurationUsesTheEventTypesLengthOptions) {
  int id = 0;
  auto draft = booked_draft(id, 45);
  EXPECT_EQ(draft["duration_minutes"], 45);
  EXPECT_EQ(draft["custom_duration"], true);
  auto confirmed = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  auto at_calcom = sim_bookings_for(id);
  ASSERT_EQ(at_calcom.size(), 1u);
  EXPECT_EQ(at_calcom[0]["duration"], 45);
  // A length the event type cannot take is refused, naming the field; so is one out of range.
  auto start = draft["start_time"];
  const int other = create_draft();
  ASSERT_EQ(api_->send("PUT", path(other, "team"), json{{"primary_team_member_id", alice_}}.dump(), {}).status, 200);
  EXPECT_EQ(api_->send("PUT", path(other, "booking"),
                       json{{"event_type_id", 1001}, {"custom_duration_minutes", 50}, {"start_time", start}}.dump(), {})
                .json()["error"]["details"]["fields"]
                .contains("custom_duration_minutes"),
            true);
  EXPECT_EQ(api_->send("PUT", path(other, "booking"),
                       json{{"event_type_id", 1001}, {"custom_duration_minutes", 600}}.dump(), {})
                .status,
            400);
  EXPECT_EQ(api_->send("PUT", path(other, "booking"), json{{"event_type_id", 999999}}.dump(), {}).status, 400);
}
