#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/config.hpp"

using namespace poblysh;
using namespace poblysh::app;

namespace {
Environment env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}
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
}

TEST(Config, EnvironmentOverridesTheFile) {
  auto file = write_temp("poblysh-config-test.toml", "[http]\naddress = \"127.0.0.1:9000\"\nthreads = 3\n");
  auto config = load_config(file, env({{"POBLYSH_HTTP_ADDRESS", "127.0.0.1:0"}}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->http_port, 0);
  EXPECT_EQ(config->http_threads, 3u);
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
