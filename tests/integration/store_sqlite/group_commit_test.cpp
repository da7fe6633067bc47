// Group commit in SqliteDatabase::transaction: callers that arrive together share one COMMIT,
// yet each sees its own writes, fails alone, and returns only once its work is on disk.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sqlite_file.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace poblysh::store {
namespace {

using namespace std::chrono_literals;

class GroupCommitTest : public testing::SqliteFileTest {
 protected:
  void SetUp() override {
    db_ = std::make_unique<SqliteDatabase>(path_, 2);
    ASSERT_NO_FATAL_FAILURE(
        create_tables(*db_, {"CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT NOT NULL UNIQUE)",
                             // Deferred: only COMMIT checks it, so one bad member makes the shared COMMIT fail.
                             "CREATE TABLE parents (id INTEGER PRIMARY KEY)",
                             "CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
                             "REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)"}));
  }

  static Status insert(Connection& c, const std::string& owner) {
    RETURN_IF_ERROR(c.execute("INSERT INTO notes (owner) VALUES (?)", {owner}));
    return {};
  }

  // Counted through a connection of its own: what any other process would see on disk.
  std::int64_t count_elsewhere(const std::string& where) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    const std::string sql = "SELECT count(*) FROM notes WHERE " + where;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql.c_str(), -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    std::int64_t count = -1;
    if (sqlite3_step(statement) == SQLITE_ROW) count = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    sqlite3_close(raw);
    return count;
  }

  // Holds the write transaction with a first work until `queued` more callers wait behind it,
  // so they are sure to form one batch together once it lets go.
  std::thread lead_until_queued(std::size_t queued, const std::string& owner = "leader") {
    std::atomic<bool> started{false};
    std::thread leader([this, queued, owner, &started] {
      auto status = db_->transaction([&](Connection& c) -> Status {
        started = true;
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (db_->waiting_transactions() < queued && std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(1ms);
        }
        // Else the callers meant to queue behind it did not (one of them waited elsewhere).
        EXPECT_GE(db_->waiting_transactions(), queued);
        return insert(c, owner);
      });
      EXPECT_TRUE(status) << status.error().internal;
    });
    while (!started) std::this_thread::sleep_for(1ms);
    return leader;
  }

  // Collects the outcomes of transaction_async by name, and whether each was on disk when told.
  struct Outcomes {
    std::mutex mutex;
    std::condition_variable arrived;
    std::map<std::string, Status> status;
    std::map<std::string, std::int64_t> on_disk_when_told;

    bool wait_for(std::size_t count) {
      std::unique_lock lock(mutex);
      return arrived.wait_for(lock, 10s, [&] { return status.size() >= count; });
    }
  };
  void submit_async(Outcomes& outcomes, const std::string& owner, bool fails = false) {
    db_->transaction_async(
        [owner, fails](Connection& c) -> Status {
          if (auto inserted = insert(c, owner); !inserted) return inserted;
          if (fails) return fail(ErrorCode::conflict, "This member changes its mind.");
          return {};
        },
        [this, &outcomes, owner](Status status) {
          const auto on_disk = count_elsewhere("owner = '" + owner + "'");
          std::lock_guard lock(outcomes.mutex);
          outcomes.status.emplace(owner, std::move(status));
          outcomes.on_disk_when_told.emplace(owner, on_disk);
          outcomes.arrived.notify_all();
        });
  }

  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(GroupCommitTest, AloneItCommitsBeforeReturningAndSeesItsOwnWrites) {
  std::int64_t seen = 0;
  std::thread::id ran_on;
  auto status = db_->transaction([&](Connection& c) -> Status {
    ran_on = std::this_thread::get_id();
    if (auto inserted = insert(c, "solo"); !inserted) return inserted;
    auto count = c.query_one("SELECT count(*) FROM notes WHERE owner = 'solo'");
    if (!count) return tl::unexpected(count.error());
    seen = (*count)->integer(0);
    return {};
  });
  ASSERT_TRUE(status) << status.error().internal;
  EXPECT_EQ(seen, 1);
  EXPECT_EQ(count_elsewhere("owner = 'solo'"), 1);
  // Nobody else queued: it ran here, not handed to the writer thread and back.
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST_F(GroupCommitTest, ConcurrentCallersAllCommitBeforeReturning) {
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string owner = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto status = db_->transaction([&](Connection& c) { return insert(c, owner); });
        if (!status) ++failures;
        // Committed before returning: another connection sees it at once.
        else if (count_elsewhere("owner = '" + owner + "'") != 1)
          ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(count_elsewhere("1 = 1"), kThreads * kEach);
}

TEST_F(GroupCommitTest, AFailingMemberIsRolledBackAloneAndAThrowingOneRethrowsInItsOwnThread) {
  auto leader = lead_until_queued(4);
  Status good, failing, own_writes;
  bool threw = false;
  std::int64_t seen_by_own_writes = 0;
  std::vector<std::thread> members;
  members.emplace_back([&] { good = db_->transaction([](Connection& c) { return insert(c, "good"); }); });
  members.emplace_back([&] {
    failing = db_->transaction([](Connection& c) -> Status {
      if (auto inserted = insert(c, "failing"); !inserted) return inserted;
      return fail(ErrorCode::conflict, "This member changes its mind.");
    });
  });
  members.emplace_back([&] {
    try {
      (void)db_->transaction([](Connection& c) -> Status {
        (void)insert(c, "throwing");
        throw std::runtime_error("a bug in one member");
      });
    } catch (const std::runtime_error&) {
      threw = true;
    }
  });
  members.emplace_back([&] {
    own_writes = db_->transaction([&](Connection& c) -> Status {
      if (auto inserted = insert(c, "reader"); !inserted) return inserted;
      auto count = c.query_one("SELECT count(*) FROM notes WHERE owner IN ('reader', 'failing', 'throwing')");
      if (!count) return tl::unexpected(count.error());
      seen_by_own_writes = (*count)->integer(0);  // its own row; never a failed member's
      return {};
    });
  });
  for (auto& member : members) member.join();
  leader.join();
  EXPECT_TRUE(good);
  ASSERT_FALSE(failing);
  EXPECT_EQ(failing.error().code, ErrorCode::conflict);
  EXPECT_TRUE(threw);
  EXPECT_TRUE(own_writes);
  EXPECT_EQ(seen_by_own_writes, 1);
  EXPECT_EQ(count_elsewhere("owner IN ('leader', 'good', 'reader')"), 3);
  EXPECT_EQ(count_elsewhere("owner IN ('failing', 'throwing')"), 0);
}

TEST_F(GroupCommitTest, AFailedCommitFailsEveryMemberItCarried) {
  auto leader = lead_until_queued(2);
  Status innocent, violating;
  std::thread first([&] { innocent = db_->transaction([](Connection& c) { return insert(c, "innocent"); }); });
  std::thread second([&] {
    violating = db_->transaction([](Connection& c) -> Status {
      auto inserted = c.execute("INSERT INTO children (parent_id) VALUES (42)");  // no parent 42: COMMIT refuses
      if (!inserted) return tl::unexpected(inserted.error());
      return {};
    });
  });
  first.join();
  second.join();
  leader.join();
  ASSERT_FALSE(innocent);
  ASSERT_FALSE(violating);
  EXPECT_EQ(count_elsewhere("owner = 'innocent'"), 0);
  // The connection is usable again: nothing was left open.
  EXPECT_TRUE(db_->transaction([](Connection& c) { return insert(c, "after"); }));
  EXPECT_EQ(count_elsewhere("owner = 'after'"), 1);
}

TEST_F(GroupCommitTest, ALockHeldPastTheBusyTimeoutFailsTheQueuedCallersTooNotOneTimeoutEach) {
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  constexpr int kCallers = 4;
  std::vector<Status> outcomes(kCallers);
  std::vector<std::thread> callers;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] {
      std::this_thread::sleep_for(std::chrono::milliseconds(50 * i));  // staggered: some queue behind the first
      outcomes[static_cast<std::size_t>(i)] =
          db_->transaction([i](Connection& c) { return insert(c, "locked-" + std::to_string(i)); });
    });
  }
  for (auto& caller : callers) caller.join();
  const auto waited = std::chrono::steady_clock::now() - started;
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  for (const auto& outcome : outcomes) {
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, ErrorCode::upstream_unavailable);
  }
  EXPECT_LT(waited, 9s) << "each batch waited a busy timeout (5 s) of its own";
  EXPECT_EQ(count_elsewhere("owner LIKE 'locked-%'"), 0);
  EXPECT_TRUE(db_->transaction([](Connection& c) { return insert(c, "after"); }));
}

TEST_F(GroupCommitTest, ANestedTransactionIsAnErrorNotADeadlock) {
  Status inner;
  auto outer = db_->transaction([&](Connection& c) -> Status {
    inner = db_->transaction([](Connection& nested) { return insert(nested, "nested"); });
    return insert(c, "outer");
  });
  EXPECT_TRUE(outer);
  ASSERT_FALSE(inner);
  EXPECT_EQ(inner.error().code, ErrorCode::internal);
  EXPECT_EQ(count_elsewhere("owner = 'outer'"), 1);
}

TEST_F(GroupCommitTest, AsyncCallersDoNotWaitAndHearTheirOwnOutcomeOnlyOnceItIsOnDisk) {
  // The leader holds the writer until three works are queued: were transaction_async to wait
  // for its commit, this thread could not queue the second and the leader would time out.
  auto leader = lead_until_queued(3);
  Outcomes outcomes;
  submit_async(outcomes, "async-a");
  submit_async(outcomes, "async-failing", /*fails=*/true);
  submit_async(outcomes, "async-b");
  ASSERT_TRUE(outcomes.wait_for(3));
  leader.join();
  EXPECT_TRUE(outcomes.status["async-a"]);
  EXPECT_TRUE(outcomes.status["async-b"]);
  ASSERT_FALSE(outcomes.status["async-failing"]);
  EXPECT_EQ(outcomes.status["async-failing"].error().code, ErrorCode::conflict);
  EXPECT_EQ(outcomes.on_disk_when_told["async-a"], 1);
  EXPECT_EQ(outcomes.on_disk_when_told["async-b"], 1);
  EXPECT_EQ(count_elsewhere("owner = 'async-failing'"), 0);
}

TEST_F(GroupCommitTest, AnAsyncCallbackMayQueueMoreWorkButMayNotWaitForIt) {
  Outcomes outcomes;
  Status waited;
  std::atomic<bool> told{false};
  db_->transaction_async([](Connection& c) { return insert(c, "first"); },
                         [&](Status status) {
                           ASSERT_TRUE(status);
                           waited = db_->transaction([](Connection& c) { return insert(c, "waited"); });
                           submit_async(outcomes, "chained");
                           told = true;
                         });
  ASSERT_TRUE(outcomes.wait_for(1));
  EXPECT_TRUE(told);
  EXPECT_TRUE(outcomes.status["chained"]);
  EXPECT_EQ(outcomes.on_disk_when_told["chained"], 1);
  ASSERT_FALSE(waited);  // the writer thread would wait for itself: an error, not a deadlock
  EXPECT_EQ(waited.error().code, ErrorCode::internal);
  EXPECT_EQ(count_elsewhere("owner = 'waited'"), 0);
}

TEST_F(GroupCommitTest, ClosingTheDatabaseRunsWhatIsQueuedFirst) {
  Outcomes outcomes;
  std::atomic<bool> slow_started{false};
  db_->transaction_async(
      [&](Connection& c) {
        slow_started = true;
        std::this_thread::sleep_for(100ms);  // the five below queue up behind it
        return insert(c, "slow");
      },
      [](Status) {});
  while (!slow_started) std::this_thread::sleep_for(1ms);
  for (int i = 0; i < 5; ++i) submit_async(outcomes, "queued-" + std::to_string(i));
  EXPECT_EQ(db_->waiting_transactions(), 5u);
  db_.reset();
  ASSERT_TRUE(outcomes.wait_for(5));
  for (const auto& [owner, status] : outcomes.status) EXPECT_TRUE(status) << owner;
  EXPECT_EQ(count_elsewhere("owner LIKE 'queued-%' OR owner = 'slow'"), 6);
}

}  // namespace
}  // namespace poblysh::store
