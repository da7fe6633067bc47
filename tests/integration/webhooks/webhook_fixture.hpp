// tests/webhooks: the service with a webhook secret and a real SMTP sink, registered as a
// webhook subscriber at the Cal.com simulator, plus helpers to book and to read the mail.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <set>
#include <thread>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "mail_check.hpp"
#include "northwind.hpp"
#include "service_process.hpp"
#include "smtp_sink.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::testing {

using nlohmann::json;

inline constexpr const char* kWebhookSecret = "whsec-test-7f3a9c41d2";
// Everyone invited by book(): Alice (primary) and Bruno on our side, Lena the founder, and two guests.
inline const std::vector<std::string> kEveryone{"alice@poblysh.test", "bruno@poblysh.test", "lena@northwind.example",
                                                "tomas@northwind.example", "ivy@fund.example"};
inline const std::vector<std::string> kTeam{"alice@poblysh.test", "bruno@poblysh.test"};

class WebhookTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void TearDown() override {
    // The service's log explains most failures (a refused webhook, a crashed process).
    if (HasFailure() && service_)
      std::cerr << "--- service log ---\n"
                << service_->process().stderr_text() << service_->process().stdout_text() << "\n";
  }

  // `secret` empty: the service has none configured. `register_webhook`: subscribe at the sim.
  void start(const std::string& secret = kWebhookSecret, bool register_webhook = true,
             notify::testing::SinkOptions sink_options = {}, const Env& extra_env = {}) {
    sim_ = std::make_unique<CalcomSim>();
    sink_ = std::make_unique<notify::testing::SmtpSink>(sink_options);
    Env env = sim_->service_env();
    if (!secret.empty()) env["POBLYSH_CALCOM_WEBHOOK_SECRET"] = secret;
    env["POBLYSH_SMTP_URL"] = "smtp://127.0.0.1:" + std::to_string(sink_->port());
    env["POBLYSH_SMTP_FROM"] = "Poblysh Interviews <interviews@poblysh.test>";
    env["POBLYSH_SMTP_RETRY_SECONDS"] = "1";
    env["POBLYSH_CALCOM_SYNC_SECONDS"] = "0";  // tests run `calcom sync` themselves
    env["POBLYSH_PUBLIC_URL"] = "http://interviews.poblysh.test";
    env["POBLYSH_HTTP_MAX_BODY_BYTES"] = "65536";
    for (const auto& [key, value] : extra_env) env[key] = value;
    service_ = std::make_unique<Service>(env);
    api_ = std::make_unique<HttpClient>(service_->base_url());
    ASSERT_EQ(api_->login("admin@example.com", "correct-horse-battery").status, 200);
    sim_api_ = std::make_unique<HttpClient>(sim_->base_url());
    sim_api_->set_bearer(kSimOpsKey);
    const auto people = northwind::add_people(*api_);
    ASSERT_FALSE(HasFailure());
    alice_ = people.alice;
    bruno_ = people.bruno;
    startup_id_ = people.startup_id;
    advisor_id_ = people.advisor_id;
    if (register_webhook) {
      auto hook = sim_api_->post("/v2/webhooks",
                                 {{"subscriberUrl", service_->base_url() + "/webhooks/calcom"},
                                  {"triggers",
                                   {"BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED", "BOOKING_REQUESTED",
                                    "BOOKING_REJECTED", "MEETING_ENDED", "BOOKING_NO_SHOW_UPDATED",
                                    "AFTER_HOSTS_CAL_VIDEO_NO_SHOW", "AFTER_GUESTS_CAL_VIDEO_NO_SHOW", "BOOKING_PAID"}},
                                  {"active", true},
                                  {"secret", secret.empty() ? std::string(kWebhookSecret) : secret}});
      ASSERT_EQ(hook.status, 201) << hook.body;
    }
  }

  std::string path(int id, const std::string& step = "") const { return northwind::interview_path(id, step); }

  // The six steps through our API; returns the interview id. slots_ keeps the free slots offered.
  // Event type 1005 is Alice's that waits for her to accept each booking.
  int book(int event_type_id = 1001) {
    const int id = northwind::create_draft(*api_, startup_id_);
    northwind::assign_team(*api_, id, {alice_, bruno_, startup_id_, advisor_id_});
    auto options = api_->get(path(id, "booking-options")).json();
    for (const auto& type : options["event_types"]) {
      if (type["id"] == event_type_id) slots_ = type["slots"];
    }
    EXPECT_GE(slots_.size(), 3u) << options.dump();
    EXPECT_EQ(api_->send("PUT", path(id, "booking"),
                         json{{"event_type_id", event_type_id}, {"start_time", slots_[0]["start"]}}.dump(), {})
                  .status,
              200);
    auto guests = api_->send(
        "PUT", path(id, "guests"),
        json{{"guests", {{{"contact_id", advisor_id_}}, {{"name", "Ivy Investor"}, {"email", "ivy@fund.example"}}}}}
            .dump(),
        {});
    EXPECT_EQ(guests.status, 200) << guests.body;
    EXPECT_EQ(api_->send("PUT", path(id, "details"), json{{"timezone", "Europe/Berlin"}}.dump(), {}).status, 200);
    auto confirmed = api_->post(path(id, "confirm"), json::object());
    EXPECT_EQ(confirmed.status, 200) << confirmed.body;
    return id;
  }

  // A booked interview of Northwind's, confirmed by Cal.com's webhook, its first emails (seven)
  // read; and its booking uid.
  std::pair<int, std::string> confirmed_interview() {
    const int id = book();
    auto confirmed = wait_for(id, [](const json& i) { return i["status"] == "confirmed"; });
    EXPECT_EQ(confirmed["status"], "confirmed") << confirmed.dump();
    mail_exactly(7);
    return {id, confirmed["calcom_booking_uid"].get<std::string>()};
  }

  json interview(int id) { return api_->get(path(id)).json(); }

  // Two clicks on one write: the same POST from a second signed-in session and, `head_start`
  // later, from this one. Answers {this session's, the other's}.
  std::pair<HttpResponse, HttpResponse> double_click(
      const std::string& write_path, const json& body,
      std::chrono::milliseconds head_start = std::chrono::milliseconds(0)) {
    HttpResponse second;
    std::thread other([&] {
      HttpClient client(service_->base_url());
      EXPECT_EQ(client.login("admin@example.com", "correct-horse-battery").status, 200);
      second = client.post(write_path, body);
    });
    std::this_thread::sleep_for(head_start);
    HttpResponse first = api_->post(write_path, body);
    other.join();
    return {first, second};
  }

  // Polls the interview until `done` holds (webhooks arrive asynchronously); returns it either way.
  json wait_for(int id, const std::function<bool(const json&)>& done,
                std::chrono::seconds timeout = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    json current = interview(id);
    while (!done(current) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      current = interview(id);
    }
    return current;
  }

  // Waits for the simulator to have sent everything queued; returns its delivery records.
  json sim_deliveries() { return sim_->admin_get("/_sim/deliveries?waitMs=10000")["data"]; }

  json admin_list(const std::string& path_and_query) {
    auto response = api_->get(path_and_query);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.json()["items"];
  }

  // Bookings API calls at the simulator, as the Cal.com user would make them.
  HttpResponse sim_booking_post(const std::string& path_suffix, const json& body) {
    return sim_api_->send("POST", "/v2/bookings/" + path_suffix, body.dump(),
                          {{"cal-api-version", "2024-08-13"}, {"Content-Type", "application/json"}});
  }

  // The simulator's booking `uid` as its bookings API answers it (icsUid, iCalSequence, …).
  json sim_booking(const std::string& uid) {
    auto response = sim_api_->send("GET", "/v2/bookings/" + uid, "", {{"cal-api-version", "2024-08-13"}});
    EXPECT_EQ(response.status, 200) << response.body;
    return response.json()["data"];
  }

  // A delivery straight to our endpoint, from a client with no session.
  HttpResponse deliver(const std::string& body, std::optional<std::string> signature) {
    HttpClient anonymous(service_->base_url());
    std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
    if (signature) headers["X-Cal-Signature-256"] = *signature;
    return anonymous.send("POST", "/webhooks/calcom", body, headers);
  }
  HttpResponse deliver_signed(const std::string& body) {
    return deliver(body, webhooks::hmac_sha256_hex(kWebhookSecret, body));
  }
  // Cal.com's BOOKING_RESCHEDULED, accepted: `from_uid` became `to_uid` at `slot` (one of slots_),
  // created after anything the simulator sends; `payload` holds any further payload fields.
  static std::string rescheduled_delivery(const std::string& from_uid, const std::string& to_uid, const json& slot,
                                          int ical_sequence, json payload = json::object()) {
    payload["uid"] = to_uid;
    payload["rescheduleUid"] = from_uid;
    payload["startTime"] = slot["start"];
    payload["endTime"] = slot["end"];
    payload["iCalSequence"] = ical_sequence;
    payload["status"] = "ACCEPTED";
    return json{
        {"triggerEvent", "BOOKING_RESCHEDULED"}, {"createdAt", "2030-01-01T00:00:00.000Z"}, {"payload", payload}}
        .dump();
  }

  // Waits for `count` messages, then a while longer to see that no more arrive.
  std::vector<Invitation> mail_exactly(std::size_t count) {
    auto messages = sink_->wait_for(count, std::chrono::seconds(20));
    std::this_thread::sleep_for(std::chrono::seconds(3));  // > the outbox poll interval
    messages = sink_->messages();
    EXPECT_EQ(messages.size(), count);
    return invitations(messages);
  }

  static std::vector<Invitation> only(const std::vector<Invitation>& all, const std::string& method, int sequence) {
    std::vector<Invitation> out;
    for (const auto& mail : all) {
      if (mail.method == method && mail.sequence == sequence) out.push_back(mail);
    }
    return out;
  }

  static std::set<std::string> recipients(const std::vector<Invitation>& mails) {
    std::set<std::string> out;
    for (const auto& mail : mails) out.insert(mail.recipient);
    return out;
  }

  std::unique_ptr<CalcomSim> sim_;
  std::unique_ptr<notify::testing::SmtpSink> sink_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<HttpClient> api_;
  std::unique_ptr<HttpClient> sim_api_;
  json slots_ = json::array();
  int alice_ = 0, bruno_ = 0, startup_id_ = 0, advisor_id_ = 0;
};

}  // namespace poblysh::testing
