// SqliteChangeCounter: moves on every commit to the file (ours, or another connection's), not on reads.
#include "store/sqlite/change_counter.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <vector>

#include "sqlite_file.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace poblysh::store {
namespace {

class ChangeCounterTest : public testing::SqliteFileTest {
 protected:
  void SetUp() override {
    db_ = std::make_unique<SqliteDatabase>(path_, 2);
    ASSERT_NO_FATAL_FAILURE(create_tables(*db_, {"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"}));
    counter_ = std::make_unique<SqliteChangeCounter>(path_);
  }

  std::uint64_t current() {
    auto value = counter_->value();
    EXPECT_TRUE(value.has_value());
    return value.value_or(0);
  }

  Status insert(const std::string& text) { return execute(*db_, "INSERT INTO notes (text) VALUES (?)", {text}); }

  std::unique_ptr<SqliteDatabase> db_;
  std::unique_ptr<SqliteChangeCounter> counter_;  // after db_: closed before it
};

TEST_F(ChangeCounterTest, StaysPutWhileNothingIsCommitted) {
  const auto before = current();
  EXPECT_EQ(current(), before);
  ASSERT_TRUE(db_->read([](Connection& c) -> Status {
    if (auto rows = c.query("SELECT count(*) FROM notes"); !rows) return tl::unexpected(rows.error());
    return {};
  }));
  EXPECT_EQ(current(), before);
}

TEST_F(ChangeCounterTest, MovesOnEveryCommitOfThisProcess) {
  auto last = current();
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(insert("note " + std::to_string(i)));
    const auto now = current();
    EXPECT_NE(now, last);
    last = now;
  }
}

TEST_F(ChangeCounterTest, DoesNotMoveOnARolledBackTransaction) {
  const auto before = current();
  auto failed = db_->transaction([](Connection& c) -> Status {
    if (auto done = c.execute("INSERT INTO notes (text) VALUES ('kept?')"); !done) return tl::unexpected(done.error());
    return fail(ErrorCode::conflict, "changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(current(), before);
}

TEST_F(ChangeCounterTest, MovesWhenAnotherConnectionCommits) {
  // As another process would (the CLI, a second service on the same file): its own handle.
  const auto before = current();
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &other, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "INSERT INTO notes (text) VALUES ('from elsewhere')", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(other);
  EXPECT_NE(current(), before);
}

TEST_F(ChangeCounterTest, ReadsTheWalIndexHeaderOfAWalDatabase) {
  // The fast path: without it every call would begin a read transaction (still correct).
  EXPECT_TRUE(counter_->reads_wal_index());
}

// While a process uses a WAL database, SQLite holds a shared lock on the -shm file's "dead man
// switch" byte (128: os_unix.c, UNIX_SHM_DMS); a process opening the database that can lock it
// exclusively takes the index for abandoned and truncates it. POSIX drops every lock a process
// holds on a file when it closes any descriptor of that file, so the counter must never open
// and close the -shm itself: it once did, and the `calcom sync` command, started while the
// service ran, truncated the index under the service's writer (SIGBUS).
TEST_F(ChangeCounterTest, LeavesSqliteItsLockOnTheWalIndex) {
  ASSERT_TRUE(insert("before"));
  ASSERT_TRUE(counter_->value().has_value());
  const std::string shm = path_ + "-shm";
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // another process, as the command line is: only async-signal-safe calls
    const int fd = ::open(shm.c_str(), O_RDWR);
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = 128;
    probe.l_len = 1;
    if (fd < 0 || ::fcntl(fd, F_GETLK, &probe) != 0) ::_exit(2);
    ::_exit(probe.l_type == F_UNLCK ? 1 : 0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "no process holds the WAL index's lock: another one would start it afresh";
  EXPECT_TRUE(insert("after"));
}

TEST_F(ChangeCounterTest, AsksSqliteWhenTheFileIsNotInWalMode) {
  const auto plain = (dir_.path() / "plain.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(plain.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr), SQLITE_OK);
  SqliteChangeCounter counter(plain);
  EXPECT_FALSE(counter.reads_wal_index());
  const auto before = counter.value();
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(counter.value(), before);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO t VALUES (1)", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_GT(counter.value().value_or(0), *before);
  sqlite3_close(db);
}

TEST_F(ChangeCounterTest, AValueTakenAfterACommitIsGreaterThanAnyTakenBeforeItWhileOthersRead) {
  // Readers hammer the counter (racing on what was seen last) while commits land; each commit
  // is bracketed by the writer's own calls.
  std::atomic<bool> stop{false};
  std::vector<std::thread> readers;
  std::atomic<std::uint64_t> highest_before{0};
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!stop) (void)counter_->value();
    });
  }
  for (int i = 0; i < 200; ++i) {
    const auto before = current();
    ASSERT_TRUE(insert("concurrent " + std::to_string(i)));
    const auto after = current();
    EXPECT_GT(after, before) << "commit " << i;
    EXPECT_GE(after, highest_before.load());
    highest_before = after;
  }
  stop = true;
  for (auto& reader : readers) reader.join();
}

TEST_F(ChangeCounterTest, RefusesAFileThatDoesNotExist) {
  EXPECT_THROW(SqliteChangeCounter((dir_.path() / "missing.db").string()), std::runtime_error);
}

}  // namespace
}  // namespace poblysh::store
