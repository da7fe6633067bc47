// Test support: the store opened in the test's own process, for tests that drive repositories
// directly — a fresh database of the current test store (test_database.hpp), not yet migrated.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

#include "store/database.hpp"
#include "test_database.hpp"

namespace poblysh::testing {

class InProcessStore {
 public:
  // `sqlite_file` is used when the current store is SQLite; `pool_size` connections either way.
  InProcessStore(const std::filesystem::path& sqlite_file, std::size_t pool_size);
  ~InProcessStore();
  InProcessStore(const InProcessStore&) = delete;
  InProcessStore& operator=(const InProcessStore&) = delete;

  store::Database& database() { return *database_; }
  store::Dialect dialect() const { return database_->dialect(); }
  const std::string& url() const { return place_.url(); }

 private:
  TestDatabase place_;  // first: outlives the connections to it
  std::unique_ptr<store::Database> database_;
};

// Connections of this process's own to the database at `url` (an InProcessStore's, or a
// service's POBLYSH_DATABASE_URL): another instance, as far as the store can tell.
std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t pool_size);

}  // namespace poblysh::testing
