// app: the wiring — builds every part from the configuration, top to bottom, and runs it.
#pragma once

#include <memory>

#include <spdlog/logger.h>

#include "app/config.hpp"
#include "calcom/client.hpp"
#include "store/database.hpp"

namespace poblysh::app {

// Opens the configured database (SQLite file, or PostgreSQL) and applies migrations.
Result<std::unique_ptr<store::Database>> open_database(const Config& config, spdlog::logger& log);

// The Cal.com client for the configured key, or null when no key is configured. Its failed
// requests are logged through `log`.
std::shared_ptr<calcom::Client> make_calcom_client(const Config& config, std::shared_ptr<spdlog::logger> log);

// Serves HTTP until SIGINT or SIGTERM. Returns the process exit code.
int serve(const Config& config, std::shared_ptr<spdlog::logger> log);

}  // namespace poblysh::app
