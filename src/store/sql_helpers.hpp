// store: small pieces every repository needs (nullable times, LIKE patterns, page trimming).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"
#include "domain/validation.hpp"
#include "store/database.hpp"

namespace poblysh::store {

// A nullable time column (unix milliseconds), read and written.
inline std::optional<SystemTime> optional_time(const Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return from_unix_ms(row.integer(column));
}
inline Value time_value(const std::optional<SystemTime>& time) {
  return time ? Value(to_unix_ms(*time)) : null_value();
}

// "%text%" for LIKE with '\' as the escape character, lower-cased like the *_sort columns.
inline std::string contains_pattern(std::string_view text) {
  std::string pattern = "%";
  for (char c : domain::sort_key(text)) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return pattern + "%";
}

inline std::string prefix_pattern(std::string_view text) {
  auto pattern = contains_pattern(text);
  return pattern.substr(1);
}

// Ends a query of a list newest first by id: after the page's cursor, one row more than asked.
inline void newest_first(std::string& sql, std::vector<Value>& params, const PageRequest& page) {
  if (page.after_id) {
    sql += " AND id < ?";
    params.emplace_back(*page.after_id);
  }
  sql += " ORDER BY id DESC LIMIT ?";
  params.emplace_back(std::int64_t{page.limit + 1});
}

// Repositories fetch one row more than asked to learn whether another page exists.
template <class T>
bool trim_to_limit(std::vector<T>& items, int limit) {
  if (static_cast<int>(items.size()) <= limit) return false;
  items.resize(static_cast<std::size_t>(limit));
  return true;
}

}  // namespace poblysh::store
