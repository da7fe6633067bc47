#include "test_store.hpp"

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

}  // namespace poblysh::testing
