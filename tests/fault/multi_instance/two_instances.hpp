// tests/fault/multi_instance: two service instances on ONE PostgreSQL schema, one Cal.com
// simulator, one loopback SMTP sink, the same webhook secret — a small multi-instance deployment.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "calcom_sim.hpp"
#include "http_client.hpp"
#include "mime_reader.hpp"
#include "northwind.hpp"
#include "pg_query.hpp"
#include "service_process.hpp"
#include "smtp_sink.hpp"
#include "test_database.hpp"

namespace poblysh::testing {

using nlohmann::json;

inline constexpr const char* kSharedWebhookSecret = "whsec-multi-instance-3b8e51";
inline constexpr const char* kOpsEmail = "ops@example.com";
inline constexpr const char* kOpsPassword = "correct-horse-battery";

// Polls `done` every 50 ms until it holds or `timeout` passes; returns whether it held.
inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

inline std::string message_id(const notify::testing::ReceivedMessage& message) {
  return notify::testing::parse_mime(message.data).header("message-id");
}

class TwoInstancesTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (!HasFailure()) return;
    for (auto* service : {a_.get(), b_.get()}) {
      if (service) std::cerr << "--- instance log ---\n" << service->process().stderr_text() << service->process().stdout_text() << "\n";
    }
  }

  // Starts the simulator, the sink and instance A (which migrates the schema), then B.
  void start(notify::testing::SinkOptions sink_options, const Env& extra_env = {}) {
    sim_ = std::make_unique<CalcomSim>();
    sim_->admin_post("/_sim/rate-limit", {{"limit", 100000}});  // the key's limit is not what is tested here
    sink_ = std::make_unique<notify::testing::SmtpSink>(sink_options);
    Env env = sim_->service_env();
    env["POBLYSH_DATABASE_URL"] = schema_.url();
    env["POBLYSH_CALCOM_WEBHOOK_SECRET"] = kSharedWebhookSecret;
    // Half each of a budget the simulator never runs out of (each booking's slot look-ups are many).
    env["POBLYSH_CALCOM_REQUESTS_PER_MINUTE"] = "20000";
    env["POBLYSH_CALCOM_REQUEST_SHARE"] = "1/2";
    env["POBLYSH_SMTP_URL"] = "smtp://127.0.0.1:" + std::to_string(sink_->port());
    env["POBLYSH_SMTP_FROM"] = "Poblysh Interviews <interviews@poblysh.test>";
    env["POBLYSH_SMTP_RETRY_SECONDS"] = "1";
    env["POBLYSH_CALCOM_SYNC_SECONDS"] = "0";
    env["POBLYSH_PUBLIC_URL"] = "http://interviews.poblysh.test";
    env["POBLYSH_HTTP_THREADS"] = "4";
    for (const auto& [key, value] : extra_env) env[key] = value;
    a_ = std::make_unique<Service>(env);
    a_->add_user(kOpsEmail, "Ops Admin", "admin", kOpsPassword);
    b_ = std::make_unique<Service>(env);
    db_ = std::make_unique<PgQuery>(schema_.url());
    api_ = std::make_unique<HttpClient>(a_->base_url());
    ASSERT_EQ(api_->login(kOpsEmail, kOpsPassword).status, 200);
    sim_api_ = std::make_unique<HttpClient>(sim_->base_url());
    sim_api_->set_bearer(kSimOpsKey);
    const auto people = northwind::add_people(*api_, false);
    ASSERT_FALSE(HasFailure());
    alice_ = people.alice;
    bruno_ = people.bruno;
    startup_id_ = people.startup_id;
    // The simulator records signed deliveries but holds them: the test sends them itself.
    auto hook = sim_api_->post("/v2/webhooks", {{"subscriberUrl", a_->base_url() + "/webhooks/calcom"},
                                                {"triggers", {"BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED"}},
                                                {"active", true},
                                                {"secret", kSharedWebhookSecret}});
    ASSERT_EQ(hook.status, 201) << hook.body;
    sim_->admin_post("/_sim/webhooks/hold", {{"hold", true}});
  }

  std::string path(int id, const std::string& step = "") const { return northwind::interview_path(id, step); }

  static std::string utc_day(std::chrono::system_clock::time_point at) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
    return std::string(text);
  }

  // The wizard's steps through instance A's API; returns {interview id, Cal.com booking uid}.
  // `free_slots` receives the start times offered for the team (event type 1001).
  std::pair<int, std::string> book(std::vector<std::string>* free_slots = nullptr) {
    const int id = northwind::create_draft(*api_, startup_id_);
    northwind::assign_team(*api_, id, {alice_, bruno_, startup_id_, 0});
    json slots = json::array();
    // Three weeks of slots, not the wizard's default week: the tests book dozens of interviews,
    // and how many slots a week still holds depends on the weekday and hour the test runs at.
    const auto to = utc_day(std::chrono::system_clock::now() + std::chrono::hours(24 * 21));
    auto options = api_->get(path(id, "booking-options") + "?to=" + to).json();
    for (const auto& type : options["event_types"]) {
      if (type["id"] == 1001) slots = type["slots"];
    }
    EXPECT_GE(slots.size(), 3u) << options.dump();
    if (slots.empty()) return {id, ""};
    if (free_slots) {
      free_slots->clear();
      for (const auto& slot : slots) free_slots->push_back(slot["start"].get<std::string>());
    }
    EXPECT_EQ(api_->send("PUT", path(id, "booking"), json{{"event_type_id", 1001}, {"start_time", slots[0]["start"]}}.dump(), {}).status, 200);
    EXPECT_EQ(api_->send("PUT", path(id, "guests"), json{{"guests", {{{"name", "Ivy Investor"}, {"email", "ivy@fund.example"}}}}}.dump(), {}).status, 200);
    EXPECT_EQ(api_->send("PUT", path(id, "details"), json{{"timezone", "Europe/Berlin"}}.dump(), {}).status, 200);
    auto confirmed = api_->post(path(id, "confirm"), json::object());
    EXPECT_EQ(confirmed.status, 200) << confirmed.body;
    return {id, confirmed.json().value("calcom_booking_uid", std::string())};
  }

  // Bookings API calls at the simulator, as the Cal.com user would make them.
  HttpResponse sim_booking_post(const std::string& path_suffix, const json& body) {
    return sim_api_->send("POST", "/v2/bookings/" + path_suffix, body.dump(),
                          {{"cal-api-version", "2024-08-13"}, {"Content-Type", "application/json"}});
  }

  // Start times (UTC) at which the simulator would accept a booking of the team's event type
  // 1001 in the coming `days` — more than the wizard offers, for moving many bookings around.
  std::vector<std::string> free_slots(int days = 21) {
    const auto day = utc_day;
    const auto now = std::chrono::system_clock::now();
    auto response = sim_api_->get("/v2/slots?eventTypeId=1001&timeZone=UTC&start=" + day(now + std::chrono::hours(24)) +
                                      "&end=" + day(now + std::chrono::hours(24 * days)),
                                  {{"cal-api-version", "2024-09-04"}});
    EXPECT_EQ(response.status, 200) << response.body;
    std::vector<std::string> starts;
    const json answer = response.json();
    for (const auto& [date, slots] : answer["data"].items()) {
      for (const auto& slot : slots) starts.push_back(slot["start"].get<std::string>());
    }
    return starts;
  }

  // Every delivery the simulator queued (held, so none was sent).
  json held_deliveries() { return sim_->admin_get("/_sim/deliveries")["data"]; }

  // Outbox rows not yet sent (pending, sending, or given up).
  std::int64_t unsent_emails() { return db_->number("SELECT COUNT(*) FROM email_outbox WHERE status <> 'sent'"); }

  PostgresSchema schema_;
  std::unique_ptr<CalcomSim> sim_;
  std::unique_ptr<notify::testing::SmtpSink> sink_;
  std::unique_ptr<Service> a_, b_;
  std::unique_ptr<PgQuery> db_;
  std::unique_ptr<HttpClient> api_;
  std::unique_ptr<HttpClient> sim_api_;
  int alice_ = 0, bruno_ = 0, startup_id_ = 0;
};

}  // namespace poblysh::testing
