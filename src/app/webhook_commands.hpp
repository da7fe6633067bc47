// app: `poblysh-interviews calcom sync` and `calcom webhooks install` — the operator side of
// Cal.com webhooks (registering our endpoint, repairing what lost deliveries missed).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <spdlog/logger.h>

#include "app/config.hpp"

namespace poblysh::app {

// Runs one reconciliation pass against the configured database and Cal.com, queueing the emails
// it implies (the running service's outbox worker sends them). Returns 0 when every changed
// booking was checked, 1 otherwise.
int calcom_sync(const Config& config, std::shared_ptr<spdlog::logger> log, std::ostream& out);

// Registers `url` as a Cal.com webhook for the booking triggers we handle, or updates the
// existing webhook with that URL. Uses the configured secret, or generates one (always with
// `rotate_secret`) and prints it once for the configuration.
int calcom_webhooks_install(const Config& config, std::shared_ptr<spdlog::logger> log, const std::string& url,
                            bool rotate_secret, std::ostream& out);

}  // namespace poblysh::app
