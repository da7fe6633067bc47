// tests/fault/multi_instance: reads the shared PostgreSQL schema directly (libpq), to check
// what both instances recorded together.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace poblysh::testing {

class PgQuery {
 public:
  explicit PgQuery(const std::string& url);  // throws when it cannot connect
  ~PgQuery();
  PgQuery(const PgQuery&) = delete;
  PgQuery& operator=(const PgQuery&) = delete;

  // Every row as text (NULL reads as ""); throws on an SQL error.
  std::vector<std::vector<std::string>> rows(const std::string& sql);
  // The first column of the first row as a number.
  std::int64_t number(const std::string& sql);

 private:
  void* connection_;
};

}  // namespace poblysh::testing
