#include "app/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "core/log_line.hpp"

using namespace poblysh;
using nlohmann::json;

namespace {
struct CapturedLog {
  std::ostringstream out;
  std::shared_ptr<spdlog::logger> logger =
      app::make_json_logger("test", "info", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));

  std::vector<json> lines() {
    std::vector<json> parsed;
    std::istringstream text(out.str());
    for (std::string line; std::getline(text, line);) parsed.push_back(json::parse(line, nullptr, false));
    return parsed;
  }
};
}  // namespace

TEST(JsonLog, ObjectsAreMergedIntoTheLineAndTextBecomesMsg) {
  CapturedLog log;
  log.logger->info(LogLine("listening").text("address", "127.0.0.1:8080").str());
  log.logger->info("plain \"words\"\nover two lines");
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 2u) << log.out.str();
  EXPECT_EQ(lines[0]["msg"], "listening");
  EXPECT_EQ(lines[0]["address"], "127.0.0.1:8080");
  EXPECT_EQ(lines[0]["level"], "info");
  EXPECT_EQ(lines[1]["msg"], "plain \"words\"\nover two lines");
}

// A warning or worse carries other programs' words (libpq's, Cal.com's): one written into a
// line unescaped must not break the line.
TEST(JsonLog, AMisEscapedWarningStaysOneJsonObjectWithEveryWord) {
  CapturedLog log;
  const std::string broken = R"({"msg":"cannot start","reason":"connection to server at "db", port 5432 failed
	Is the server running?"})";
  log.logger->critical(broken);
  log.logger->warn(R"({"msg":"trailing comma",})");
  const auto lines = log.lines();
  ASSERT_EQ(lines.size(), 2u) << log.out.str();
  ASSERT_TRUE(lines[0].is_object()) << log.out.str();
  EXPECT_EQ(lines[0]["level"], "critical");
  EXPECT_EQ(lines[0]["msg"], broken);
  ASSERT_TRUE(lines[1].is_object()) << log.out.str();
  EXPECT_EQ(lines[1]["msg"], R"({"msg":"trailing comma",})");
}
