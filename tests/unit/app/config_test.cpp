#include "app/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

using namespace poblysh;
using namespace poblysh::app;

namespace {
Environment env(std::map<std::string, std::string> values) { return values; }
std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

TEST(Config, DefaultsServeOnLoopbackWithSqliteUnderData) {
  auto config = load_config(std::nullopt, env({}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->http_host, "127.0.0.1");
  EXPECT_EQ(config->http_port, 8080);
  EXPECT_EQ(config->database_url, "sqlite://data/poblysh.db");
  EXPECT_GE(config->http_threads, 2u);  // about one per core
  EXPECT_EQ(config->http_worker_threads, 16u);
  EXPECT_EQ(config->http_max_connections, 512u);
}

TEST(Config, EnvironmentOverridesTheFile) {
  auto file =
      write_temp("poblysh-config-test.toml",
                 "[http]\naddress = \"127.0.0.1:9000\"\nthreads = 3\n[database]\nurl = \"sqlite:///tmp/x.db\"\n");
  auto config = load_config(file, env({{"POBLYSH_HTTP_ADDRESS", "127.0.0.1:0"},
                                       {"POBLYSH_HTTP_WORKER_THREADS", "5"},
                                       {"POBLYSH_HTTP_MAX_CONNECTIONS", "64"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->http_port, 0);
  EXPECT_EQ(config->http_threads, 3u);
  EXPECT_EQ(config->http_worker_threads, 5u);
  EXPECT_EQ(config->http_max_connections, 64u);
}

TEST(Config, BadValuesNameTheirKey) {
  auto bad_port = load_config(std::nullopt, env({{"POBLYSH_HTTP_ADDRESS", "127.0.0.1:http"}}));
  ASSERT_FALSE(bad_port);
  EXPECT_TRUE(bad_port.error().message.starts_with("POBLYSH_HTTP_ADDRESS:"));
  auto bad_db = load_config(std::nullopt, env({{"POBLYSH_DATABASE_URL", "mysql://x"}}));
  ASSERT_FALSE(bad_db);
  EXPECT_TRUE(bad_db.error().message.starts_with("database.url:"));
  auto file = write_temp("poblysh-config-bad.toml", "[http]\nthreads = 0\n");
  auto bad_threads = load_config(file, env({}));
  ASSERT_FALSE(bad_threads);
  EXPECT_TRUE(bad_threads.error().message.starts_with("http.threads:"));
  auto no_connections = load_config(std::nullopt, env({{"POBLYSH_HTTP_MAX_CONNECTIONS", "0"}}));
  ASSERT_FALSE(no_connections);
  EXPECT_TRUE(no_connections.error().message.starts_with("POBLYSH_HTTP_MAX_CONNECTIONS:"));
}

// A typo must stop the service, not change what it is: `[databse]` ran on the default SQLite
// file beside the real PostgreSQL deployment.
TEST(Config, AnUnknownKeyOrTableStopsStartUpNamingTheNearestKey) {
  const std::vector<std::pair<std::string, std::string>> mistakes{
      {"[databse]\nurl = \"postgresql://db/poblysh\"\n", "databse.url: is not a setting; did you mean 'database.url'?"},
      {"[calcom]\nreqest_share = \"1/2\"\n",
       "calcom.reqest_share: is not a setting; did you mean 'calcom.request_share'?"},
      {"demo-data = true\n", "demo-data: is not a setting; did you mean 'demo_data'?"},
      {"[http]\nthreads = 2\n[http.tls]\ncert = \"x\"\n", "http.tls.cert: is not a setting"},
      {"[nothing_like_it]\nzzz = 1\n", "nothing_like_it.zzz: is not a setting"}};
  for (const auto& [text, message] : mistakes) {
    auto refused = load_config(write_temp("poblysh-config-typo.toml", text), env({}));
    ASSERT_FALSE(refused) << text;
    EXPECT_TRUE(refused.error().message.starts_with(message)) << refused.error().message;
  }
  auto fine = load_config(write_temp("poblysh-config-fine.toml",
                                     "demo_data = false\n[database]\npool = 4\nurl = \"postgresql://db/poblysh\"\n"),
                          env({}));
  EXPECT_TRUE(fine) << fine.error().message;
}

TEST(Config, AnUnknownPoblyshVariableStopsStartUpNamingTheNearestOne) {
  auto typo = load_config(std::nullopt, env({{"POBLYSH_DATABSE_URL", "postgresql://db/poblysh"}}));
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().message, "POBLYSH_DATABSE_URL: is not a setting; did you mean 'POBLYSH_DATABASE_URL'?");
  auto unknown = load_config(std::nullopt, env({{"POBLYSH_COLOUR_SCHEME", "dark"}}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "POBLYSH_COLOUR_SCHEME: is not a setting");
  // Every setting's variable is known, including the secrets that have no TOML key.
  for (const char* name : {"POBLYSH_CALCOM_API_KEY", "POBLYSH_CALCOM_WEBHOOK_SECRET", "POBLYSH_SMTP_URL"}) {
    EXPECT_TRUE(load_config(std::nullopt, env({{name, "x"}}))) << name;
  }
}

// A deployment's file that forgot its database must not run on ./data/poblysh.db, a second
// database with its own admin and bookings.
TEST(Config, AFileThatNamesNoDatabaseStopsStartUp) {
  auto file = write_temp("poblysh-config-no-db.toml", "[http]\nthreads = 2\n");
  auto refused = load_config(file, env({}));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().message.starts_with("database.url: not set")) << refused.error().message;
  auto from_environment = load_config(file, env({{"POBLYSH_DATABASE_URL", "sqlite:///tmp/poblysh.db"}}));
  ASSERT_TRUE(from_environment) << from_environment.error().message;
  EXPECT_EQ(from_environment->database_url, "sqlite:///tmp/poblysh.db");
  auto without_file = load_config(std::nullopt, env({}));
  ASSERT_TRUE(without_file);
  EXPECT_EQ(without_file->database_url, "sqlite://data/poblysh.db");
}

TEST(Config, SecretsAreRefusedInTheFileButReadFromAFile) {
  auto file = write_temp("poblysh-config-secret.toml", "[calcom]\napi_key = \"cal_live_x\"\n");
  auto refused = load_config(file, env({}));
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().message.starts_with("calcom.api_key:"));
  EXPECT_EQ(refused.error().message.find("cal_live_x"), std::string::npos);
  auto key_file = write_temp("poblysh-key", "cal_test_from_file\n");
  auto config = load_config(std::nullopt, env({{"POBLYSH_CALCOM_API_KEY_FILE", key_file}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->calcom_api_key, "cal_test_from_file");
}

TEST(Config, RequestShareSplitsTheCalcomBudgetBetweenInstances) {
  auto whole = load_config(std::nullopt, env({}));
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->calcom_request_share, 1.0);
  EXPECT_EQ(instance_requests_per_minute(*whole), 120);

  // Three instances on one key: 40 each, 120 together.
  auto third = load_config(std::nullopt, env({{"POBLYSH_CALCOM_REQUEST_SHARE", "1/3"}}));
  ASSERT_TRUE(third) << third.error().message;
  EXPECT_EQ(instance_requests_per_minute(*third), 40);
  auto seven = load_config(
      std::nullopt, env({{"POBLYSH_CALCOM_REQUESTS_PER_MINUTE", "100"}, {"POBLYSH_CALCOM_REQUEST_SHARE", "1/7"}}));
  ASSERT_TRUE(seven) << seven.error().message;
  EXPECT_EQ(instance_requests_per_minute(*seven),
            14);  // rounded down: 7 × 14 = 98 <= 100
  EXPECT_LE(7 * instance_requests_per_minute(*seven), 100);

  auto file =
      write_temp("poblysh-share-test.toml",
                 "[calcom]\nrequests_per_minute = 90\nrequest_share = 0.5\n[database]\nurl = \"sqlite://x.db\"\n");
  auto half = load_config(file, env({}));
  ASSERT_TRUE(half) << half.error().message;
  EXPECT_EQ(half->calcom_request_share, 0.5);
  EXPECT_EQ(instance_requests_per_minute(*half), 45);
}

TEST(Config, BadRequestSharesNameTheirKey) {
  for (const char* value : {"0", "-0.5", "1.5", "2/1", "1/0", "half", "0.5x", "", "1/"}) {
    auto config = load_config(std::nullopt, env({{"POBLYSH_CALCOM_REQUEST_SHARE", value}}));
    ASSERT_FALSE(config) << value;
    EXPECT_EQ(config.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(config.error().message.rfind("POBLYSH_CALCOM_REQUEST_SHARE: ", 0), 0u) << config.error().message;
  }
  // A share so small that this instance would get no request at all.
  auto starved = load_config(
      std::nullopt, env({{"POBLYSH_CALCOM_REQUESTS_PER_MINUTE", "10"}, {"POBLYSH_CALCOM_REQUEST_SHARE", "0.05"}}));
  ASSERT_FALSE(starved);
  EXPECT_EQ(starved.error().message.rfind("calcom.request_share: ", 0), 0u) << starved.error().message;
}

TEST(Config, OutboxLeaseIsConfigurable) {
  auto defaults = load_config(std::nullopt, env({}));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->smtp_lease_seconds, 300);
  auto short_lease = load_config(std::nullopt, env({{"POBLYSH_SMTP_LEASE_SECONDS", "6"}}));
  ASSERT_TRUE(short_lease) << short_lease.error().message;
  EXPECT_EQ(short_lease->smtp_lease_seconds, 6);
  auto too_short = load_config(std::nullopt, env({{"POBLYSH_SMTP_LEASE_SECONDS", "1"}}));
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error().message.rfind("POBLYSH_SMTP_LEASE_SECONDS: ", 0), 0u);
}

TEST(Config, CompletionGraceAndJobPollAreConfigurable) {
  auto defaults = load_config(std::nullopt, env({}));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->interviews_completion_grace_minutes, 120);
  EXPECT_EQ(defaults->jobs_poll_seconds, 30);
  EXPECT_EQ(defaults->jobs_lease_seconds, 300);
  auto file = write_temp("poblysh-config-jobs.toml",
                         "[database]\nurl = \"sqlite:///tmp/x.db\"\n[interviews]\ncompletion_grace_minutes = 0\n"
                         "[jobs]\npoll_seconds = 5\nlease_seconds = 4\n");
  auto set = load_config(file, env({}));
  ASSERT_TRUE(set) << set.error().message;
  EXPECT_EQ(set->interviews_completion_grace_minutes, 0);
  EXPECT_EQ(set->jobs_poll_seconds, 5);
  EXPECT_EQ(set->jobs_lease_seconds, 4);
  auto negative = load_config(std::nullopt, env({{"POBLYSH_INTERVIEWS_COMPLETION_GRACE_MINUTES", "-1"}}));
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().message.rfind("POBLYSH_INTERVIEWS_COMPLETION_GRACE_MINUTES: ", 0), 0u);
  auto never = load_config(std::nullopt, env({{"POBLYSH_JOBS_POLL_SECONDS", "0"}}));
  ASSERT_FALSE(never);
  EXPECT_EQ(never.error().message.rfind("POBLYSH_JOBS_POLL_SECONDS: ", 0), 0u);
}

TEST(Config, PageCacheSizeIsConfigurableAndCanBeTurnedOff) {
  auto defaults = load_config(std::nullopt, env({}));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->page_cache_mb, 8u);
  auto off = load_config(std::nullopt, env({{"POBLYSH_PAGE_CACHE_MB", "0"}}));
  ASSERT_TRUE(off) << off.error().message;
  EXPECT_EQ(off->page_cache_mb, 0u);
  auto negative = load_config(std::nullopt, env({{"POBLYSH_PAGE_CACHE_MB", "-1"}}));
  ASSERT_FALSE(negative);
  EXPECT_EQ(negative.error().message.rfind("POBLYSH_PAGE_CACHE_MB: ", 0), 0u) << negative.error().message;
}

TEST(Config, TrustedProxiesAreIpAddresses) {
  auto none = load_config(std::nullopt, env({}));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->trusted_proxies.empty());
  auto two = load_config(std::nullopt, env({{"POBLYSH_TRUSTED_PROXIES", "127.0.0.1, ::1"}}));
  ASSERT_TRUE(two) << two.error().message;
  EXPECT_EQ(two->trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
  auto named = load_config(std::nullopt, env({{"POBLYSH_TRUSTED_PROXIES", "127.0.0.1,proxy.internal"}}));
  ASSERT_FALSE(named);
  EXPECT_NE(named.error().message.find("POBLYSH_TRUSTED_PROXIES"), std::string::npos) << named.error().message;
  EXPECT_NE(named.error().message.find("proxy.internal"), std::string::npos) << named.error().message;
}
