#include "store/postgres/postgres_text.hpp"

#include <charconv>

#include "store/postgres/postgres_database.hpp"

namespace poblysh::store {
namespace pg {
namespace {

// Type OIDs from pg_type.h (stable since PostgreSQL 7): results are typed like SQLite's.
constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26;
constexpr Oid kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

}  // namespace

bool is_retryable(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

bool is_unavailable(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

std::string trimmed_message(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The detail is for the log: SQLSTATE, PostgreSQL's primary message and the statement, never
// the parameters or the DETAIL line (both may carry personal data). Data exceptions (class
// 22) quote the offending value in their message, so only their SQLSTATE is kept.
Error postgres_error(std::string_view sqlstate, const std::string& message, std::string_view sql) {
  std::string detail = "SQLSTATE " + std::string(sqlstate.empty() ? "none" : sqlstate) + ": " +
                       (sqlstate.starts_with("22") ? std::string("data exception (value not logged)") : message) +
                       " in: " + std::string(sql.substr(0, 120));
  if (sqlstate == "23505") return Error{ErrorCode::conflict, "This already exists.", {}, detail, {}};
  if (sqlstate == "23503") {
    return Error{
        ErrorCode::conflict, "This refers to something that does not exist or is still in use.", {}, detail, {}};
  }
  if (is_unavailable(sqlstate) || is_retryable(sqlstate)) {
    return Error{
        ErrorCode::upstream_unavailable, "The database is busy or unavailable; please try again.", {}, detail, 1};
  }
  return Error{ErrorCode::internal, "Something went wrong on our side.", {}, detail, {}};
}

std::string text_of(double value) {
  char buffer[32];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact round trip
  return std::string(buffer, written.ptr);
}

Value value_of(Oid type, const char* text, int length) {
  const char* end = text + length;
  switch (type) {
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      std::int64_t number = 0;
      std::from_chars(text, end, number);
      return number;
    }
    case kBoolOid: return std::int64_t{text[0] == 't' ? 1 : 0};
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: {
      double number = 0;
      std::from_chars(text, end, number);
      return number;
    }
    default: return std::string(text, static_cast<std::size_t>(length));
  }
}

}  // namespace pg

std::string number_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;  // ' or " while inside a literal or quoted identifier
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      const auto end = sql.find('\n', i);
      const auto stop = end == std::string_view::npos ? sql.size() : end;
      out.append(sql.substr(i, stop - i));
      i = stop - 1;
    } else if (c == '?') {
      out += '$' + std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string redact_database_url(std::string_view url) {
  std::string out(url);
  if (const auto scheme = out.find("://"); scheme != std::string::npos) {
    const auto start = scheme + 3;
    const auto authority_end = out.find_first_of("/?", start);
    const auto at = out.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
    if (at != std::string::npos && at > start) {
      const auto colon = out.find(':', start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  for (auto at = out.find("password="); at != std::string::npos; at = out.find("password=", at + 1)) {
    const auto value = at + 9;
    const auto end = out.find_first_of("& ", value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
  }
  return out;
}

}  // namespace poblysh::store
