// calcom (private): defensive readers over nlohmann::json shared by the response parsers.
#pragma once

#include <cmath>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "calcom/parse.hpp"
#include "core/json_depth.hpp"
#include "core/time.hpp"

namespace poblysh::calcom::json_read {

using json = nlohmann::json;

// Optional fields are omitted by Cal.com, but the spec also marks some nullable; both mean
// "absent" here, so a null never reaches a typed accessor.
inline const json* get(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

inline std::string join_path(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

inline std::optional<std::int64_t> as_int(const json& value) {
  if (value.is_number_unsigned()) {
    auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    // JavaScript has one number type, so 30 may arrive as 30.0.
    double d = value.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) {
      return static_cast<std::int64_t>(d);
    }
  }
  return std::nullopt;
}

// Lenient readers for optional fields: a wrong type is treated like an omitted field.
inline std::string opt_string(const json& object, const char* key) {
  const json* value = get(object, key);
  return value && value->is_string() ? value->get<std::string>() : std::string{};
}
inline std::optional<std::string> opt_string_maybe(const json& object, const char* key) {
  const json* value = get(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}
inline std::optional<std::int64_t> opt_int(const json& object, const char* key) {
  const json* value = get(object, key);
  return value ? as_int(*value) : std::nullopt;
}
inline bool opt_bool(const json& object, const char* key, bool fallback) {
  const json* value = get(object, key);
  return value && value->is_boolean() ? value->get<bool>() : fallback;
}
inline std::optional<SystemTime> opt_time(const json& object, const char* key) {
  const json* value = get(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  auto parsed = parse_iso8601(value->get<std::string>());
  if (!parsed) return std::nullopt;
  return *parsed;
}

// Strict readers for the fields without which the object is useless.
inline Result<std::string> req_string(const json& object, const char* key, const std::string& path) {
  const json* value = get(object, key);
  if (!value || !value->is_string()) {
    return fail(malformed_response(join_path(path, key) + ": missing or not a string"));
  }
  return value->get<std::string>();
}
inline Result<std::int64_t> req_int(const json& object, const char* key, const std::string& path) {
  const json* value = get(object, key);
  std::optional<std::int64_t> number = value ? as_int(*value) : std::nullopt;
  if (!number) return fail(malformed_response(join_path(path, key) + ": missing or not an integer"));
  return *number;
}
inline Result<SystemTime> req_time(const json& object, const char* key, const std::string& path) {
  auto text = req_string(object, key, path);
  if (!text) return fail(text.error());
  auto parsed = parse_iso8601(*text);
  if (!parsed) {
    return fail(malformed_response(join_path(path, key) + ": not an ISO 8601 time: " +
                                   text->substr(0, 40)));
  }
  return *parsed;
}

inline std::vector<std::string> string_array(const json& object, const char* key) {
  std::vector<std::string> out;
  const json* value = get(object, key);
  if (!value || !value->is_array()) return out;
  for (const auto& item : *value) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

// The objects in an optional array, each read by `object_from`; anything else in it is skipped.
template <class ObjectFrom>
auto objects_in(const json& object, const char* key, ObjectFrom object_from)
    -> std::vector<decltype(object_from(object))> {
  std::vector<decltype(object_from(object))> out;
  const json* value = get(object, key);
  if (!value || !value->is_array()) return out;
  for (const auto& item : *value) {
    if (item.is_object()) out.push_back(object_from(item));
  }
  return out;
}

inline std::string join_messages(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  std::string joined;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) continue;
      if (!joined.empty()) joined += ", ";
      joined += item.get<std::string>();
    }
  }
  return joined;
}

inline Result<json> parse_json(std::string_view body) {
  if (!json_depth_within(body)) return fail(malformed_response("body nests too deeply"));
  json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail(malformed_response("body is not JSON"));
  if (!doc.is_object()) return fail(malformed_response("body is not a JSON object"));
  return doc;
}

// Checks the success envelope and returns the document; `data` is then known to exist.
inline Result<json> parse_envelope(std::string_view body) {
  auto doc = parse_json(body);
  if (!doc) return doc;
  const json* status = get(*doc, "status");
  if (status && status->is_string() && status->get<std::string>() != "success") {
    ApiErrorInfo info = parse_error_body(body);
    return fail(malformed_response("2xx with status \"" + status->get<std::string>() +
                                   "\": " + info.code + " " + info.message));
  }
  if (!doc->contains("data")) return fail(malformed_response("no \"data\" in the envelope"));
  return doc;
}

// Runs a parser with a last-resort net: nlohmann throws on some misuse we may have missed,
// and an exception must never escape into a request handler.
template <class T, class F>
inline Result<T> guarded(F&& parse) {
  try {
    return parse();
  } catch (const std::exception& e) {
    return fail(malformed_response(std::string("parser exception: ") + e.what()));
  }
}

// A list may arrive bare or wrapped by older controllers ({"eventTypes": [...]}).
inline const json* list_in(const json& data, const char* wrapper) {
  if (data.is_array()) return &data;
  const json* inner = get(data, wrapper);
  return inner && inner->is_array() ? inner : nullptr;
}

// Every item of a listed response's list, each read by `item_from` with its path ("data[3]"); an
// item that cannot be read fails the whole list.
template <class T>
Result<std::vector<T>> items_from(const json& list, Result<T> (*item_from)(const json&, const std::string&)) {
  std::vector<T> items;
  for (std::size_t i = 0; i < list.size(); ++i) {
    ASSIGN_OR_RETURN(auto item, item_from(list[i], "data[" + std::to_string(i) + "]"));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace poblysh::calcom::json_read
