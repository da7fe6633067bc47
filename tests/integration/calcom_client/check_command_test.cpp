// `poblysh-interviews calcom check` as an operator runs it: the real binary, the simulator.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "calcom_sim.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

// The key must not appear anywhere: neither whole nor its secret middle.
void expect_no_key(const std::string& output, const std::string& key) {
  EXPECT_EQ(output.find(key), std::string::npos) << output;
  EXPECT_EQ(output.find(key.substr(9, key.size() - 13)), std::string::npos) << output;
}

class CalcomCheck : public ::testing::Test {
 protected:
  // stdout and stderr together (the client's log lines go to stderr): neither may leak the key.
  std::pair<int, std::string> check(const Env& env, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" calcom check \"$@\" 2>&1", service_binary()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    Env full = env;
    full["POBLYSH_DATABASE_URL"] = "sqlite://" + (dir_.path() / "unused.db").string();
    return run_command(argv, full);
  }

  TempDir dir_;
};

TEST_F(CalcomCheck, AWorkingKeyExitsZeroAndNamesTheAccount) {
  CalcomSim sim;
  auto [code, output] = check(sim.service_env());
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("Cal.com: working — signed in as poblysh-ops (ops@poblysh.test)"), std::string::npos) << output;
  EXPECT_NE(output.find("[ok]"), std::string::npos) << output;
  EXPECT_NE(output.find("Sign-in with the API key"), std::string::npos) << output;
  EXPECT_NE(output.find("Read webhooks"), std::string::npos) << output;
  EXPECT_EQ(output.find("[denied]"), std::string::npos) << output;
  EXPECT_NE(output.find(sim.base_url()), std::string::npos) << output;
  EXPECT_NE(output.find("cal_test_...a8e1"), std::string::npos) << output;  // which key, redacted
  expect_no_key(output, kSimOpsKey);
}

TEST_F(CalcomCheck, JsonReportForScripts) {
  CalcomSim sim;
  Env env = sim.service_env();
  env["POBLYSH_DATABASE_URL"] = "sqlite://" + (dir_.path() / "unused.db").string();
  auto [code, output] = run_command({service_binary(), "calcom", "check", "--json"}, env);
  EXPECT_EQ(code, 0) << output;
  auto report = nlohmann::json::parse(output);
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["identity"]["username"], "poblysh-ops");
  EXPECT_EQ(report["checks"].size(), 3u);
  EXPECT_EQ(report["api_key"], "cal_test_...a8e1");
  expect_no_key(output, kSimOpsKey);
}

TEST_F(CalcomCheck, AKeyWithoutWebhookAccessIsReportedAsDenied) {
  CalcomSim sim;
  Env env = sim.service_env();
  env["POBLYSH_CALCOM_API_KEY"] = kSimNoWebhooksKey;
  auto [code, output] = check(env);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("Cal.com: NOT working — signed in as poblysh-ops"), std::string::npos) << output;
  bool webhooks_denied = false;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("Read webhooks") != std::string::npos) webhooks_denied = line.find("[denied]") != std::string::npos;
  }
  EXPECT_TRUE(webhooks_denied) << output;
  expect_no_key(output, kSimNoWebhooksKey);
}

TEST_F(CalcomCheck, AnUnreachableCalcomIsSaidPlainly) {
  Env env{{"POBLYSH_CALCOM_BASE_URL", "http://127.0.0.1:1"}, {"POBLYSH_CALCOM_API_KEY", kSimOpsKey}};
  auto [code, output] = check(env);
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("Cal.com: NOT working"), std::string::npos) << output;
  EXPECT_NE(output.find("[unreachable] Sign-in with the API key — Cal.com could not be reached"), std::string::npos)
      << output;
  EXPECT_NE(output.find("http://127.0.0.1:1"), std::string::npos) << output;
  expect_no_key(output, kSimOpsKey);
}

TEST_F(CalcomCheck, NoKeyConfiguredSaysSo) {
  auto [code, output] = check(Env{{"POBLYSH_CALCOM_BASE_URL", "http://127.0.0.1:1"}});
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("No Cal.com API key is configured"), std::string::npos) << output;
  EXPECT_NE(output.find("POBLYSH_CALCOM_API_KEY"), std::string::npos) << output;
}

}  // namespace
}  // namespace poblysh::testing
