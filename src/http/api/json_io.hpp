// http/api: JSON in and out — body parsing with field errors, error envelopes, pagination.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/time.hpp"
#include "domain/validation.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace poblysh::http::api {

using nlohmann::json;

Response json_response(int status, const json& body);
// The one error envelope: {"error":{"code","message","details":{"fields":{…}},"request_id"}}.
Response error_response(const Error& error, const Request& request);

// The body as a JSON object, or a 400 naming what is wrong.
Result<json> parse_object(const Request& request);

// Typed field readers that collect problems instead of throwing.
// A JSON integer that fits std::int64_t (nlohmann keeps positive ones as unsigned 64-bit).
bool is_int64(const json& value);

class FieldReader {
 public:
  explicit FieldReader(const json& body) : body_(body) {}
  bool has(const char* field) const { return body_.contains(field); }
  std::optional<std::string> text(const char* field);
  std::optional<std::int64_t> integer(const char* field);  // a whole number that fits 64 bits
  // A whole number from `min` to `max` (`unit` names what it counts, for the message).
  std::optional<int> integer_between(const char* field, int min, int max, const char* unit);
  std::optional<bool> boolean(const char* field);
  // A PATCH: a field the body has replaces `value`, and null clears a value that may be empty.
  void patch(const char* field, std::string& value);
  void patch(const char* field, bool& value);
  void patch(const char* field, std::optional<std::string>& value);
  void patch(const char* field, std::optional<std::int64_t>& value);
  void missing(const char* field) { errors_.add(field, "is required"); }
  domain::FieldErrors& errors() { return errors_; }
  Status result() const { return errors_.result(); }

 private:
  // The field's value; nullptr when it is absent or null, which read as not given.
  const json* given(const char* field) const;
  // Records the field's problem; the field reads as not given.
  std::nullopt_t refuse(const char* field, std::string problem);

  const json& body_;
  domain::FieldErrors errors_;
};

// `limit` (1–200, default 50) and an opaque `cursor` from a previous page's next_cursor.
Result<store::PageRequest> page_request(const Request& request);
// The `q` of a search: at most 200 characters, no control characters (400 naming `q`).
Result<std::string> search_text(const Request& request);
std::string encode_cursor(const std::string& key, std::int64_t id);

template <class T, class Render, class KeyOf>
json page_json(const store::Page<T>& page, Render render, KeyOf key_of) {
  json items = json::array();
  for (const auto& item : page.items) items.push_back(render(item));
  json next = nullptr;
  if (page.has_more && !page.items.empty()) {
    const auto& [key, id] = key_of(page.items.back());
    next = encode_cursor(key, id);
  }
  return json{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

// Writes JSON text straight into a string, for the big read answers (a page of interviews, an
// interview's detail), where building a json DOM and dumping it cost more than the queries.
// Strings go through nlohmann's own serializer with json_response's settings (UTF-8 kept,
// invalid bytes replaced), so the text is what json::dump would have written. Keys are string
// literals written as they are; give them in the order json's std::map sorts them (byte order)
// to keep the same text as a DOM (debug builds check it).
class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  template <std::size_t N>
  JsonWriter& key(const char (&name)[N]) {
    return write_key(std::string_view(name, N - 1));
  }
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(std::int64_t{number}); }
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(bool flag);
  JsonWriter& value(std::nullptr_t);
  JsonWriter& value(const json& any);
  template <class T>
  JsonWriter& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : value(nullptr);
  }

  // The text written so far; the writer is empty afterwards.
  std::string take();

 private:
  JsonWriter& write_key(std::string_view name);
  void separate();
  // An object or an array: its bracket, and a scope of its own for commas and key order.
  JsonWriter& open(char bracket);
  JsonWriter& close(char bracket);
  // Signed or not, written by to_chars: the digits the serializer would write.
  template <class Integer>
  JsonWriter& integer(Integer number);

  struct Scope {
    bool first = true;
    std::string_view last_key;  // for the debug check of key order
  };
  std::string out_;
  std::vector<Scope> scopes_;
  bool after_key_ = false;
  json scratch_;  // a string value reused for every string written, so escaping allocates nothing
  struct Serializer;
  std::unique_ptr<Serializer> serializer_;
};

Result<std::int64_t> path_id(const Request& request, const char* name = "id");
inline std::string iso(SystemTime time) { return format_iso8601_utc(time); }
inline json iso_or_null(const std::optional<SystemTime>& time) { return time ? json(iso(*time)) : json(nullptr); }

}  // namespace poblysh::http::api
