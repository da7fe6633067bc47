// Shared set-up of the booking workflow tests: the simulator, the service, a startup and a team.
#pragma once

#include <gtest/gtest.h>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = std::make_unique<CalcomSim>();
    service_ = std::make_unique<Service>(sim_->service_env());
    api_ = std::make_unique<HttpClient>(service_->base_url());
    ASSERT_EQ(api_->login("admin@example.com", "correct-horse-battery").status, 200);
    alice_ = member("Alice Martin", "alice@poblysh.test", "Editor", "alice-editor");
    bruno_ = member("Bruno Keller", "bruno@poblysh.test", "Partner", "bruno-partner");
    nora_ = member("Nora Unlinked", "nora@poblysh.test", "Writer", "");
    auto startup = api_->post("/api/v1/startups", {{"name", "Northwind Robotics"}, {"website", "https://northwind.example"}});
    ASSERT_EQ(startup.status, 201) << startup.body;
    startup_id_ = startup.json()["id"].get<int>();
    auto advisor = api_->post("/api/v1/startups/" + std::to_string(startup_id_) + "/contacts",
                              {{"name", "Tomás Álvarez"}, {"email", "tomas@northwind.example"}, {"title", "CTO"}});
    ASSERT_EQ(advisor.status, 201) << advisor.body;
    advisor_id_ = advisor.json()["id"].get<int>();
  }

  int member(const std::string& name, const std::string& email, const std::string& role, const std::string& username) {
    nlohmann::json body{{"name", name}, {"email", email}, {"role", role}};
    if (!username.empty()) body["calcom_username"] = username;
    auto created = api_->post("/api/v1/team-members", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json()["id"].get<int>();
  }

  std::string path(int id, const std::string& step = "") const {
    return "/api/v1/interviews/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
  }

  // Step 1 with a contact added inline.
  int create_draft() {
    auto created = api_->post("/api/v1/interviews",
                              {{"startup_id", startup_id_},
                               {"contact", {{"name", "Lena Fischer"}, {"email", "lena@northwind.example"}, {"title", "CEO"}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json()["id"].get<int>();
  }

  // Steps 1–3 done: team assigned, Alice's founder-interview event type at the first common slot.
  nlohmann::json booked_draft(int& id, std::optional<int> custom_duration = std::nullopt) {
    id = create_draft();
    auto team = api_->send("PUT", path(id, "team"),
                           nlohmann::json{{"primary_team_member_id", alice_}, {"additional_team_member_ids", {bruno_}}}.dump(), {});
    EXPECT_EQ(team.status, 200) << team.body;
    auto options = api_->get(path(id, "booking-options"));
    EXPECT_EQ(options.status, 200) << options.body;
    nlohmann::json chosen;
    const auto options_body = options.json();
    for (const auto& type : options_body["event_types"]) {
      if (type["id"] == 1001) chosen = type;
    }
    EXPECT_FALSE(chosen.is_null()) << options.body;
    EXPECT_FALSE(chosen["slots"].empty()) << options.body;
    nlohmann::json body{{"event_type_id", 1001}, {"start_time", chosen["slots"][0]["start"]}};
    if (custom_duration) body["custom_duration_minutes"] = *custom_duration;
    auto booking = api_->send("PUT", path(id, "booking"), body.dump(), {});
    EXPECT_EQ(booking.status, 200) << booking.body;
    return booking.json();
  }

  std::vector<nlohmann::json> sim_bookings_for(int interview_id) {
    std::vector<nlohmann::json> out;
    const auto all = sim_->bookings();  // kept alive: the loop below iterates into it
    for (const auto& booking : all["data"]) {
      if (booking.contains("metadata") && booking["metadata"].value("poblysh_interview_id", "") == std::to_string(interview_id)) {
        out.push_back(booking);
      }
    }
    return out;
  }

  std::unique_ptr<CalcomSim> sim_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpClient> api_;
  int alice_ = 0, bruno_ = 0, nora_ = 0, startup_id_ = 0, advisor_id_ = 0;
};

}  // namespace poblysh::testing
