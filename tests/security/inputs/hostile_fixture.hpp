// tests/security/inputs: the service against the Cal.com simulator, signed in as the admin, with
// Northwind's people and a draft of theirs (booked, when a test needs it) to send hostile
// bodies at.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "northwind.hpp"
#include "service_process.hpp"

namespace poblysh::testing {

class HostileInterviewTest : public ::testing::Test {
 protected:
  using json = nlohmann::json;

  HostileInterviewTest() : service_(sim_.service_env()), api_(service_.base_url()) {}

  // Signs in, adds Northwind's people and makes a draft with their team (`id_`).
  northwind::People start_draft() {
    EXPECT_EQ(api_.login("admin@example.com", "correct-horse-battery").status, 200);
    const auto people = northwind::add_people(api_);
    id_ = northwind::create_draft(api_, people.startup_id);
    northwind::assign_team(api_, id_, people);
    return people;
  }

  // Books the draft at the first free time of event type 1001, in UTC; `before_` is the answer.
  void book() {
    const auto answer = api_.get(northwind::interview_path(id_, "booking-options"));
    ASSERT_EQ(answer.status, 200) << answer.body;
    const json options = answer.json();
    const json types = options.value("event_types", json::array());
    json slots = json::array();
    for (const auto& type : types) {
      if (type["id"] == 1001) slots = type["slots"];
    }
    ASSERT_FALSE(slots.empty()) << options.dump();
    ASSERT_EQ(api_.send("PUT", northwind::interview_path(id_, "booking"),
                        json{{"event_type_id", 1001}, {"start_time", slots[0]["start"]}}.dump(), {})
                  .status,
              200);
    ASSERT_EQ(api_.send("PUT", northwind::interview_path(id_, "details"), json{{"timezone", "UTC"}}.dump(), {}).status,
              200);
    auto confirmed = api_.post(northwind::interview_path(id_, "confirm"), json::object());
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    before_ = confirmed.json();
  }

  // Posts `body` (raw text) to the interview's `step` and expects a 400 naming `field`.
  void expect_refused_at(const std::string& step, const std::string& body, const std::string& field) {
    auto answer = api_.send("POST", northwind::interview_path(id_, step), body, {{"Content-Type", "application/json"}});
    ASSERT_EQ(answer.status, 400) << body.substr(0, 200) << " -> " << answer.body;
    EXPECT_TRUE(error_fields(answer).contains(field)) << body.substr(0, 200) << " -> " << answer.body;
  }

  // No email announced anyone added or taken off (the booking's own invitations are listed, so
  // the check reads real rows), and the service is healthy.
  void expect_no_people_mail_and_healthy() {
    const auto emails = api_.get("/api/v1/admin/emails?limit=200");
    ASSERT_EQ(emails.status, 200) << emails.body;
    const json rows = emails.json().value("items", json::array());
    EXPECT_FALSE(rows.empty());
    for (const auto& row : rows) {
      EXPECT_NE(row.value("kind", ""), "added") << row.dump();
      EXPECT_NE(row.value("kind", ""), "removed") << row.dump();
    }
    HttpClient probe(service_.base_url());
    EXPECT_EQ(probe.get("/healthz").status, 200);
    const auto log = service_.process().stdout_text() + service_.process().stderr_text();
    EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
  }

  static json error_fields(const HttpResponse& answer) {
    return answer.json()
        .value("error", json::object())
        .value("details", json::object())
        .value("fields", json::object());
  }

  CalcomSim sim_;
  Service service_;
  HttpClient api_;
  int id_ = 0;
  json before_;
};

}  // namespace poblysh::testing
