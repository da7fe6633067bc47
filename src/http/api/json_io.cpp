#include "http/api/json_io.hpp"

#include <cassert>
#include <charconv>
#include <chrono>
#include <cstdint>

#include "core/json_depth.hpp"
#include "core/json_text.hpp"

namespace poblysh::http::api {

struct JsonWriter::Serializer {
  explicit Serializer(std::string& out)
      : serializer(nlohmann::detail::output_adapter<char, std::string>(out), ' ', json::error_handler_t::replace) {}
  nlohmann::detail::serializer<json> serializer;
};

JsonWriter::JsonWriter() : scratch_(std::string()), serializer_(std::make_unique<Serializer>(out_)) {
  out_.reserve(4096);
  scopes_.reserve(8);
  scopes_.emplace_back();
}

JsonWriter::~JsonWriter() = default;

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  auto& scope = scopes_.back();
  if (!scope.first) out_ += ',';
  scope.first = false;
}

JsonWriter& JsonWriter::write_key(std::string_view name) {
  auto& scope = scopes_.back();
  assert(scope.first || scope.last_key < name);  // json's std::map order, see the header
  scope.last_key = name;
  separate();
  out_ += '"';
  out_ += name;
  out_ += "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  scopes_.emplace_back();
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  scopes_.pop_back();
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::begin_object() { return open('{'); }
JsonWriter& JsonWriter::end_object() { return close('}'); }
JsonWriter& JsonWriter::begin_array() { return open('['); }
JsonWriter& JsonWriter::end_array() { return close(']'); }

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  // Most of our text (ids, times, names in ASCII) needs no escaping: such a string is written
  // as it is, which is what the serializer would write. Anything else goes through it.
  if (is_plain_json_text(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
    return *this;
  }
  scratch_.get_ref<std::string&>().assign(text);
  serializer_->serializer.dump(scratch_, false, false, 0);
  return *this;
}

template <class Integer>
JsonWriter& JsonWriter::integer(Integer number) {
  separate();
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof(digits), number).ptr;
  out_.append(digits, end);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) { return integer(number); }
JsonWriter& JsonWriter::value(std::uint64_t number) { return integer(number); }

JsonWriter& JsonWriter::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::nullptr_t) {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value(const json& any) {
  separate();
  serializer_->serializer.dump(any, false, false, 0);
  return *this;
}

std::string JsonWriter::take() {
  std::string text = std::move(out_);
  out_.clear();
  scopes_.assign(1, Scope{});
  after_key_ = false;
  return text;
}

Response json_response(int status, const json& body) {
  return Response::json_text(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

Response error_response(const Error& error, const Request& request) {
  json details = json::object();
  if (!error.fields.empty()) details["fields"] = error.fields;
  json body{{"error",
             {{"code", code_name(error.code)},
              {"message", error.message.empty() ? "Something went wrong on our side." : error.message},
              {"details", std::move(details)},
              {"request_id", request.request_id}}}};
  Response response = json_response(http_status(error.code), body);
  if (error.retry_after_seconds) response.set_header("Retry-After", std::to_string(*error.retry_after_seconds));
  return response;
}

Result<json> parse_object(const Request& request) {
  auto content_type = request.header("Content-Type");
  if (content_type && content_type->find("json") == std::string_view::npos) {
    return fail(ErrorCode::invalid_input, "Send the request body as JSON (Content-Type: application/json).");
  }
  if (!json_depth_within(request.body)) {
    return fail(ErrorCode::invalid_input, "The request body nests deeper than " + std::to_string(kMaxJsonDepth) +
                                              " levels of arrays and objects.");
  }
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return fail(ErrorCode::invalid_input, "The request body is not valid JSON.");
  if (!body.is_object()) return fail(ErrorCode::invalid_input, "The request body must be a JSON object.");
  return body;
}

const json* FieldReader::given(const char* field) const {
  auto it = body_.find(field);
  return it == body_.end() || it->is_null() ? nullptr : &*it;
}

std::nullopt_t FieldReader::refuse(const char* field, std::string problem) {
  errors_.add(field, std::move(problem));
  return std::nullopt;
}

std::optional<std::string> FieldReader::text(const char* field) {
  const json* value = given(field);
  if (!value) return std::nullopt;
  if (!value->is_string()) return refuse(field, "must be a string");
  return value->get<std::string>();
}

bool is_int64(const json& value) {
  if (value.is_number_unsigned()) return value.get<std::uint64_t>() <= std::uint64_t(INT64_MAX);
  return value.is_number_integer();
}

std::optional<std::int64_t> FieldReader::integer(const char* field) {
  const json* value = given(field);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) return refuse(field, "must be a whole number");
  if (!is_int64(*value)) return refuse(field, "is out of range");
  return value->get<std::int64_t>();
}

std::optional<int> FieldReader::integer_between(const char* field, int min, int max, const char* unit) {
  auto value = integer(field);
  if (value && (*value < min || *value > max)) {
    return refuse(field, "must be between " + std::to_string(min) + " and " + std::to_string(max) + " " + unit);
  }
  return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

std::optional<bool> FieldReader::boolean(const char* field) {
  const json* value = given(field);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) return refuse(field, "must be true or false");
  return value->get<bool>();
}

void FieldReader::patch(const char* field, std::string& value) {
  if (auto read = text(field)) value = *read;
}

void FieldReader::patch(const char* field, bool& value) {
  if (auto read = boolean(field)) value = *read;
}

void FieldReader::patch(const char* field, std::optional<std::string>& value) {
  const bool present = has(field);
  auto read = text(field);
  if (present) value = std::move(read);
}

void FieldReader::patch(const char* field, std::optional<std::int64_t>& value) {
  const bool present = has(field);
  auto read = integer(field);
  if (present) value = read;
}

namespace {

std::string to_hex(std::string_view text) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (error != std::errc() || end != hex.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

}  // namespace

std::string encode_cursor(const std::string& key, std::int64_t id) { return to_hex(std::to_string(id) + '\n' + key); }

Result<std::string> search_text(const Request& request) {
  std::string text = request.query_param("q").value_or("");
  if (text.size() > 200) return invalid_field("q", "must be at most 200 characters");
  if (const auto bad = domain::forbidden_character(text, domain::Lines::one); !bad.empty()) {
    return invalid_field("q", "must not contain control characters (found " + bad + ")");
  }
  return text;
}

Result<store::PageRequest> page_request(const Request& request) {
  store::PageRequest page;
  if (auto limit = request.query_param("limit")) {
    int value = 0;
    auto [end, error] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (error != std::errc() || end != limit->data() + limit->size() || value < 1 || value > 200) {
      return invalid_field("limit", "must be a whole number from 1 to 200");
    }
    page.limit = value;
  }
  if (auto cursor = request.query_param("cursor"); cursor && !cursor->empty()) {
    auto decoded = from_hex(*cursor);
    const auto newline = decoded ? decoded->find('\n') : std::string::npos;
    std::int64_t id = 0;
    if (newline == std::string::npos ||
        std::from_chars(decoded->data(), decoded->data() + newline, id).ec != std::errc()) {
      return invalid_field("cursor", "is not a cursor this API returned");
    }
    page.after_id = id;
    page.after_key = decoded->substr(newline + 1);
  }
  return page;
}

Result<std::int64_t> path_id(const Request& request, const char* name) {
  auto it = request.path_params.find(name);
  std::int64_t id = 0;
  if (it == request.path_params.end() ||
      std::from_chars(it->second.data(), it->second.data() + it->second.size(), id).ec != std::errc() || id <= 0 ||
      std::to_string(id) != it->second) {
    return fail(ErrorCode::not_found, "Nothing is here.");
  }
  return id;
}

}  // namespace poblysh::http::api
