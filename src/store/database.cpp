#include "store/database.hpp"

namespace poblysh::store {

bool Row::is_null(std::size_t column) const { return std::holds_alternative<std::monostate>(values_.at(column)); }

std::int64_t Row::integer(std::size_t column) const {
  const auto& value = values_.at(column);
  if (auto integer_value = std::get_if<std::int64_t>(&value)) return *integer_value;
  if (auto real_value = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real_value);
  if (auto text_value = std::get_if<std::string>(&value)) return std::stoll(*text_value);
  return 0;
}

double Row::real(std::size_t column) const {
  const auto& value = values_.at(column);
  if (auto real_value = std::get_if<double>(&value)) return *real_value;
  if (auto integer_value = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer_value);
  if (auto text_value = std::get_if<std::string>(&value)) return std::stod(*text_value);
  return 0;
}

std::string Row::text(std::size_t column) const {
  const auto& value = values_.at(column);
  if (auto text_value = std::get_if<std::string>(&value)) return *text_value;
  if (auto integer_value = std::get_if<std::int64_t>(&value)) return std::to_string(*integer_value);
  if (auto real_value = std::get_if<double>(&value)) return std::to_string(*real_value);
  return {};
}

std::optional<std::int64_t> Row::optional_integer(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

std::optional<std::string> Row::optional_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Result<std::optional<Row>> Connection::query_one(std::string_view sql, const std::vector<Value>& params) {
  ASSIGN_OR_RETURN(auto rows, query(sql, params));
  if (rows.empty()) return std::optional<Row>{};
  return std::optional<Row>(std::move(rows.front()));
}

Status Database::ping() {
  return read([](Connection& connection) -> Status {
    RETURN_IF_ERROR(connection.query("SELECT 1"));
    return {};
  });
}

}  // namespace poblysh::store
