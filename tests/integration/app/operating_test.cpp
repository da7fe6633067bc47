// The service as an operator runs it: readiness that tells the truth, and a log that stays one
// JSON object a line when start-up fails.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "http_client.hpp"
#include "service_process.hpp"
#include "temp_dir.hpp"

using namespace poblysh::testing;
using nlohmann::json;

namespace {

// Runs the binary to completion and returns {exit code, its standard error}: the log.
std::pair<int, std::string> run_for_log(const std::vector<std::string>& args, const Env& env) {
  std::vector<std::string> argv{"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1 >/dev/null", service_binary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, env);
}

// The log's lines, each parsed; a line that is not a JSON object fails the test.
std::vector<json> parse_log(const std::string& log) {
  EXPECT_EQ(lines_not_json(log), std::vector<std::string>{}) << log;
  std::vector<json> entries;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) entries.push_back(json::parse(line, nullptr, false));
  return entries;
}

// The reason of the log's critical or error line, or "" when there is none.
std::string failure_reason(const std::vector<json>& entries) {
  for (const auto& entry : entries) {
    if (entry.is_object() && (entry.value("level", "") == "critical" || entry.value("level", "") == "error")) {
      return entry.value("reason", "");
    }
  }
  return "";
}

}  // namespace

TEST(ReadinessTest, ReadyWhenEveryConfiguredPartCanWorkEvenWithCalcomDown) {
  // Cal.com unreachable (nothing listens on port 1): useful without it, so still ready.
  Service service(Env{{"POBLYSH_CALCOM_API_KEY", "cal_test_unreachable"},
                      {"POBLYSH_CALCOM_BASE_URL", "http://127.0.0.1:1"},
                      {"POBLYSH_CALCOM_WEBHOOK_SECRET", "whsec-readiness"},
                      {"POBLYSH_CALCOM_SYNC_SECONDS", "0"}});
  HttpClient client(service.base_url());
  auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.json()["status"], "ready");
}

// A missing webhook secret left /readyz at 200 while every webhook got 503.
TEST(ReadinessTest, NotReadyNamesEachConfiguredPartThatCannotWork) {
  TempDir empty_app;
  Service service(Env{{"POBLYSH_CALCOM_API_KEY", "cal_test_unreachable"},
                      {"POBLYSH_CALCOM_BASE_URL", "http://127.0.0.1:1"},
                      {"POBLYSH_CALCOM_SYNC_SECONDS", "0"},
                      {"POBLYSH_STATIC_DIR", empty_app.path().string()}});
  HttpClient client(service.base_url());
  auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 503);
  const auto error = ready.json()["error"];
  EXPECT_EQ(error["code"], "upstream_unavailable");
  EXPECT_EQ(error["details"]["fields"].size(), 2u) << ready.body;
  EXPECT_TRUE(error["details"]["fields"].contains("calcom_webhook_secret")) << ready.body;
  EXPECT_TRUE(error["details"]["fields"].contains("app_files")) << ready.body;
  const std::string message = error["message"];
  EXPECT_NE(message.find("calcom_webhook_secret"), std::string::npos) << message;
  EXPECT_NE(message.find("app_files"), std::string::npos) << message;
  // Anyone may ask: the answer names settings, never the server's paths.
  EXPECT_EQ(ready.body.find(empty_app.path().string()), std::string::npos) << ready.body;
  EXPECT_EQ(client.get("/healthz").status, 200);  // the process itself answers

  // The operator finds the reasons in the log at start-up, with the path.
  bool logged = false;
  std::istringstream lines(service.process().stderr_text());
  for (std::string line; std::getline(lines, line);) {
    auto entry = json::parse(line, nullptr, false);
    if (entry.is_object() && entry.value("msg", "") == "not ready" && entry.value("part", "") == "app_files") {
      logged = entry.value("level", "") == "warning" && entry.value("static_dir", "") == empty_app.path().string();
    }
  }
  EXPECT_TRUE(logged) << service.process().stderr_text();
}

TEST(ReadinessTest, WithoutCalcomNoWebhookSecretIsNeeded) {
  Service service;
  HttpClient client(service.base_url());
  EXPECT_EQ(client.get("/readyz").status, 200) << client.get("/readyz").body;
}

// libpq's message has quotes and a newline: the fatal line that carries it was not valid JSON.
TEST(LogTest, ADatabaseThatCannotBeReachedStopsStartUpWithOneJsonLine) {
  auto [code, log] = run_for_log(
      {"serve"}, {{"POBLYSH_DATABASE_URL", "postgresql://poblysh:s3cret-pw@127.0.0.1:1/poblysh?connect_timeout=2"},
                  {"POBLYSH_HTTP_ADDRESS", "127.0.0.1:0"}});
  EXPECT_EQ(code, 1);
  const auto entries = parse_log(log);
  const auto reason = failure_reason(entries);
  EXPECT_NE(reason.find("127.0.0.1"), std::string::npos) << log;  // libpq's words, whole
  EXPECT_EQ(log.find("s3cret-pw"), std::string::npos) << log;
}

TEST(LogTest, ConfigurationMistakesAreOneJsonLineNamingTheSetting) {
  TempDir dir;
  auto [code, log] = run_for_log({"serve"}, {{"POBLYSH_DATABSE_URL", "postgresql://db/poblysh"}});
  EXPECT_EQ(code, 2);
  auto entries = parse_log(log);
  ASSERT_EQ(entries.size(), 1u) << log;
  EXPECT_EQ(entries[0]["level"], "critical");
  EXPECT_EQ(entries[0]["msg"], "configuration error");
  EXPECT_EQ(entries[0]["reason"], "POBLYSH_DATABSE_URL: is not a setting; did you mean 'POBLYSH_DATABASE_URL'?");

  // A file that names no database: no instance on a SQLite file of its own beside the real one.
  const auto file = (dir.path() / "poblysh.toml").string();
  std::ofstream(file) << "[http]\naddress = \"127.0.0.1:0\"\n";
  auto [no_db, no_db_log] = run_for_log({"--config", file, "serve"}, {});
  EXPECT_EQ(no_db, 2);
  EXPECT_TRUE(failure_reason(parse_log(no_db_log)).starts_with("database.url: not set")) << no_db_log;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data")) << "a database was made";
  // The typo'd table that started this: refused before any database is opened.
  std::ofstream(file) << "[databse]\nurl = \"sqlite://" << (dir.path() / "real.db").string() << "\"\n";
  auto [typo, typo_log] = run_for_log({"--config", file, "serve"}, {});
  EXPECT_EQ(typo, 2);
  EXPECT_EQ(failure_reason(parse_log(typo_log)), "databse.url: is not a setting; did you mean 'database.url'?");
}

TEST(LogTest, CommandsAndListenFailuresLogJsonToo) {
  TempDir dir;
  const std::string database = "sqlite://" + (dir.path() / "log.db").string();
  // A host with a quote and a backslash cannot be listened on: the line names it, escaped.
  auto [listen, listen_log] =
      run_for_log({"serve"}, {{"POBLYSH_DATABASE_URL", database}, {"POBLYSH_HTTP_ADDRESS", "no\"such\\host:1"}});
  EXPECT_EQ(listen, 1);
  bool named = false;
  for (const auto& entry : parse_log(listen_log)) {
    if (entry.value("msg", "") == "cannot listen") named = entry.value("address", "") == "no\"such\\host:1";
  }
  EXPECT_TRUE(named) << listen_log;

  std::ofstream(dir.path() / "a-file") << "not a folder\n";
  auto [migrate, migrate_log] =
      run_for_log({"migrate"}, {{"POBLYSH_DATABASE_URL", "sqlite://" + (dir.path() / "a-file/x.db").string()}});
  EXPECT_EQ(migrate, 1);
  EXPECT_FALSE(failure_reason(parse_log(migrate_log)).empty()) << migrate_log;

  auto [add, add_log] = run_for_log({"user", "add", "--email", "not-an-email", "--name", "Quote \" Name"},
                                    {{"POBLYSH_DATABASE_URL", database}});
  EXPECT_EQ(add, 1);
  EXPECT_NE(failure_reason(parse_log(add_log)).find("email"), std::string::npos) << add_log;
}
