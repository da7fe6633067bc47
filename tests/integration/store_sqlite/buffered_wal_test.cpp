// The buffered-WAL VFS (SqliteDatabase's connections): a commit's frames reach the WAL file
// before the commit returns, so a connection of the default VFS (another process, the
// checkpointer) reads every committed row — small commits, a transaction larger than the
// buffer, and commits after the WAL was emptied and restarts from its beginning.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "sqlite_file.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace poblysh::store {
namespace {

namespace fs = std::filesystem;

class BufferedWalTest : public testing::SqliteFileTest {
 protected:
  void SetUp() override {
    db_ = std::make_unique<SqliteDatabase>(path_, 2);
    ASSERT_NO_FATAL_FAILURE(create_tables(*db_, {"CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"}));
    // The default VFS, as another process would open the file.
    ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &other_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
    sqlite3_busy_timeout(other_, 5000);
  }
  void TearDown() override {
    sqlite3_close(other_);
    db_.reset();
  }

  void insert(int count, std::size_t payload_bytes) {
    const std::string payload(payload_bytes, 'p');
    ASSERT_TRUE(db_->transaction([&](Connection& c) -> Status {
      for (int i = 0; i < count; ++i) RETURN_IF_ERROR(c.execute("INSERT INTO rows (payload) VALUES (?)", {payload}));
      return {};
    }));
  }

  // Rows and payload bytes as the other connection reads them; -1 on any error.
  std::pair<std::int64_t, std::int64_t> seen_by_other() {
    sqlite3_stmt* statement = nullptr;
    std::pair<std::int64_t, std::int64_t> seen{-1, -1};
    if (sqlite3_prepare_v2(other_, "SELECT count(*), coalesce(sum(length(payload)), 0) FROM rows", -1, &statement,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      seen = {sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1)};
    }
    sqlite3_finalize(statement);
    return seen;
  }

  std::string other_pragma(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    std::string out = "error";
    if (sqlite3_prepare_v2(other_, sql, -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return out;
  }

  std::unique_ptr<SqliteDatabase> db_;
  sqlite3* other_ = nullptr;
};

TEST_F(BufferedWalTest, EveryCommitIsReadableByAnotherConnectionOnceItReturns) {
  std::int64_t rows = 0, bytes = 0;
  for (int commit = 1; commit <= 120; ++commit) {
    const int count = 1 + commit % 7;
    const std::size_t size = 100 + static_cast<std::size_t>(commit) * 97 % 9000;  // some rows overflow a page
    insert(count, size);
    rows += count;
    bytes += count * static_cast<std::int64_t>(size);
    ASSERT_EQ(seen_by_other(), std::make_pair(rows, bytes)) << "after commit " << commit;
  }
  EXPECT_EQ(other_pragma("PRAGMA integrity_check"), "ok");
}

TEST_F(BufferedWalTest, ATransactionLargerThanTheBufferAndTheCacheCommitsWhole) {
  // ~12 MB in one transaction: past the 4 MiB buffer and the 2 MB page cache, so SQLite
  // writes frames before the commit, may rewrite them and reads some back.
  insert(3000, 4000);
  EXPECT_EQ(seen_by_other(), std::make_pair(std::int64_t{3000}, std::int64_t{3000} * 4000));
  EXPECT_EQ(other_pragma("PRAGMA integrity_check"), "ok");
}

TEST_F(BufferedWalTest, CommitsAfterTheWalWasEmptiedAreReadableToo) {
  insert(50, 3000);
  // Emptied by another connection: the next commit writes the WAL from its first byte again.
  for (int attempt = 0; attempt < 50 && fs::file_size(path_ + "-wal") > 0; ++attempt) {
    ASSERT_NE(other_pragma("PRAGMA wal_checkpoint(TRUNCATE)"), "error");
  }
  ASSERT_EQ(fs::file_size(path_ + "-wal"), 0U);
  for (int commit = 0; commit < 20; ++commit) insert(3, 2000);
  EXPECT_EQ(seen_by_other(), std::make_pair(std::int64_t{110}, std::int64_t{50} * 3000 + 60 * 2000));
  EXPECT_EQ(other_pragma("PRAGMA integrity_check"), "ok");
}

TEST_F(BufferedWalTest, AReaderWhileCommitsArriveNeverSeesAHalfWrittenOne) {
  std::atomic<bool> writing{true};
  std::atomic<int> bad_reads{0};
  std::thread reader([&] {
    std::int64_t last = 0;
    while (writing) {
      const auto [rows, bytes] = seen_by_other();
      // Every row is 1,500 bytes, and counts only grow.
      if (rows < last || bytes != rows * 1500) ++bad_reads;
      last = std::max(last, rows);
    }
  });
  for (int commit = 0; commit < 300; ++commit) insert(1 + commit % 4, 1500);
  writing = false;
  reader.join();
  EXPECT_EQ(bad_reads, 0);
}

}  // namespace
}  // namespace poblysh::store
