// app: `poblysh-interviews calcom …` operator commands that talk to Cal.com directly.
#pragma once

#include <memory>
#include <ostream>

#include <spdlog/logger.h>

#include "app/config.hpp"

namespace poblysh::app {

// `calcom check [--json]`: signs in with the configured key and probes each capability the
// service relies on. Prints a report (never the key itself, only its redacted form) to `out`;
// returns the exit code: 0 when everything works, 1 otherwise (including "no key configured").
int calcom_check(const Config& config, std::shared_ptr<spdlog::logger> log, bool as_json, std::ostream& out);

}  // namespace poblysh::app
