#include "core/log_line.hpp"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"

namespace poblysh {

LogLine::LogLine(std::string_view msg) {
  out_ = "{\"msg\":";
  quoted(msg);
}

void LogLine::key(std::string_view name) {
  out_ += ',';
  quoted(name);
  out_ += ':';
}

void LogLine::quoted(std::string_view value) {
  if (is_plain_json_text(value)) {
    out_ += '"';
    out_ += value;
    out_ += '"';
    return;
  }
  out_ += nlohmann::json(std::string(value)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

LogLine& LogLine::text(std::string_view name, std::string_view value) {
  key(name);
  quoted(value);
  return *this;
}

LogLine& LogLine::number(std::string_view name, std::int64_t value) {
  key(name);
  char digits[24];
  out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
  return *this;
}

LogLine& LogLine::decimal(std::string_view name, double value) {
  key(name);
  char digits[64];
  const auto written = std::to_chars(digits, digits + sizeof digits, value);
  if (written.ec != std::errc() || !std::isfinite(value)) {
    out_ += "null";
  } else {
    out_.append(digits, written.ptr);
  }
  return *this;
}

LogLine& LogLine::decimal(std::string_view name, double value, int digits_after_point) {
  key(name);
  char digits[64];
  const auto written = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed, digits_after_point);
  // NaN, infinities and values too long for the buffer are not JSON numbers.
  if (written.ec != std::errc() || !std::isfinite(value)) {
    out_ += "null";
  } else {
    out_.append(digits, written.ptr);
  }
  return *this;
}

LogLine& LogLine::flag(std::string_view name, bool value) {
  key(name);
  out_ += value ? "true" : "false";
  return *this;
}

LogLine& LogLine::null(std::string_view name) {
  key(name);
  out_ += "null";
  return *this;
}

LogLine& LogLine::json(std::string_view name, std::string_view serialized) {
  key(name);
  out_ += serialized;
  return *this;
}

LogLine& LogLine::fields(std::string_view fragment_text) {
  out_ += fragment_text;
  return *this;
}

}  // namespace poblysh
