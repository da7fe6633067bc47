// Test support: the Cal.com simulator as a real process, and its /_sim control endpoints.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "service_process.hpp"

namespace poblysh::testing {

// Keys of tools/calcom-sim/fixtures/default.json.
inline constexpr const char* kSimOpsKey = "cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1";
inline constexpr const char* kSimNoWebhooksKey = "cal_test_poblysh_nohooks_9a27d1c4e8b05f36";

class CalcomSim {
 public:
  explicit CalcomSim(std::vector<std::string> extra_args = {});
  std::string base_url() const { return process_->base_url(); }
  // POST/GET /_sim/…; throws if the simulator refuses (a bug in the test).
  nlohmann::json admin_get(const std::string& path);
  nlohmann::json admin_post(const std::string& path, const nlohmann::json& body = nlohmann::json::object());
  nlohmann::json bookings();
  // The service's environment for using this simulator with the ops key.
  Env service_env() const;

 private:
  TempDir dir_;
  std::unique_ptr<Process> process_;
};

std::string calcom_sim_binary();
std::string calcom_sim_fixture();

}  // namespace poblysh::testing
