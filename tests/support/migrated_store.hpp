// Test support: a test of code that works on the store in the test's own process — a fresh,
// migrated database of the current test store (a SQLite file, or a PostgreSQL schema for the
// "pg." copies) and the clock the test moves.
#pragma once

#include <gtest/gtest.h>

#include "core/time.hpp"
#include "manual_clock.hpp"
#include "store/database.hpp"
#include "temp_dir.hpp"
#include "test_store.hpp"

namespace poblysh::testing {

class MigratedStoreTest : public ::testing::Test {
 protected:
  explicit MigratedStoreTest(SystemTime start = from_unix_ms(ManualClock::kDefaultStartMs)) : clock_(start) {}

  // A fixture with more to set up calls this first: ASSERT_NO_FATAL_FAILURE(MigratedStoreTest::SetUp()).
  void SetUp() override { ASSERT_TRUE(db_.migrate()); }

  // The base's members outlive the fixture's own: the repositories and services a test builds
  // over the store go first, the store before its directory.
  TempDir dir_;
  InProcessStore store_{dir_.path() / "store.db", 2};
  store::Database& db_ = store_.database();
  ManualClock clock_;
};

}  // namespace poblysh::testing
