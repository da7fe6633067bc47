// PostgreSQL only: placeholders, URL redaction, serialization retries, and connections the
// server drops (restart, pg_terminate_backend) being replaced without the caller noticing.
#include <atomic>
#include <barrier>
#include <random>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

TEST(PostgresText, PlaceholdersAreNumberedOutsideQuotesAndComments) {
  EXPECT_EQ(number_placeholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(number_placeholders("SELECT '?', 'it''s ?', \"odd?name\", ? -- why?\n, ?"),
            "SELECT '?', 'it''s ?', \"odd?name\", $1 -- why?\n, $2");
  EXPECT_EQ(number_placeholders("LIKE ? ESCAPE '\\' OR x = ?"), "LIKE $1 ESCAPE '\\' OR x = $2");
}

TEST(PostgresText, PasswordsAreRedactedFromUrls) {
  EXPECT_EQ(redact_database_url("postgresql://app:s3cr%40t@db.example:5432/poblysh?sslmode=require"),
            "postgresql://app:***@db.example:5432/poblysh?sslmode=require");
  EXPECT_EQ(redact_database_url("postgres://app@db/poblysh?password=hunter2&sslmode=require"),
            "postgres://app@db/poblysh?password=***&sslmode=require");
  EXPECT_EQ(redact_database_url("postgresql://db.example/poblysh"), "postgresql://db.example/poblysh");
  EXPECT_EQ(redact_database_url("postgresql://app@db.example/poblysh"), "postgresql://app@db.example/poblysh");
}

TEST(PostgresText, AnUnreachableServerFailsAtStartWithoutThePassword) {
  try {
    PostgresDatabase database("postgresql://app:hunter2@127.0.0.1:1/poblysh?connect_timeout=5", 1);
    FAIL() << "connected to port 1";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("postgresql://app:***@127.0.0.1:1/poblysh"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << message;
  }
}

class PostgresConnections : public StoreTest {
 protected:
  void SetUp() override {
    if (!on_postgres()) GTEST_SKIP() << "PostgreSQL only";
    run("CREATE TABLE reconnect_rows (id BIGINT PRIMARY KEY, value BIGINT NOT NULL)");
  }

  // A pool whose sessions can be told apart from every other test's in pg_stat_activity.
  std::unique_ptr<PostgresDatabase> tagged_pool(std::size_t pool_size) {
    return std::make_unique<PostgresDatabase>(url() + "&application_name=" + application_name_, pool_size);
  }

  // The server process ids behind `depth` connections of `database`, leased all at once
  // (nested reads), after one query on each.
  Result<std::set<std::int64_t>> backend_pids(Database& database, int depth) {
    std::set<std::int64_t> pids;
    std::function<Status(int)> lease = [&](int level) -> Status {
      return database.read([&](Connection& connection) -> Status {
        auto row = connection.query_one("SELECT pg_backend_pid()");
        if (!row) return tl::unexpected(row.error());
        pids.insert((*row)->integer(0));
        return level + 1 < depth ? lease(level + 1) : Status{};
      });
    };
    if (auto done = lease(0); !done) return tl::unexpected(done.error());
    return pids;
  }

  // What a server restart or an administrator does to a session; returns once it has ended.
  void terminate(std::int64_t pid) {
    auto ended = read_with(db(), [&](Connection& connection) {
      return connection.query_one("SELECT pg_terminate_backend(CAST(? AS INTEGER), 10000)", {pid});
    });
    ASSERT_TRUE(ended) << ended.error().internal;
    ASSERT_TRUE(ended->has_value() && (*ended)->boolean(0)) << "backend " << pid << " did not end";
  }

  std::string application_name_ = "store_test_" + std::to_string(std::random_device{}());
};

TEST_F(PostgresConnections, SessionsTheServerEndedAreReplacedOnTheNextLease) {
  constexpr int kPool = 3;
  auto pool = tagged_pool(kPool);
  auto before = backend_pids(*pool, kPool);
  ASSERT_TRUE(before) << before.error().internal;
  ASSERT_EQ(before->size(), static_cast<std::size_t>(kPool));
  for (auto pid : *before) terminate(pid);

  // Every pooled connection was dropped, as by a restart: each is reopened, none errs.
  auto after = backend_pids(*pool, kPool);
  ASSERT_TRUE(after) << after.error().internal;
  ASSERT_EQ(after->size(), static_cast<std::size_t>(kPool));
  for (auto pid : *after) EXPECT_EQ(before->count(pid), 0u) << "pid " << pid << " survived its termination";
  EXPECT_TRUE(pool->ping());
  auto written = pool->transaction([](Connection& connection) -> Status {
    auto changed = connection.execute("INSERT INTO reconnect_rows (id, value) VALUES (?, ?)", {std::int64_t{1}, std::int64_t{1}});
    if (!changed) return tl::unexpected(changed.error());
    return {};
  });
  EXPECT_TRUE(written) << written.error().internal;
  EXPECT_EQ(count_rows("reconnect_rows"), 1);
}

TEST_F(PostgresConnections, ATransactionWhoseSessionDiesBeforeCommitRunsAgain) {
  auto pool = tagged_pool(1);
  int attempts = 0;
  auto written = pool->transaction([&](Connection& connection) -> Status {
    ++attempts;
    auto changed = connection.execute("INSERT INTO reconnect_rows (id, value) VALUES (?, ?)",
                                      {std::int64_t{7}, std::int64_t{attempts}});
    if (!changed) return tl::unexpected(changed.error());
    if (attempts == 1) {
      auto pid = connection.query_one("SELECT pg_backend_pid()");
      if (!pid) return tl::unexpected(pid.error());
      terminate((*pid)->integer(0));
      auto after = connection.query_one("SELECT 1");  // the session is gone: this fails
      if (!after) return tl::unexpected(after.error());
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().internal;
  EXPECT_EQ(attempts, 2);
  auto row = read_with(db(), [](Connection& connection) {
    return connection.query("SELECT value FROM reconnect_rows WHERE id = 7");
  });
  ASSERT_TRUE(row) << row.error().internal;
  ASSERT_EQ(row->size(), 1u);  // the first attempt left nothing behind
  EXPECT_EQ(row->front().integer(0), 2);
}

// Two transactions read the same row, then both write it: PostgreSQL lets one commit and
// fails the other with 40001; that one runs again on the new value.
TEST_F(PostgresConnections, ASerializationFailureRunsTheWholeWorkAgain) {
  run("INSERT INTO reconnect_rows (id, value) VALUES (1, 0)");
  auto first = tagged_pool(1);
  auto second = tagged_pool(1);
  std::barrier both_have_read(2);
  std::atomic<int> attempts{0};
  auto increment = [&](Database& database) {
    bool first_attempt = true;
    return database.transaction([&](Connection& connection) -> Status {
      ++attempts;
      auto row = connection.query_one("SELECT value FROM reconnect_rows WHERE id = 1");
      if (!row) return tl::unexpected(row.error());
      if (first_attempt) {
        first_attempt = false;
        both_have_read.arrive_and_wait();
      }
      auto changed = connection.execute("UPDATE reconnect_rows SET value = ? WHERE id = 1", {(*row)->integer(0) + 1});
      if (!changed) return tl::unexpected(changed.error());
      return {};
    });
  };
  Status a_done, b_done;
  std::thread a([&] { a_done = increment(*first); });
  std::thread b([&] { b_done = increment(*second); });
  a.join();
  b.join();
  EXPECT_TRUE(a_done) << a_done.error().internal;
  EXPECT_TRUE(b_done) << b_done.error().internal;
  EXPECT_EQ(attempts.load(), 3);
  auto value = read_with(db(), [](Connection& connection) {
    return connection.query_one("SELECT value FROM reconnect_rows WHERE id = 1");
  });
  ASSERT_TRUE(value && value->has_value());
  EXPECT_EQ((*value)->integer(0), 2);
}

}  // namespace
}  // namespace poblysh::store::conformance
