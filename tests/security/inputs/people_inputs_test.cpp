// Hostile bodies for POST /api/v1/interviews/:id/people on a booked interview: lists as long as
// the body allows, numbers out of range, wrong types, addresses that would carry mail headers,
// control characters. Each is refused with the field named; the interview, Cal.com's booking
// and the outbox stay as they were; the service stays healthy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "northwind.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

using nlohmann::json;

class HostilePeople : public ::testing::Test {
 protected:
  HostilePeople() : service_(sim_.service_env()), api_(service_.base_url()) {}

  void SetUp() override {
    ASSERT_EQ(api_.login("admin@example.com", "correct-horse-battery").status, 200);
    const auto people = northwind::add_people(api_);
    ASSERT_FALSE(HasFailure());
    alice_ = people.alice;
    id_ = northwind::create_draft(api_, people.startup_id);
    northwind::assign_team(api_, id_, people);
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

  // Sends `body` (raw text) and expects a 400 naming `field`.
  void expect_refused(const std::string& body, const std::string& field) {
    auto answer =
        api_.send("POST", northwind::interview_path(id_, "people"), body, {{"Content-Type", "application/json"}});
    ASSERT_EQ(answer.status, 400) << body.substr(0, 200) << " -> " << answer.body;
    const json error = answer.json().value("error", json::object());
    const json fields = error.value("details", json::object()).value("fields", json::object());
    EXPECT_TRUE(fields.contains(field)) << body.substr(0, 200) << " -> " << answer.body;
  }

  CalcomSim sim_;
  Service service_;
  HttpClient api_;
  int alice_ = 0;
  int id_ = 0;
  json before_;
};

TEST_F(HostilePeople, EveryWorstValueIsRefusedAndNothingChanges) {
  // Lists as long as the body allows are refused from their length, before any item is read.
  std::string many = "[";
  for (int i = 0; i < 20000; ++i) many += (i ? ",1" : "1");
  many += "]";
  expect_refused(R"({"add_team_member_ids":)" + many + "}", "people");
  std::string addresses;
  for (int i = 0; i < 31; ++i) addresses += (i ? "," : "") + std::string("\"g") + std::to_string(i) + "@b.co\"";
  expect_refused(R"({"remove_guests":[)" + addresses + "]}", "people");

  // Numbers out of range or of the wrong kind.
  for (const char* ids :
       {"[9223372036854775808]", "[-1e300]", "[1.5]", "[\"2\"]", "[null]", "[[1]]", "{\"a\":1}", "\"1\"", "1"}) {
    expect_refused(std::string(R"({"add_team_member_ids":)") + ids + "}", "add_team_member_ids");
    expect_refused(std::string(R"({"remove_team_member_ids":)") + ids + "}", "remove_team_member_ids");
  }

  // Wrong types for the guest lists and their items.
  expect_refused(R"({"add_guests":"ivy@fund.example"})", "add_guests");
  expect_refused(R"({"add_guests":[42]})", "add_guests[0]");
  expect_refused(R"({"add_guests":[{"email":["x@y.co"]}]})", "add_guests[0]");
  expect_refused(R"({"remove_guests":{"email":"x@y.co"}})", "remove_guests");
  expect_refused(R"({"remove_guests":[1]})", "remove_guests[0]");

  // Addresses and names that would carry mail headers or calendar lines, and huge text.
  for (const std::string& email : std::vector<std::string>{
           "ada@example.com\\r\\nBcc: all@evil.example", "ada@example.com\\nX-Injected: 1", "ada@example.com\\u0000",
           "ada@example.com, all@evil.example", "<ada@example.com>", std::string(100000, 'a') + "@example.com"}) {
    expect_refused(R"({"add_guests":[{"email":")" + email + R"("}]})", "add_guests[0].email");
    expect_refused(R"({"remove_guests":[")" + email + R"("]})", "remove_guests[0]");
  }
  for (const std::string& name :
       std::vector<std::string>{"Ada\\r\\nBcc: all@evil.example", "Ada\\nSUMMARY:fake", std::string(5000, 'x')}) {
    expect_refused(R"({"add_guests":[{"name":")" + name + R"(","email":"ada@example.com"}]})", "add_guests[0].name");
  }
  // The primary interviewer cannot be taken off, however it is asked.
  expect_refused(R"({"remove_team_member_ids":[)" + std::to_string(alice_) + "]}", "remove_team_member_ids");

  // Nothing changed: the same people, no history line, nothing at Cal.com, nothing queued.
  const json after = api_.get(northwind::interview_path(id_)).json();
  EXPECT_EQ(after["guests"], before_["guests"]);
  EXPECT_EQ(after["team"], before_["team"]);
  EXPECT_EQ(after["history"].size(), before_["history"].size());
  const auto emails = api_.get("/api/v1/admin/emails?limit=200");
  ASSERT_EQ(emails.status, 200) << emails.body;
  const json rows = emails.json().value("items", json::array());
  EXPECT_FALSE(rows.empty());  // the booking's own invitations are listed: the check below reads real rows
  for (const auto& row : rows) {
    EXPECT_NE(row.value("kind", ""), "added") << row.dump();
    EXPECT_NE(row.value("kind", ""), "removed") << row.dump();
  }
  HttpClient probe(service_.base_url());
  EXPECT_EQ(probe.get("/healthz").status, 200);
  const auto log = service_.process().stdout_text() + service_.process().stderr_text();
  EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
}

}  // namespace
}  // namespace poblysh::testing
