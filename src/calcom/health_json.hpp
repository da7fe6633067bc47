// calcom: the health report as JSON, for the admin API and `calcom check --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "calcom/health.hpp"

namespace poblysh::calcom {

// {"ok":bool,"identity":{"id","username","email","name","timeZone"}|null,
//  "checks":[{"name","label","state":"ok|denied|unreachable","reason"}]}
nlohmann::json to_json(const HealthReport& report);

}  // namespace poblysh::calcom
