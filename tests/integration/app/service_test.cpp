// The service as an operator sees it: configuration, limits, request ids, logs, commands.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <regex>

#include "http_client.hpp"
#include "service_process.hpp"

using namespace poblysh::testing;
using nlohmann::json;

TEST(ServiceTest, EveryResponseCarriesARequestIdAndEveryRequestIsLoggedAsJson) {
  Service service;
  HttpClient client(service.base_url());
  auto response = client.get("/healthz");
  const auto id = response.header("x-request-id");
  ASSERT_TRUE(id.has_value());
  auto other = client.get("/api/v1/team-members");
  EXPECT_NE(other.header("x-request-id"), id);
  service.process().stop();
  bool found = false;
  std::istringstream lines(service.process().stderr_text());
  for (std::string line; std::getline(lines, line);) {
    auto entry = json::parse(line, nullptr, false);
    ASSERT_FALSE(entry.is_discarded()) << "not JSON: " << line;
    if (entry.value("msg", "") == "request" && entry.value("request_id", "") == *id) {
      found = true;
      EXPECT_EQ(entry["method"], "GET");
      EXPECT_EQ(entry["path"], "/healthz");
      EXPECT_EQ(entry["status"], 200);
      EXPECT_TRUE(entry.contains("duration_ms"));
    }
  }
  EXPECT_TRUE(found);
}

TEST(ServiceTest, NoPasswordTokenOrCookieValueReachesTheLog) {
  Service service;
  HttpClient client(service.base_url());
  auto login = client.login("admin@example.com", "correct-horse-battery");
  ASSERT_EQ(login.status, 200);
  const auto cookie = login.header("set-cookie").value();
  const auto session_value = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto token = client.post("/api/v1/api-tokens", {{"name", "t"}}).json()["token"].get<std::string>();
  HttpClient script(service.base_url());
  script.set_bearer(token);
  script.get("/api/v1/team-members?q=secret-query");
  client.login("admin@example.com", "wrong-password-attempt");
  service.process().stop();
  const auto log = service.process().stderr_text();
  for (const std::string& secret : {std::string("correct-horse-battery"), std::string("wrong-password-attempt"),
                                    session_value, client.csrf(), token}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "secret found in log";
  }
}

TEST(ServiceTest, BodiesOverTheLimitAre413) {
  Service service(Env{{"POBLYSH_HTTP_MAX_BODY_BYTES", "4096"}});
  HttpClient client(service.base_url());
  ASSERT_EQ(client.login("admin@example.com", "correct-horse-battery").status, 200);
  auto response = client.post("/api/v1/startups", {{"name", std::string(8000, 'a')}});
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.json()["error"]["code"], "payload_too_large");
  EXPECT_EQ(client.post("/api/v1/startups", {{"name", "Small enough"}}).status, 201);
}

TEST(ServiceTest, ReadinessReportsTheDatabase) {
  Service service;
  HttpClient client(service.base_url());
  auto ready = client.get("/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["status"], "ready");
  EXPECT_EQ(client.send("POST", "/healthz", "", {}).status, 405);
}

TEST(ServiceTest, ABadConfigurationValueStopsTheServiceWithOneLineNamingTheKey) {
  TempDir dir;
  auto [code, output] = run_command(
      {service_binary(), "serve"},
      {{"POBLYSH_HTTP_ADDRESS", "localhost"}, {"POBLYSH_DATABASE_URL", "sqlite://" + (dir.path() / "x.db").string()}});
  EXPECT_EQ(code, 2);
  auto [code2, output2] = run_command({service_binary(), "serve"}, {{"POBLYSH_LOG_LEVEL", "loud"}});
  EXPECT_EQ(code2, 2);
  // The message goes to stderr; run_command captures stdout, so check the key through a config file.
  std::ofstream(dir.path() / "bad.toml") << "[http]\naddress = \"127.0.0.1:99999\"\n";
  std::ofstream(dir.path() / "secret.toml") << "[calcom]\napi_key = \"cal_live_abc\"\n";
  auto [code3, _] = run_command({service_binary(), "--config", (dir.path() / "bad.toml").string(), "migrate"}, {});
  EXPECT_EQ(code3, 2);
  auto [code4, __] = run_command({service_binary(), "--config", (dir.path() / "secret.toml").string(), "migrate"}, {});
  EXPECT_EQ(code4, 2);
}

TEST(ServiceTest, MigrateAndUserAddWorkFromTheCommandLine) {
  TempDir dir;
  TestDatabase database(dir.path() / "cli.db");
  const std::map<std::string, std::string> env{{"POBLYSH_DATABASE_URL", database.url()}};
  auto [migrated, migrate_out] = run_command({service_binary(), "migrate"}, env);
  EXPECT_EQ(migrated, 0) << migrate_out;
  auto [created, out] = run_command(
      {service_binary(), "user", "add", "--email", "new@example.com", "--name", "New Person", "--role", "member"}, env);
  EXPECT_EQ(created, 0) << out;
  EXPECT_NE(out.find("Generated password"), std::string::npos);
  auto [duplicate, dup_out] =
      run_command({service_binary(), "user", "add", "--email", "NEW@example.com", "--name", "Again"}, env);
  EXPECT_NE(duplicate, 0);
  auto [bad_role, role_out] =
      run_command({service_binary(), "user", "add", "--email", "r@example.com", "--name", "R", "--role", "owner"}, env);
  EXPECT_NE(bad_role, 0);
}

// The password goes to a file only its owner can read, from its first byte (next to the SQLite
// database; in the working directory on PostgreSQL), never to the output or the log.
TEST(ServiceTest, FirstStartWithAnEmptyDatabaseCreatesAnAdminAndSavesItsLoginForItsOwnerOnly) {
  Service service(Env{{"POBLYSH_TEST_NO_SEED_ADMIN", "1"}, {"POBLYSH_DEMO_DATA", "true"}});
  const auto file = service.dir() / "initial-admin.txt";
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0) << service.process().stdout_text();
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream saved(file);
  const std::string login((std::istreambuf_iterator<char>(saved)), std::istreambuf_iterator<char>());
  std::smatch match;
  ASSERT_TRUE(std::regex_search(login, match, std::regex("email (\\S+), password (\\S+)"))) << login;
  HttpClient client(service.base_url());
  ASSERT_EQ(client.login(match[1], match[2]).status, 200);
  auto startups = client.get("/api/v1/startups").json()["items"];
  EXPECT_GE(startups.size(), 3u);  // demo data
  EXPECT_GE(client.get("/api/v1/team-members").json()["items"].size(), 4u);
  EXPECT_NE(service.process().stdout_text().find(file.filename().string()), std::string::npos) << "says where it is";
  EXPECT_EQ(service.process().stdout_text().find(std::string(match[2])), std::string::npos);
  EXPECT_EQ(service.process().stderr_text().find(std::string(match[2])), std::string::npos);
}
