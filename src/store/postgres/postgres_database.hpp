// store/postgres: the shared database for several instances (libpq, a pool of connections,
// prepared statements, SERIALIZABLE transactions retried on serialization failures).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/connection_pool.hpp"
#include "store/database.hpp"

namespace poblysh::store {

class PostgresConnection;

class PostgresDatabase final : public Database {
 public:
  // `url` goes to libpq unchanged (postgresql://user:pass@host:port/db?options=...). Opens
  // `pool_size` connections; throws on failure (start-up only), with the password redacted.
  PostgresDatabase(const std::string& url, std::size_t pool_size);
  ~PostgresDatabase() override;

  // SERIALIZABLE; the whole of `work` runs again (a few times, with a short random pause) when
  // PostgreSQL reports a serialization failure or deadlock, or the connection was lost before
  // COMMIT; from the third try on it runs alone (an advisory lock all transactions hold
  // shared). `work` must therefore have no effect outside the connection, and must not start
  // another transaction (that one could wait for the gate held by its caller's).
  Status transaction(const Work& work) override;
  Status read(const Work& work) override;
  Dialect dialect() const override { return Dialect::postgresql; }
  // Under an advisory lock, so instances starting together apply each migration once.
  Result<int> migrate() override;

 private:
  ConnectionPool<PostgresConnection> pool_;
};

bool is_postgres_url(std::string_view url);

// The URL with its password (in the user-info part or a password= parameter) replaced by
// "***", fit for logs and error messages.
std::string redact_database_url(std::string_view url);

// "?" placeholders to "$1", "$2"…, leaving quoted literals and identifiers alone.
std::string number_placeholders(std::string_view sql);

}  // namespace poblysh::store
