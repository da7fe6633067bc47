// Hostile values of the interview list's `when` (and `when` beside the other filters): each is
// refused with 400 naming `when`, or read as one of its three values; none reaches SQL as text
// or is served from a page kept for another value; the service stays healthy.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

class HostileListWhen : public ::testing::Test {
 protected:
  HostileListWhen() : client_(service_.base_url()) {
    EXPECT_EQ(client_.login("admin@example.com", "correct-horse-battery").status, 200);
  }

  Service service_;
  HttpClient client_;
};

TEST_F(HostileListWhen, BadValuesAreRefusedNamingWhen) {
  const auto startup = client_.post("/api/v1/startups", {{"name", "Northwind Robotics"}});
  ASSERT_EQ(startup.status, 201) << startup.body;
  const auto draft = client_.post(
      "/api/v1/interviews",
      {{"startup_id", startup.json()["id"]}, {"contact", {{"name", "Ada"}, {"email", "ada@northwind.example"}}}});
  ASSERT_EQ(draft.status, 201) << draft.body;

  const std::vector<std::string> hostile{"UPCOMING",
                                         "upcoming%20",
                                         "%20past",
                                         "past%00",
                                         "%00",
                                         "upcoming%0d%0aX-Evil:%201",
                                         "future",
                                         "1",
                                         "-1",
                                         "upcoming,past",
                                         "%27%20OR%201%3D1%20--",
                                         "%E2%80%AE",
                                         std::string(5000, 'u'),
                                         "past%5B%5D"};
  for (const auto& value : hostile) {
    SCOPED_TRACE(value.substr(0, 40));
    const auto answer = client_.get("/api/v1/interviews?when=" + value);
    ASSERT_EQ(answer.status, 400) << answer.body.substr(0, 200);
    EXPECT_TRUE(answer.json()["error"]["details"]["fields"].contains("when")) << answer.body.substr(0, 300);
  }
  // Given twice, or with an array's brackets, the parameter is still one of its values or refused.
  for (const std::string query : {"when=upcoming&when=drop", "when[]=upcoming"}) {
    const auto answer = client_.get("/api/v1/interviews?" + query);
    EXPECT_TRUE(answer.status == 200 || answer.status == 400) << query << ": " << answer.status;
  }

  // The draft has no time: in `all` only, and a page kept for `all` is not served for the others.
  for (int twice = 0; twice < 2; ++twice) {
    EXPECT_EQ(client_.get("/api/v1/interviews?when=all").json()["items"].size(), 1u);
    EXPECT_EQ(client_.get("/api/v1/interviews").json()["items"].size(), 1u);
    EXPECT_TRUE(client_.get("/api/v1/interviews?when=upcoming").json()["items"].empty());
    EXPECT_TRUE(client_.get("/api/v1/interviews?when=past").json()["items"].empty());
  }
  HttpClient probe(service_.base_url());
  EXPECT_EQ(probe.get("/healthz").status, 200);
  EXPECT_EQ(probe.get("/api/v1/interviews?when=upcoming").status, 401);
}

}  // namespace
}  // namespace poblysh::testing
