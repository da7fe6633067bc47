// Test support: a SQLite file of the test's own in a fresh directory, for the tests of the SQLite
// store's machinery (group commit, WAL, the change counter) that need the file itself.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/database.hpp"
#include "temp_dir.hpp"

namespace poblysh::testing {

class SqliteFileTest : public ::testing::Test {
 protected:
  // Runs `statements` (the tables a test writes to) in one transaction; the test fails if one does.
  static void create_tables(store::Database& db, std::initializer_list<const char*> statements) {
    ASSERT_TRUE(db.transaction([&](store::Connection& c) -> Status {
      for (const char* statement : statements) RETURN_IF_ERROR(c.execute(statement));
      return {};
    }));
  }
  // One statement in a transaction of its own.
  static Status execute(store::Database& db, std::string_view sql, const std::vector<store::Value>& params = {}) {
    return db.transaction([&](store::Connection& c) -> Status {
      RETURN_IF_ERROR(c.execute(sql, params));
      return {};
    });
  }

  TempDir dir_;  // first: removed after everything a test opened in it is closed
  const std::string path_ = (dir_.path() / "store.db").string();
};

}  // namespace poblysh::testing
