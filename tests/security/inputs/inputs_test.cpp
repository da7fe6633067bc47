// Hostile inputs from anyone, a member, or a Cal.com delivery signed with the real secret: each
// class answers a clear error, and afterwards the service is healthy, its memory bounded and its
// log free of secrets and stack traces.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "http_client.hpp"
#include "raw_http.hpp"
#include "service_process.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::testing {
namespace {

const std::string kWebhookSecret = "inputs-webhook-secret-5d1e";
const std::string kAdminPassword = "correct-horse-battery";

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

class HostileInputs : public ::testing::Test {
 protected:
  HostileInputs() : service_(Env{{"POBLYSH_CALCOM_WEBHOOK_SECRET", kWebhookSecret}}), client_(service_.base_url()) {
    EXPECT_EQ(client_.login("admin@example.com", kAdminPassword).status, 200);
  }

  HttpResponse deliver(const std::string& body) {
    HttpClient calcom(service_.base_url());
    return calcom.send("POST", "/webhooks/calcom", body,
                       {{"X-Cal-Signature-256", webhooks::hmac_sha256_hex(kWebhookSecret, body)}});
  }

  // The service still answers, holds less than `max_rss_mb`, and has logged no secret.
  void expect_healthy(std::size_t max_rss_mb = 256) {
    HttpClient probe(service_.base_url());
    EXPECT_EQ(probe.get("/healthz").status, 200);
    EXPECT_LT(rss_mb(), max_rss_mb);
    const auto log = service_.process().stdout_text() + service_.process().stderr_text();
    EXPECT_EQ(log.find(kWebhookSecret), std::string::npos) << "the webhook secret reached the log";
    EXPECT_EQ(log.find(kAdminPassword), std::string::npos) << "a password reached the log";
    EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
    EXPECT_EQ(log.find("terminate called"), std::string::npos);
  }

  std::size_t rss_mb() {
    std::ifstream status("/proc/" + std::to_string(service_.process().pid()) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6)) / 1024;
    }
    return 0;
  }

  Service service_;
  HttpClient client_;
};

TEST_F(HostileInputs, DeepJsonIsRefusedBeforeAnyParserRecurses) {
  for (const std::string& body : {nested(100000), nested(100000, '{', '}'), "{\"a\":" + nested(5000) + "}",
                                  "{\"name\":\"x\",\"deep\":" + nested(33) + "}"}) {
    const auto created = client_.send("POST", "/api/v1/startups", body, {});
    EXPECT_EQ(created.status, 400) << created.body.substr(0, 200);
    EXPECT_NE(created.body.find("nests deeper"), std::string::npos) << created.body.substr(0, 200);
    const auto delivered = deliver(body);
    EXPECT_EQ(delivered.status, 400) << delivered.body.substr(0, 200);
  }
  // Brackets inside strings are text, not nesting.
  const auto in_string = client_.send("POST", "/api/v1/startups", "{\"name\":\"" + std::string(200, '[') + "\"}", {});
  EXPECT_EQ(in_string.body.find("nests deeper"), std::string::npos);
  expect_healthy();
}

}  // namespace
}  // namespace poblysh::testing
