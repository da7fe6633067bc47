// store/sqlite: the embedded database (WAL, foreign keys, busy timeout, prepared statements).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace poblysh::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if needed) the file at `path`; `pool_size` connections are shared by
  // the request threads. Throws on failure: this happens only at start-up.
  SqliteDatabase(const std::string& path, std::size_t pool_size);
  ~SqliteDatabase() override;

  Status transaction(const Work& work) override;
  Status read(const Work& work) override;
  Dialect dialect() const override { return Dialect::sqlite; }
  Result<int> migrate() override;
  Status ping() override;

 private:
  class Lease;
  Lease acquire();
  void release(SqliteConnection* connection);

  std::vector<std::unique_ptr<SqliteConnection>> connections_;
  std::vector<SqliteConnection*> idle_;
  std::mutex mutex_;
  std::condition_variable available_;
};

// Parses "sqlite:///abs/path.db", "sqlite://relative/path.db".
Result<std::string> sqlite_path_from_url(const std::string& url);

}  // namespace poblysh::store
