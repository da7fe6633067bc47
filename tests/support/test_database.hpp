// Test support: the store a test runs on. POBLYSH_TEST_STORE=postgresql (set by CTest for the
// "pg." copies of the integration tests) selects PostgreSQL, otherwise SQLite.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace poblysh::testing {

enum class TestStore { sqlite, postgresql };

// From POBLYSH_TEST_STORE: unset or "sqlite", or "postgresql"; anything else throws.
TestStore current_test_store();

// The test server's URL (postgresql://poblysh@127.0.0.1:PORT/poblysh_test), read from the file
// the CTest fixture `postgres` writes (POBLYSH_TEST_PG_URL_FILE overrides where it is).
std::string test_postgres_url();

// A fresh, uniquely named schema in the test server's database, dropped (CASCADE) with the
// object. Whatever connects through url() works in it alone.
class PostgresSchema {
 public:
  PostgresSchema();
  ~PostgresSchema();
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  const std::string& name() const { return name_; }
  // The server's URL with ?options=-csearch_path%3D<schema>, passed to libpq unchanged.
  const std::string& url() const { return url_; }

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
};

// A fresh empty database for the current test store: the SQLite file `sqlite_file`, or a
// PostgresSchema. Lives as long as the object (the SQLite file belongs to the caller's dir).
class TestDatabase {
 public:
  explicit TestDatabase(const std::filesystem::path& sqlite_file);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  TestStore store() const { return store_; }
  // The service's POBLYSH_DATABASE_URL.
  const std::string& url() const { return url_; }

 private:
  TestStore store_;
  std::unique_ptr<PostgresSchema> schema_;
  std::string url_;
};

}  // namespace poblysh::testing
