// The real service started with a Cal.com key that Cal.com rejects: it stays up, says why in
// plain language, and scheduling actions answer with that message instead of a raw error.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

constexpr const char* kRevokedKey = "cal_live_revokedkey_7d1e0c9b4a3f2e18";

TEST(ServiceWithRejectedKey, StaysUpReportsUnhealthyAndExplainsInSchedulingActions) {
  CalcomSim sim;
  Env env = sim.service_env();
  env["POBLYSH_CALCOM_API_KEY"] = kRevokedKey;
  Service service(env);
  HttpClient api(service.base_url());
  ASSERT_EQ(api.login("admin@example.com", "correct-horse-battery").status, 200);

  // The health check runs once the service listens; wait for its report.
  nlohmann::json integration;
  for (int i = 0; i < 100; ++i) {
    auto answer = api.get("/api/v1/integrations/calcom");
    ASSERT_EQ(answer.status, 200) << answer.body;
    integration = answer.json();
    if (integration["checked"] == true) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(integration["checked"], true) << integration.dump();
  EXPECT_EQ(integration["configured"], true);
  EXPECT_EQ(integration["healthy"], false);
  const std::string reason = integration["reason"];
  EXPECT_NE(reason.find("API key was rejected"), std::string::npos) << reason;
  EXPECT_NE(reason.find("POBLYSH_CALCOM_API_KEY"), std::string::npos) << reason;

  // A scheduling action: an interview with a team, asking for booking options.
  auto member = api.post("/api/v1/team-members", {{"name", "Alice Martin"}, {"email", "alice@poblysh.test"},
                                                  {"role", "Editor"}, {"calcom_username", "alice-editor"}});
  ASSERT_EQ(member.status, 201) << member.body;
  auto startup = api.post("/api/v1/startups", {{"name", "Northwind Robotics"}});
  ASSERT_EQ(startup.status, 201) << startup.body;
  auto draft = api.post("/api/v1/interviews",
                        {{"startup_id", startup.json()["id"]},
                         {"contact", {{"name", "Lena Fischer"}, {"email", "lena@northwind.example"}}}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string path = "/api/v1/interviews/" + std::to_string(draft.json()["id"].get<int>());
  auto team = api.send("PUT", path + "/team", nlohmann::json{{"primary_team_member_id", member.json()["id"]}}.dump(), {});
  ASSERT_EQ(team.status, 200) << team.body;

  auto options = api.get(path + "/booking-options");
  EXPECT_EQ(options.status, 503) << options.body;
  EXPECT_EQ(options.json()["error"]["message"], reason) << options.body;
  EXPECT_EQ(options.body.find(kRevokedKey), std::string::npos);

  // Still up and serving.
  EXPECT_EQ(api.get("/api/v1/integrations/calcom").status, 200);
  const std::string log = service.process().stderr_text();
  EXPECT_EQ(log.find(kRevokedKey), std::string::npos);
  EXPECT_NE(log.find("\"msg\":\"cal.com request failed\""), std::string::npos) << log;
}

}  // namespace
}  // namespace poblysh::testing
