// Deliveries that are not provably from our Cal.com webhook, or that cannot be used, change
// nothing; the ones that carry nothing for us are recorded and ignored.
#include <sstream>

#include "raw_http.hpp"
#include "webhook_fixture.hpp"

namespace poblysh::testing {
namespace {

// curl drops a header whose value is empty, so this one is written by hand.
int delivered_with_empty_signature(const Service& service, const std::string& body) {
  const std::string request =
      "POST /webhooks/calcom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "X-Cal-Signature-256: \r\nContent-Length: " +
      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  return raw_exchange(service.process().address(), request).status;
}

TEST_F(WebhookTest, ForgedUnsignedTamperedOversizedAndMalformedDeliveriesChangeNothing) {
  const int id = book();
  auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
  ASSERT_EQ(confirmed["status"], "confirmed");
  const std::string uid = confirmed["calcom_booking_uid"];
  const std::string body = json{{"triggerEvent", "BOOKING_CANCELLED"},
                                {"createdAt", "2030-01-01T00:00:00.000Z"},
                                {"payload", {{"uid", uid}, {"cancellationReason", "forged"}}}}
                               .dump();
  const std::string signature = webhooks::hmac_sha256_hex(kWebhookSecret, body);

  EXPECT_EQ(deliver(body, std::nullopt).status, 401);                                // unsigned
  EXPECT_EQ(deliver(body, std::string("no-secret-provided")).status, 401);           // Cal.com without a secret
  EXPECT_EQ(deliver(body, webhooks::hmac_sha256_hex("guessed", body)).status, 401);  // forged
  EXPECT_EQ(deliver(body, "sha256=" + signature).status, 401);                       // wrong format
  // Lengths: the comparison runs over the expected signature's length, so only the length check
  // refuses a signature that is the right one with more after it, or a part of it.
  std::string last_wrong = signature;
  last_wrong.back() = last_wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(deliver(body, last_wrong).status, 401);  // every character is compared
  EXPECT_EQ(deliver(body, signature + "0").status, 401);
  EXPECT_EQ(deliver(body, signature + signature).status, 401);
  EXPECT_EQ(deliver(body, signature.substr(0, 32)).status, 401);
  EXPECT_EQ(deliver(body, signature.substr(0, 1)).status, 401);
  EXPECT_EQ(delivered_with_empty_signature(*service_, body), 401);
  std::string tampered = body;
  tampered[tampered.find("forged")] = 'F';  // one byte changed
  EXPECT_EQ(deliver(tampered, signature).status, 401);

  std::string padding(70'000, 'x');  // over POBLYSH_HTTP_MAX_BODY_BYTES (64 KiB)
  const std::string oversized =
      json{{"triggerEvent", "BOOKING_CANCELLED"}, {"payload", {{"uid", uid}, {"pad", padding}}}}.dump();
  EXPECT_EQ(deliver(oversized, webhooks::hmac_sha256_hex(kWebhookSecret, oversized)).status, 413);

  auto malformed = deliver_signed("{\"triggerEvent\": \"BOOKING_CANCELLED\", ");
  EXPECT_EQ(malformed.status, 400) << malformed.body;
  const std::string no_uid =
      json{{"triggerEvent", "BOOKING_CANCELLED"}, {"payload", {{"cancellationReason", "x"}}}}.dump();
  auto incomplete = deliver_signed(no_uid);
  ASSERT_EQ(incomplete.status, 400) << incomplete.body;
  EXPECT_TRUE(incomplete.json()["error"]["details"]["fields"].contains("payload.uid")) << incomplete.body;

  auto after = interview(id);
  EXPECT_EQ(after["status"], "confirmed");
  EXPECT_TRUE(after["cancellation_reason"].is_null());
  EXPECT_EQ(after["deliveries"].size(), 1u);
  // Only what verified was recorded: the two unusable bodies, as rejected.
  EXPECT_EQ(admin_list("/api/v1/admin/webhook-deliveries?outcome=rejected").size(), 2u);
  EXPECT_EQ(admin_list("/api/v1/admin/webhook-deliveries").size(), 3u);
  mail_exactly(7);  // the invitations and confirmations only: no cancellation went out

  // The same body, correctly signed, does what it says: the refusals were about the signature.
  auto genuine = deliver(body, signature);
  ASSERT_EQ(genuine.status, 200) << genuine.body;
  EXPECT_EQ(genuine.json()["outcome"], "applied");
  EXPECT_EQ(interview(id)["status"], "cancelled");
}

TEST_F(WebhookTest, PingUnusedTriggersAndForeignBookingsAreRecordedWithoutEffect) {
  auto ping = deliver_signed(R"({"triggerEvent":"PING","createdAt":"2026-05-04T08:00:00Z","payload":{"type":"Test"}})");
  ASSERT_EQ(ping.status, 200) << ping.body;
  EXPECT_EQ(ping.json()["outcome"], "ignored");
  auto paid = deliver_signed(
      R"({"triggerEvent":"BOOKING_PAID","createdAt":"2026-05-04T08:00:00Z","payload":{"uid":"abc","paymentId":3}})");
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(paid.json()["outcome"], "ignored");

  // A booking someone made directly in Cal.com: not ours, shown to admins, nothing else.
  const std::string foreign = json{
      {"triggerEvent", "BOOKING_CREATED"},
      {"createdAt", "2026-05-04T08:00:00Z"},
      {"payload",
       {{"uid", "someone-elses-booking"},
        {"startTime", "2026-05-06T09:00:00Z"},
        {"endTime", "2026-05-06T09:30:00Z"},
        {"status", "ACCEPTED"},
        {"metadata",
         json::object()}}}}.dump();
  auto unmatched = deliver_signed(foreign);
  ASSERT_EQ(unmatched.status, 200) << unmatched.body;
  EXPECT_EQ(unmatched.json()["outcome"], "unmatched");
  auto listed = admin_list("/api/v1/admin/webhook-deliveries?outcome=unmatched");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["booking_uid"], "someone-elses-booking");
  EXPECT_TRUE(listed[0]["interview_id"].is_null());
  EXPECT_EQ(admin_list("/api/v1/admin/webhook-deliveries?outcome=ignored").size(), 2u);
  EXPECT_EQ(api_->get("/api/v1/admin/webhook-deliveries?outcome=bogus").status, 400);
  EXPECT_TRUE(sink_->messages().empty());
}

TEST_F(WebhookTest, EachDeliveryIsOneLogLineTellingWhatItDid) {
  const std::string body = json{{"triggerEvent", "BOOKING_CANCELLED"},
                                {"createdAt", "2026-05-04T08:00:00Z"},
                                {"payload", {{"uid", "never-ours"}, {"status", "CANCELLED"}}}}
                               .dump();
  auto answered = deliver_signed(body);
  ASSERT_EQ(answered.status, 200) << answered.body;
  // The access line is written before the answer goes out.
  std::istringstream log(service_->process().stderr_text());
  std::vector<std::string> lines;
  for (std::string line; std::getline(log, line);) {
    if (line.find("/webhooks/calcom") != std::string::npos || line.find("cal.com event") != std::string::npos) {
      lines.push_back(line);
    }
  }
  ASSERT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
  const auto entry = json::parse(lines[0]);
  EXPECT_EQ(entry["msg"], "request");
  EXPECT_EQ(entry["status"], 200);
  EXPECT_EQ(entry["trigger"], "BOOKING_CANCELLED");
  EXPECT_EQ(entry["booking_uid"], "never-ours");
  EXPECT_EQ(entry["outcome"], "unmatched");
  EXPECT_EQ(entry["delivery_id"], answered.json()["delivery_id"]);
  EXPECT_TRUE(entry["interview_id"].is_null());
}

TEST_F(WebhookTest, AdminViewsNeedAnAdmin) {
  service_->add_user("member@example.com", "Mia Member", "member");
  HttpClient member(service_->base_url());
  ASSERT_EQ(member.login("member@example.com", "correct-horse-battery").status, 200);
  EXPECT_EQ(member.get("/api/v1/admin/webhook-deliveries").status, 403);
  EXPECT_EQ(member.get("/api/v1/admin/emails").status, 403);
  EXPECT_EQ(member.post("/api/v1/admin/webhook-deliveries/1/reapply", json::object()).status, 403);
  HttpClient nobody(service_->base_url());
  EXPECT_EQ(nobody.get("/api/v1/admin/emails").status, 401);
}

class NoSecretTest : public WebhookTest {
 protected:
  void SetUp() override { start("", false); }
};

TEST_F(NoSecretTest, WithoutAConfiguredSecretNothingIsAccepted) {
  const std::string body = R"({"triggerEvent":"PING","payload":{}})";
  auto refused = deliver(body, webhooks::hmac_sha256_hex(kWebhookSecret, body));
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("POBLYSH_CALCOM_WEBHOOK_SECRET"),
            std::string::npos);
  EXPECT_EQ(deliver(body, std::string("no-secret-provided")).status, 503);
  EXPECT_TRUE(admin_list("/api/v1/admin/webhook-deliveries").empty());
}

}  // namespace
}  // namespace poblysh::testing
