#include "test_store.hpp"

#include <stdexcept>

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace poblysh::testing {

InProcessStore::InProcessStore(const std::filesystem::path& sqlite_file, std::size_t pool_size) : place_(sqlite_file) {
  if (place_.store() == TestStore::postgresql) {
    database_ = std::make_unique<store::PostgresDatabase>(place_.url(), pool_size);
  } else {
    database_ = std::make_unique<store::SqliteDatabase>(sqlite_file.string(), pool_size);
  }
}

InProcessStore::~InProcessStore() = default;

std::unique_ptr<store::Database> open_database(const std::string& url, std::size_t pool_size) {
  if (store::is_postgres_url(url)) return std::make_unique<store::PostgresDatabase>(url, pool_size);
  auto path = store::sqlite_path_from_url(url);
  if (!path) throw std::invalid_argument("not a database URL: " + url);
  return std::make_unique<store::SqliteDatabase>(*path, pool_size);
}

}  // namespace poblysh::testing
