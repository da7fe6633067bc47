// tests/store: a fresh database of the current test store (SQLite file, or a PostgreSQL schema
// for the "pg." copies), and more pools on it, as further service instances would hold.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "temp_dir.hpp"
#include "test_store.hpp"

namespace poblysh::store::conformance {

using poblysh::testing::TempDir;

class StoreTest : public ::testing::Test {
 protected:
  StoreTest() : store_(dir_.path() / "store.db", 2) {}

  Database& db() { return store_.database(); }
  bool on_postgres() const { return store_.dialect() == Dialect::postgresql; }
  const std::string& url() const { return store_.url(); }

  // Another pool on the same database, as a second instance of the service holds.
  std::unique_ptr<Database> another_instance(std::size_t pool_size) {
    if (on_postgres()) return std::make_unique<PostgresDatabase>(url(), pool_size);
    return std::make_unique<SqliteDatabase>(*sqlite_path_from_url(url()), pool_size);
  }

  // Runs one statement in its own transaction; fails the test when it does.
  void run(const std::string& sql, const std::vector<Value>& params = {}) {
    auto done = db().transaction([&](Connection& connection) -> Status {
      auto changed = connection.execute(sql, params);
      if (!changed) return tl::unexpected(changed.error());
      return {};
    });
    ASSERT_TRUE(done) << sql << ": " << done.error().internal;
  }

  std::int64_t count_rows(const std::string& table) {
    auto rows = read_with(db(), [&](Connection& connection) { return connection.query("SELECT COUNT(*) FROM " + table); });
    EXPECT_TRUE(rows) << rows.error().internal;
    return rows && !rows->empty() ? rows->front().integer(0) : -1;
  }

 private:
  TempDir dir_;  // first: removed after the store is closed
  ::poblysh::testing::InProcessStore store_;
};

}  // namespace poblysh::store::conformance
