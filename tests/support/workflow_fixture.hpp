// Test support: the booking workflow's set-up — the simulator, the service, a startup and a team.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "northwind.hpp"
#include "service_process.hpp"

namespace poblysh::testing {

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sim_ = std::make_unique<CalcomSim>();
    service_ = std::make_unique<Service>(sim_->service_env());
    api_ = std::make_unique<HttpClient>(service_->base_url());
    ASSERT_EQ(api_->login("admin@example.com", "correct-horse-battery").status, 200);
    const auto people = northwind::add_people(*api_, true, "https://northwind.example");
    ASSERT_FALSE(HasFailure());
    alice_ = people.alice;
    bruno_ = people.bruno;
    startup_id_ = people.startup_id;
    advisor_id_ = people.advisor_id;
    nora_ = member("Nora Unlinked", "nora@poblysh.test", "Writer", "");
  }

  int member(const std::string& name, const std::string& email, const std::string& role, const std::string& username) {
    return northwind::add_member(*api_, name, email, role, username);
  }

  std::string path(int id, const std::string& step = "") const { return northwind::interview_path(id, step); }

  // Step 1 with a contact added inline.
  int create_draft() { return northwind::create_draft(*api_, startup_id_); }

  // Steps 1–3 done: team assigned, Alice's founder-interview event type at the first common slot.
  nlohmann::json booked_draft(int& id, std::optional<int> custom_duration = std::nullopt) {
    id = create_draft();
    northwind::assign_team(*api_, id, {alice_, bruno_, startup_id_, advisor_id_});
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
      if (booking.contains("metadata") &&
          booking["metadata"].value("poblysh_interview_id", "") == std::to_string(interview_id)) {
        out.push_back(booking);
      }
    }
    return out;
  }

  // How many requests of "METHOD /path" Cal.com has served: the calls themselves, which tell
  // one guard's work from another's where the end state would look the same.
  int calcom_requests(const std::string& method_and_path) {
    return sim_->admin_get("/_sim/requests")["data"].value(method_and_path, 0);
  }

  // Tabs signed in before anything is timed, so that their clicks can start together.
  std::vector<std::unique_ptr<HttpClient>> signed_in_tabs(int count) {
    std::vector<std::unique_ptr<HttpClient>> tabs;
    for (int i = 0; i < count; ++i) {
      tabs.push_back(std::make_unique<HttpClient>(service_->base_url()));
      EXPECT_EQ(tabs.back()->login("admin@example.com", "correct-horse-battery").status, 200);
    }
    return tabs;
  }

  std::unique_ptr<CalcomSim> sim_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpClient> api_;
  int alice_ = 0, bruno_ = 0, nora_ = 0, startup_id_ = 0, advisor_id_ = 0;
};

}  // namespace poblysh::testing
