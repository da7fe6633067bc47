#include "calcom/health_json.hpp"

namespace poblysh::calcom {

nlohmann::json to_json(const HealthReport& report) {
  nlohmann::json out;
  out["ok"] = report.ok;
  if (report.identity) {
    out["identity"] = {{"id", report.identity->id},
                       {"username", report.identity->username},
                       {"email", report.identity->email},
                       {"name", report.identity->name},
                       {"timeZone", report.identity->time_zone}};
  } else {
    out["identity"] = nullptr;
  }
  out["checks"] = nlohmann::json::array();
  for (const auto& check : report.checks) {
    out["checks"].push_back({{"name", check.name},
                             {"label", check.label},
                             {"state", check_state_name(check.state)},
                             {"reason", check.reason}});
  }
  return out;
}

}  // namespace poblysh::calcom
