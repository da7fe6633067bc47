// store: small pieces every repository needs (nullable times, LIKE patterns, pages).
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

// An UPDATE guarded by its WHERE (a claim, a status): whether the guard still held.
inline Result<bool> changed_any(Connection& db, std::string_view sql, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto changed, db.execute(sql, params));
  return changed > 0;
}

// Team members and a startup's contacts have one unique key besides the id, the normalized
// email: a write of theirs that conflicts has met a taken email, which `email_taken()` says.
template <class T, class EmailTaken>
Result<T> email_taken_on_conflict(Result<T> written, EmailTaken email_taken) {
  if (!written && written.error().code == ErrorCode::conflict) return fail(email_taken());
  return written;
}

// A look-up's row, when there is one, made an item by `item_from`.
template <class ItemFrom>
auto if_found(const std::optional<Row>& row, ItemFrom item_from) -> std::optional<decltype(item_from(*row))> {
  if (!row) return std::nullopt;
  return item_from(*row);
}

// A page of a list read one row more than asked: each row made an item by `item_from`.
template <class ItemFrom>
auto page_of(const std::vector<Row>& rows, int limit, ItemFrom item_from) {
  Page<decltype(item_from(rows.front()))> page;
  for (const auto& row : rows) page.items.push_back(item_from(row));
  page.has_more = trim_to_limit(page.items, limit);
  return page;
}

}  // namespace poblysh::store
