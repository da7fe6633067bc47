// WAL checkpoints run on SqliteDatabase's own thread, never inside a commit: the WAL grows past
// SQLite's auto-checkpoint threshold when the thread is told to wait, is copied into the
// database file once it passes ours, and is emptied when it gets too large.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "sqlite_file.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace poblysh::store {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::int64_t kPage = 4096;  // SQLite's default page size, which these files use

class WalCheckpointTest : public testing::SqliteFileTest {
 protected:
  std::unique_ptr<SqliteDatabase> open(CheckpointOptions options) {
    auto db = std::make_unique<SqliteDatabase>(path_, 2, SqliteDatabase::kMaxBatch, options);
    create_tables(*db, {"CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"});
    return db;
  }

  // One transaction per row of about four pages (the row's and its overflow pages).
  static void write_pages(SqliteDatabase& db, int pages) {
    const std::string payload(static_cast<std::size_t>(kPage) * 7 / 2, 'x');
    for (int i = 0; i < pages / 4; ++i) {
      ASSERT_TRUE(execute(db, "INSERT INTO blobs (payload) VALUES (?)", {payload}));
    }
  }

  std::int64_t bytes(const std::string& file) const {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    return error ? 0 : static_cast<std::int64_t>(size);
  }
  std::int64_t wal_bytes() const { return bytes(path_ + "-wal"); }
  // Pages reach the database file only through a checkpoint.
  std::int64_t database_bytes() const { return bytes(path_); }

  template <typename Condition>
  static bool eventually(Condition condition) {
    for (auto deadline = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < deadline;
         std::this_thread::sleep_for(5ms)) {
      if (condition()) return true;
    }
    return condition();
  }
};

TEST_F(WalCheckpointTest, CommitsNeverCheckpoint) {
  // Thresholds out of reach: nobody checkpoints, so the WAL keeps every frame, well past the
  // 1000 pages at which SQLite's auto-checkpoint would have copied it back inside a commit.
  auto db = open({1'000'000, std::int64_t{1} << 40});
  write_pages(*db, 1400);
  EXPECT_GT(wal_bytes(), 1200 * kPage);
  EXPECT_LT(database_bytes(), 10 * kPage);
  const auto counts = db->checkpoints();
  EXPECT_EQ(counts.passive + counts.truncate, 0);
}

TEST_F(WalCheckpointTest, TheThreadCopiesTheWalIntoTheDatabaseAsItGrows) {
  auto db = open({100, std::int64_t{1} << 40});
  write_pages(*db, 1400);
  // Copied into the database file as it went, all but the last few frames (fewer than the
  // threshold, left for the next checkpoint).
  EXPECT_TRUE(eventually([&] { return database_bytes() > 1200 * kPage; })) << database_bytes();
  EXPECT_GT(db->checkpoints().passive, 0);
  EXPECT_EQ(db->checkpoints().truncate, 0);
}

TEST_F(WalCheckpointTest, ALargeWalIsEmptied) {
  auto db = open({1'000'000, 200 * kPage});
  write_pages(*db, 400);
  EXPECT_TRUE(eventually([&] { return db->checkpoints().truncate > 0; }));
  EXPECT_TRUE(eventually([&] { return wal_bytes() < 250 * kPage; }));  // 200 frames and their headers
  db.reset();                                                          // stops the thread; the data is all there
  auto again = open({});
  auto count = read_with(*again, [](Connection& c) { return c.query_one("SELECT count(*) FROM blobs"); });
  ASSERT_TRUE(count && *count);
  EXPECT_EQ((**count).integer(0), 100);
}

}  // namespace
}  // namespace poblysh::store
