// Hostile input for the scheduling link's public pages, which need no account: tokens that are
// guesses, path tricks, huge or full of control characters; bodies with wrong types, huge
// notes, guests whose address would carry mail headers; staff's rules out of range; and a
// flood of requests against the per-token limit. The token never reaches the log.
#include <string>
#include <vector>

#include "hostile_fixture.hpp"

namespace poblysh::testing {
namespace {

using nlohmann::json;

class HostileLinks : public HostileInterviewTest {
 protected:
  void SetUp() override {
    start_draft();
    ASSERT_EQ(
        api_.send("PUT", northwind::interview_path(id_, "booking"), json{{"event_type_id", 1001}}.dump(), {}).status,
        200);
  }

  std::string send_link(const json& rules = {{"min_notice_hours", 0}}) {
    auto sent = api_.post(northwind::interview_path(id_, "scheduling-link"), rules);
    EXPECT_EQ(sent.status, 201) << sent.body;
    const std::string url = sent.json()["scheduling_link"].value("url", "");
    return url.substr(url.rfind('/') + 1);
  }

  void TearDown() override {
    EXPECT_EQ(HttpClient(service_.base_url()).get("/healthz").status, 200);
    const auto log = service_.process().stdout_text() + service_.process().stderr_text();
    for (const auto& token : tokens_) EXPECT_EQ(log.find(token), std::string::npos) << "the token reached the log";
    EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
  }

  std::vector<std::string> tokens_;
};

TEST_F(HostileLinks, StaffRulesOutOfRangeOrOfTheWrongTypeAreRefusedByName) {
  const std::vector<std::pair<json, std::string>> cases{
      {{{"window_days", 0}}, "window_days"},
      {{{"window_days", 100000000000LL}}, "window_days"},
      {{{"window_days", "ten"}}, "window_days"},
      {{{"min_notice_hours", -1}}, "min_notice_hours"},
      {{{"change_notice_hours", 1e300}}, "change_notice_hours"},
      {{{"expires_in_days", 61}}, "expires_in_days"},
      {{{"invite_guests", "yes"}}, "invite_guests"},
      {{{"shortlist", "2030-01-01T00:00:00Z"}}, "shortlist"},
      {{{"shortlist", {"not a time"}}}, "shortlist[0]"},
      {{{"shortlist", std::vector<std::string>(21, "2030-01-01T00:00:00Z")}}, "shortlist"},
  };
  for (const auto& [body, field] : cases) {
    auto answer = api_.post(northwind::interview_path(id_, "scheduling-link"), body);
    EXPECT_EQ(answer.status, 400) << body.dump() << " -> " << answer.body;
    EXPECT_TRUE(error_fields(answer).contains(field)) << body.dump() << " -> " << answer.body;
  }
  EXPECT_EQ(api_.get(northwind::interview_path(id_)).json()["status"], "draft");
}

TEST_F(HostileLinks, GuessedAndMalformedTokensNameNoLink) {
  tokens_.push_back(send_link());
  HttpClient stranger(service_.base_url());
  const std::string almost = tokens_[0].substr(0, tokens_[0].size() - 1) + (tokens_[0].back() == 'A' ? "B" : "A");
  for (const std::string& token :
       {almost, std::string(64, 'A'), std::string("..%2F..%2Fetc%2Fpasswd"), std::string("%00") + tokens_[0],
        std::string(4000, 'x'), std::string("%E2%80%AE") + tokens_[0]}) {
    auto answer = stranger.get("/api/v1/links/" + token);
    EXPECT_TRUE(answer.status == 404 || answer.status == 400 || answer.status == 414)
        << token.substr(0, 40) << " -> " << answer.status;
    EXPECT_EQ(answer.body.find("Northwind"), std::string::npos);
  }
}

TEST_F(HostileLinks, HostileBodiesAreRefusedAndBookNothing) {
  tokens_.push_back(send_link());
  HttpClient contact(service_.base_url());
  const std::string base = "/api/v1/links/" + tokens_[0];
  const std::vector<std::pair<json, std::string>> cases{
      {{{"start_time", 12}}, "start_time"},
      {json::object(), "start_time"},
      {{{"start_time", "2030-01-01T00:00:00Z"}, {"note", std::string(1001, 'n')}}, "note"},
      {{{"start_time", "2030-01-01T00:00:00Z"}, {"note", "a\x01b"}}, "note"},
      {{{"start_time", "2030-01-01T00:00:00Z"}, {"guest", "omar@example.com"}}, "guest"},
      {{{"start_time", "2030-01-01T00:00:00Z"}, {"guest", {{"name", 5}, {"email", "x@example.com"}}}}, "guest"},
  };
  for (const auto& [body, field] : cases) {
    auto answer = contact.post(base + "/booking", body);
    EXPECT_EQ(answer.status, 400) << body.dump().substr(0, 100) << " -> " << answer.body;
    EXPECT_TRUE(error_fields(answer).contains(field)) << body.dump().substr(0, 100) << " -> " << answer.body;
  }
  // A guest whose address would add a mail header; a time nobody offered.
  auto injected = contact.post(
      base + "/booking",
      {{"start_time", "2030-01-01T00:00:00Z"}, {"guest", {{"name", "Eve"}, {"email", "eve@x.example\r\nBcc: all@x"}}}});
  EXPECT_EQ(injected.status, 400) << injected.body;
  auto deep = contact.send("POST", base + "/booking", std::string(5000, '[') + std::string(5000, ']'),
                           {{"Content-Type", "application/json"}});
  EXPECT_EQ(deep.status, 400);
  auto form = contact.send("POST", base + "/booking", "start_time=2030-01-01T00:00:00Z",
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 400) << "another site's form cannot post to a link";
  EXPECT_EQ(api_.get(northwind::interview_path(id_)).json()["status"], "awaiting_contact");
  EXPECT_EQ(sim_.admin_get("/_sim/requests")["data"].value("POST /v2/bookings", 0), 0);
}

TEST_F(HostileLinks, AFloodOfRequestsForOneTokenIsLimited) {
  tokens_.push_back(send_link());
  HttpClient contact(service_.base_url());
  int limited = 0;
  for (int i = 0; i < 80; ++i) {
    auto answer = contact.get("/api/v1/links/" + tokens_[0]);
    if (answer.status == 429) {
      ++limited;
      EXPECT_TRUE(answer.header("retry-after").has_value());
    } else {
      EXPECT_EQ(answer.status, 200);
    }
  }
  EXPECT_GE(limited, 15);
  // Staff are not limited by a contact's flood.
  EXPECT_EQ(api_.get(northwind::interview_path(id_, "scheduling-link")).status, 200);
}

}  // namespace
}  // namespace poblysh::testing
