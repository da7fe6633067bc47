#include "calcom_sim.hpp"

#include <stdexcept>

#include "http_client.hpp"

namespace poblysh::testing {

std::string calcom_sim_binary() { return CALCOM_SIM_BINARY; }
std::string calcom_sim_fixture() { return CALCOM_SIM_FIXTURE; }

CalcomSim::CalcomSim(std::vector<std::string> extra_args) {
  std::vector<std::string> args{"--listen", "127.0.0.1:0", "--fixture", calcom_sim_fixture()};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<Process>(calcom_sim_binary(), args, Env{}, dir_.path(), "--ready-file");
}

nlohmann::json CalcomSim::admin_get(const std::string& path) {
  HttpClient client(base_url());
  auto response = client.get(path);
  if (response.status >= 300) throw std::runtime_error("simulator refused GET " + path + ": " + response.body);
  return response.json();
}

nlohmann::json CalcomSim::admin_post(const std::string& path, const nlohmann::json& body) {
  HttpClient client(base_url());
  auto response = client.post(path, body);
  if (response.status >= 300) throw std::runtime_error("simulator refused POST " + path + ": " + response.body);
  return response.json();
}

nlohmann::json CalcomSim::bookings() { return admin_get("/_sim/bookings"); }

Env CalcomSim::service_env() const {
  return {{"POBLYSH_CALCOM_BASE_URL", base_url()},
          {"POBLYSH_CALCOM_API_KEY", kSimOpsKey},
          {"POBLYSH_CALCOM_SANDBOX", "true"},
          // The simulator emails nobody: the service invites the contact and guests itself.
          {"POBLYSH_CALCOM_SENDS_ATTENDEE_EMAILS", "false"},
          {"POBLYSH_CALCOM_AVAILABILITY_SLUG", "founder-interview"}};
}

}  // namespace poblysh::testing
