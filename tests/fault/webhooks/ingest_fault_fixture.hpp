// tests/fault/webhooks: a service on a seeded SQLite file that the test can kill, restart and
// starve, with the deliveries it is sent and what the file says about each of them.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "service_process.hpp"
#include "webhook_traffic.hpp"

namespace poblysh::testing {

inline constexpr const char* kFaultSecret = "whsec-fault-5b2e7d";

// What the database holds for one interview and the deliveries about it.
struct InterviewState {
  std::string status;
  std::string booking_uid;
  int applied_deliveries = 0;  // rows with outcome "applied"
  int cal_com_history = 0;     // history lines written by Cal.com's events
};

class IngestFaultTest : public ::testing::Test {
 protected:
  // Migrates and seeds `interviews` interviews; deliveries_ holds one signed delivery for each.
  void prepare(int interviews);
  // Starts the service on the database; `shell_prefix` runs before exec (e.g. a ulimit).
  void start(const std::string& shell_prefix = {}, const Env& extra_env = {});
  void kill_service();  // SIGKILL
  void stop_service();  // SIGTERM
  std::string url() const { return service_->base_url() + "/webhooks/calcom"; }

  // Sends the deliveries at these indexes over `connections` connections.
  std::vector<webhook_traffic::Sent> send(const std::vector<std::size_t>& which, int connections = 1);

  std::map<int, InterviewState> interviews() const;
  // Raw body -> outcome of the first row recorded with exactly those bytes (a later re-send
  // of the same body is a duplicate row of its own).
  std::map<std::string, std::string> recorded_outcomes() const;
  // Sets of rows that should be unique but are not: (interview, kind, recipient) in the outbox.
  std::int64_t repeated_emails() const;
  std::string integrity() const;
  std::int64_t scalar(const std::string& sql) const;

  // Whether the interview shows the delivery's effect, or (applied == false) is untouched.
  static bool has_effect(const InterviewState& state, const webhook_traffic::Delivery& delivery);
  static bool untouched(const InterviewState& state, const webhook_traffic::Delivery& delivery);

  void TearDown() override;

  TempDir dir_;
  std::string db_path_;
  std::vector<webhook_traffic::Delivery> deliveries_;
  std::unique_ptr<Process> service_;
};

}  // namespace poblysh::testing
