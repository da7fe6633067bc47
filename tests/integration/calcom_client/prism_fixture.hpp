// Cal.com client tests through Prism: every request and response of the real client is checked
// against Cal.com's (patched) OpenAPI document; the simulator behind Prism plays Cal.com.
// Run by tests/contract/with-sim-and-prism.sh, which exports the addresses and keys used here.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "calcom/curl_client.hpp"
#include "calcom/curl_transport.hpp"
#include "core/time.hpp"
#include "http_client.hpp"
#include "iso_time.hpp"

namespace poblysh::calcom::contract {

inline std::string env_or_fail(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    ADD_FAILURE() << name << " is not set: run through tests/contract/with-sim-and-prism.sh";
    return {};
  }
  return value;
}

// Wraps the real transport and records every answer in which Prism reports a contract
// violation: its 422/500 application/problem+json, or an `sl-violations` header with an entry
// of severity Error. ("Warning" entries only say that the spec documents no error statuses.)
class ContractCheckingTransport final : public Transport {
 public:
  explicit ContractCheckingTransport(std::shared_ptr<Transport> inner) : inner_(std::move(inner)) {}

  tl::expected<HttpResponse, TransportError> send(const HttpRequest& request) override {
    ++requests_;
    auto sent = inner_->send(request);
    if (!sent) return sent;
    std::string problem;
    if (auto type = sent->header("Content-Type");
        type && type->find("application/problem+json") != std::string_view::npos) {
      problem = sent->body;
    }
    if (auto header = sent->header("sl-violations")) {
      std::string text(*header);
      auto start = text.find('[');
      auto parsed = nlohmann::json::parse(start == std::string::npos ? text : text.substr(start), nullptr, false);
      if (parsed.is_discarded() || !parsed.is_array()) {
        problem += " unreadable sl-violations: " + text;
      } else {
        for (const auto& violation : parsed) {
          if (violation.value("severity", "") == "Error") problem += " " + violation.dump();
        }
      }
    }
    if (!problem.empty()) {
      std::lock_guard lock(mutex_);
      violations_.push_back(std::string(http_method_name(request.method)) + " " + request.url + " → " +
                            std::to_string(sent->status) + ":" + problem);
    }
    return sent;
  }

  std::vector<std::string> take_violations() {
    std::lock_guard lock(mutex_);
    return std::exchange(violations_, {});
  }
  // Requests that left the client (attempts, not calls).
  int requests() const { return requests_; }

 private:
  std::shared_ptr<Transport> inner_;
  std::atomic<int> requests_{0};
  std::mutex mutex_;
  std::vector<std::string> violations_;
};

// The simulator's /_sim control API (direct, not through Prism: it is not part of Cal.com).
class SimAdmin {
 public:
  explicit SimAdmin(std::string base_url) : base_url_(std::move(base_url)) {}
  nlohmann::json post(const std::string& path, const nlohmann::json& body = nlohmann::json::object()) {
    testing::HttpClient client(base_url_);
    auto response = client.post("/_sim" + path, body);
    if (response.status >= 300) ADD_FAILURE() << "simulator refused POST " << path << ": " << response.body;
    return response.json();
  }
  nlohmann::json get(const std::string& path) {
    testing::HttpClient client(base_url_);
    auto response = client.get("/_sim" + path);
    if (response.status >= 300) ADD_FAILURE() << "simulator refused GET " << path << ": " << response.body;
    return response.json();
  }
  // Bookings at the simulator carrying our interview id (ground truth for "booked once").
  std::vector<nlohmann::json> bookings_for(const std::string& interview_id) {
    std::vector<nlohmann::json> found;
    const auto all = get("/bookings");
    for (const auto& booking : all["data"]) {
      if (booking.contains("metadata") && booking["metadata"].value(kInterviewIdMetadataKey, "") == interview_id) {
        found.push_back(booking);
      }
    }
    return found;
  }

 private:
  std::string base_url_;
};

// A frozen Monday morning: slots and bookings below are relative to it, so runs repeat.
inline constexpr const char* kNow = "2027-03-01T08:00:00Z";
inline constexpr std::int64_t kAliceFounderInterview = 1001;  // alice-editor, 30 min
inline constexpr std::int64_t kBrunoFounderInterview = 1101;  // bruno-partner, 45 min

using poblysh::testing::at;

class ThroughPrism : public ::testing::Test {
 protected:
  void SetUp() override {
    prism_url_ = env_or_fail("PRISM_URL");
    key_ = env_or_fail("CALCOM_TEST_API_KEY");
    admin_ = std::make_unique<SimAdmin>(env_or_fail("CALCOM_SIM_URL"));
    ASSERT_FALSE(::testing::Test::HasFailure());
    admin_->post("/reset");
    admin_->post("/clock", {{"now", kNow}});
  }

  // Every test ends with no contract violation on any request its clients sent.
  void TearDown() override {
    for (const auto& transport : transports_) {
      for (const auto& violation : transport->take_violations()) ADD_FAILURE() << "contract violation: " << violation;
    }
  }

  ClientOptions options(const std::string& key) const {
    ClientOptions options;
    options.base_url = prism_url_;
    options.api_key = key;
    options.backoff_base = std::chrono::milliseconds(50);
    options.backoff_cap = std::chrono::milliseconds(400);
    return options;
  }

  // A fresh client (fresh caches) talking through Prism; its log lines are kept in log_text().
  std::unique_ptr<CurlClient> client(ClientOptions options) {
    transport_ = std::make_shared<ContractCheckingTransport>(std::make_shared<CurlTransport>());
    auto transport = transport_;
    transports_.push_back(transport);
    auto logger = std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_));
    logger->set_pattern("%v");
    ClientDeps deps;
    deps.transport = transport;
    deps.logger = logger;
    return std::make_unique<CurlClient>(std::move(options), std::move(deps));
  }
  std::unique_ptr<CurlClient> client() { return client(options(key_)); }

  std::vector<std::string> take_violations() {
    std::vector<std::string> all;
    for (const auto& transport : transports_) {
      for (auto& violation : transport->take_violations()) all.push_back(std::move(violation));
    }
    return all;
  }

  // The client's log lines, each parsed (they must all be JSON objects).
  std::vector<nlohmann::json> log_lines() {
    std::vector<nlohmann::json> lines;
    std::istringstream in(log_.str());
    for (std::string line; std::getline(in, line);) {
      auto parsed = nlohmann::json::parse(line, nullptr, false);
      EXPECT_TRUE(parsed.is_object()) << "not a JSON object: " << line;
      if (parsed.is_object()) lines.push_back(parsed);
    }
    return lines;
  }
  std::string log_text() const { return log_.str(); }

  // The first free slot of Alice's 30-minute founder interview on Tuesday 2 March 2027.
  SystemTime first_free_slot(CurlClient& calcom, std::int64_t event_type_id = kAliceFounderInterview) {
    SlotsQuery query;
    query.event_type_id = event_type_id;
    query.start = at("2027-03-02T00:00:00Z");
    query.end = at("2027-03-03T00:00:00Z");
    auto slots = calcom.slots(query);
    EXPECT_TRUE(slots) << (slots ? "" : slots.error().internal);
    if (!slots || slots->by_date.empty() || slots->by_date.begin()->second.empty()) {
      ADD_FAILURE() << "no free slot";
      return {};
    }
    return slots->by_date.begin()->second.front().start;
  }

  CreateBookingRequest booking_request(const std::string& interview_id, SystemTime start) const {
    CreateBookingRequest request;
    request.interview_id = interview_id;
    request.event_type_id = kAliceFounderInterview;
    request.start = start;
    request.attendee = Attendee{"Jane Founder", "jane@startup.test", "America/New_York", "en", {}, false};
    request.guests = {"ivy@fund.test"};
    request.booking_fields_responses = {{"notes", "Seed round, robotics"}};
    request.location = BookingLocation{"integration", "cal-video", {}, {}, {}};
    return request;
  }

  std::string prism_url_;
  std::string key_;
  std::unique_ptr<SimAdmin> admin_;
  std::shared_ptr<ContractCheckingTransport> transport_;  // the latest client's

 private:
  std::ostringstream log_;
  std::vector<std::shared_ptr<ContractCheckingTransport>> transports_;
};

}  // namespace poblysh::calcom::contract
