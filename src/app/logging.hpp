// app: one JSON object per log line on stderr, UTC time stamps.
#pragma once

#include <memory>
#include <string>

#include <spdlog/logger.h>

namespace poblysh::app {

// Messages that are JSON objects ("{...}", written with core/log_line.hpp) are merged into the
// line; others become "msg".
// Warnings and worse, which carry other programs' error text, are checked: one that is not a
// valid object is kept whole as "msg", so even a mis-escaped line stays one JSON object.
std::shared_ptr<spdlog::logger> make_json_logger(const std::string& name, const std::string& level);
// The same, writing to `sink` (tests read the lines back).
std::shared_ptr<spdlog::logger> make_json_logger(const std::string& name, const std::string& level,
                                                 spdlog::sink_ptr sink);


}  // namespace poblysh::app
