// calcom-sim: reads the fixture file that defines users, teams, event types and API keys.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model.hpp"

namespace poblysh::calcom_sim {

// Throws std::runtime_error naming the bad entry: a broken fixture is a start-up failure.
Fixture parse_fixture(const nlohmann::json& document);
Fixture load_fixture(const std::string& path);

}  // namespace poblysh::calcom_sim
