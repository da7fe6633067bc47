// Hostile bodies for POST /api/v1/interviews/:id/people on a booked interview: lists as long as
// the body allows, numbers out of range, wrong types, addresses that would carry mail headers,
// control characters. Each is refused with the field named; the interview, Cal.com's booking
// and the outbox stay as they were; the service stays healthy.
#include <string>
#include <vector>

#include "hostile_fixture.hpp"

namespace poblysh::testing {
namespace {

using nlohmann::json;

class HostilePeople : public HostileInterviewTest {
 protected:
  void SetUp() override {
    alice_ = start_draft().alice;
    ASSERT_FALSE(HasFailure());
    book();
  }

  void expect_refused(const std::string& body, const std::string& field) { expect_refused_at("people", body, field); }

  int alice_ = 0;
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
  expect_no_people_mail_and_healthy();
}

}  // namespace
}  // namespace poblysh::testing
