// app: one JSON object per log line on stderr, UTC time stamps.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace poblysh::app {

// Messages that are JSON objects ("{...}") are merged into the line; others become "msg".
std::shared_ptr<spdlog::logger> make_json_logger(const std::string& name, const std::string& level);

}  // namespace poblysh::app
