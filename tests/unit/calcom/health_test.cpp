#include "calcom/health.hpp"

#include <gtest/gtest.h>

#include "calcom/health_json.hpp"
#include "harness.hpp"

namespace poblysh::calcom {
namespace {

using testing::Harness;
using testing::json_reply;
using testing::success;
using testing::transport_failure;

constexpr const char* kMe = R"({"status":"success","data":{"id":1,"username":"alice","email":"a@x.io"}})";

TEST(Health, AllCapabilitiesOk) {
  Harness h([](const HttpRequest& request) {
    std::string path = testing::FakeTransport::path_of(request.url);
    if (path == "/v2/me") return json_reply(200, kMe);
    return json_reply(200, success("[]"));
  });
  HealthReport report = check_health(h.client);
  EXPECT_TRUE(report.ok);
  ASSERT_TRUE(report.identity.has_value());
  EXPECT_EQ(report.identity->username, "alice");
  ASSERT_EQ(report.checks.size(), 3u);
  for (const auto& check : report.checks) EXPECT_EQ(check.state, CheckState::ok) << check.name;
  auto lines = render_health_text(report);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_NE(lines[0].find("alice"), std::string::npos);
}

TEST(Health, OneCapabilityDenied) {
  Harness h([](const HttpRequest& request) {
    std::string path = testing::FakeTransport::path_of(request.url);
    if (path == "/v2/me") return json_reply(200, kMe);
    if (path.rfind("/v2/webhooks", 0) == 0) {
      return json_reply(403, R"({"status":"error","error":{"code":"ForbiddenException","message":"no"}})");
    }
    return json_reply(200, success("[]"));
  });
  HealthReport report = check_health(h.client);
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.checks[1].state, CheckState::ok);
  EXPECT_EQ(report.checks[2].name, "webhooks");
  EXPECT_EQ(report.checks[2].state, CheckState::denied);
  EXPECT_FALSE(report.checks[2].reason.empty());

  auto json = to_json(report);
  EXPECT_EQ(json["ok"], false);
  EXPECT_EQ(json["identity"]["username"], "alice");
  EXPECT_EQ(json["checks"][2]["state"], "denied");
  EXPECT_EQ(json["checks"][0]["state"], "ok");
}

TEST(Health, RejectedKeyMarksEverythingDeniedWithAdvice) {
  Harness h([](const HttpRequest&) { return json_reply(401, R"({"statusCode":401,"message":"Invalid API key"})"); });
  HealthReport report = check_health(h.client);
  EXPECT_FALSE(report.ok);
  EXPECT_FALSE(report.identity.has_value());
  for (const auto& check : report.checks) EXPECT_EQ(check.state, CheckState::denied) << check.name;
  EXPECT_NE(report.checks[0].reason.find("POBLYSH_CALCOM_API_KEY"), std::string::npos);
  EXPECT_EQ(h.transport->count(), 1u);  // no point probing the rest
  auto json = to_json(report);
  EXPECT_TRUE(json["identity"].is_null());
}

TEST(Health, UnreachableIsNotDenied) {
  Harness h([](const HttpRequest&) { return transport_failure(TransportFailure::not_sent); });
  HealthReport report = check_health(h.client);
  EXPECT_FALSE(report.ok);
  for (const auto& check : report.checks) EXPECT_EQ(check.state, CheckState::unreachable) << check.name;
  auto lines = render_health_text(report);
  EXPECT_NE(lines[0].find("NOT working"), std::string::npos);
  EXPECT_NE(lines[1].find("[unreachable]"), std::string::npos);
}

}  // namespace
}  // namespace poblysh::calcom
