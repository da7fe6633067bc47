// The store's contract, run alike on SQLite and on PostgreSQL: what
// repositories may rely on.
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <latch>
#include <limits>
#include <map>
#include <regex>
#include <stdexcept>
#include <thread>

#include "store/migrations.hpp"
#include "store_fixture.hpp"

namespace poblysh::store::conformance {
namespace {

class StoreConformance : public StoreTest {
 protected:
  void SetUp() override {
    run("CREATE TABLE conformance_values (id BIGINT PRIMARY KEY, whole BIGINT, "
        "real_number DOUBLE PRECISION, words TEXT)");
    run("CREATE TABLE conformance_keys (name TEXT PRIMARY KEY)");
    run("CREATE TABLE conformance_children (id BIGINT PRIMARY KEY, parent TEXT "
        "NOT NULL REFERENCES conformance_keys (name))");
    run("CREATE TABLE conformance_counter (id BIGINT PRIMARY KEY, value BIGINT "
        "NOT NULL)");
  }

  Status insert_key(Database& database, const std::string& name) {
    return database.transaction([&](Connection& connection) -> Status {
      RETURN_IF_ERROR(connection.execute("INSERT INTO conformance_keys (name) VALUES (?)", {name}));
      return {};
    });
  }
};

// A second connection to the test's SQLite file, as a process of an earlier version holds it
// while this one migrates: its schema is what the migrations before one named step made.
class EarlierSqlite {
 public:
  explicit EarlierSqlite(const std::string& url) {
    EXPECT_EQ(sqlite3_open(sqlite_path_from_url(url)->c_str(), &db_), SQLITE_OK);
  }
  ~EarlierSqlite() { sqlite3_close(db_); }
  EarlierSqlite(const EarlierSqlite&) = delete;
  EarlierSqlite& operator=(const EarlierSqlite&) = delete;

  sqlite3* handle() const { return db_; }

  // Empty when `sql` ran, else SQLite's message.
  std::string exec(const std::string& sql) {
    char* message = nullptr;
    const int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    return code == SQLITE_OK ? std::string() : text.empty() ? "error " + std::to_string(code) : text;
  }

  // Applies, and records as applied, every migration before `name`.
  void migrate_before(std::string_view name) {
    const auto& all = migrations();
    const auto step = std::find_if(all.begin(), all.end(), [&](const Migration& m) { return m.name == name; });
    ASSERT_NE(step, all.end()) << name;
    ASSERT_EQ(exec("PRAGMA journal_mode=WAL; " + std::string(kSchemaVersionTable)), "");
    for (auto migration = all.begin(); migration != step; ++migration) {
      std::string script = render_migration(migration->sql, Dialect::sqlite);
      if (const auto at = script.find(kNextSchemaVersion); at != std::string::npos) {
        script.replace(at, kNextSchemaVersion.size(), "1000");  // above anything the steps before reached
      }
      ASSERT_EQ(exec(script + "; INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                     std::to_string(migration->version) + ", '" + std::string(migration->name) + "', 0)"),
                "")
          << migration->name;
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

struct ValueCase {
  std::int64_t id;
  Value whole;
  Value real_number;
  Value words;
};

TEST_F(StoreConformance, EveryValueTypeRoundTripsUnchanged) {
  const std::vector<ValueCase> cases = {
      {1, std::int64_t{0}, 0.0, std::string()},
      {2, std::numeric_limits<std::int64_t>::max(), 0.1, std::string("Zürich — 東京 ✓ 🙂")},
      {3, std::numeric_limits<std::int64_t>::min(), -1e300, std::string("it's a ? and '?' and \"?\" -- no comment")},
      {4, std::int64_t{-1}, 1.0 / 3.0, std::string("line\nbreak\ttab \\ backslash %_")},
      {5, null_value(), null_value(), null_value()},
  };
  for (const auto& c : cases) {
    run("INSERT INTO conformance_values (id, whole, real_number, words) VALUES "
        "(?, ?, ?, ?)",
        {c.id, c.whole, c.real_number, c.words});
  }
  auto rows = read_with(db(), [](Connection& connection) {
    return connection.query(
        "SELECT id, whole, real_number, words FROM "
        "conformance_values ORDER BY id");
  });
  ASSERT_TRUE(rows) << rows.error().internal;
  ASSERT_EQ(rows->size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& row = (*rows)[i];
    const auto& c = cases[i];
    SCOPED_TRACE("case " + std::to_string(c.id));
    ASSERT_EQ(row.size(), 4u);
    EXPECT_EQ(row.integer(0), c.id);
    if (std::holds_alternative<std::monostate>(c.whole)) {
      EXPECT_TRUE(row.is_null(1) && row.is_null(2) && row.is_null(3));
      EXPECT_EQ(row.integer(1), 0);  // NULL reads as 0
      EXPECT_EQ(row.text(3), "");    // and as ""
      EXPECT_EQ(row.optional_text(3), std::nullopt);
      EXPECT_EQ(row.optional_integer(1), std::nullopt);
      continue;
    }
    EXPECT_FALSE(row.is_null(1) || row.is_null(2) || row.is_null(3));
    EXPECT_EQ(row.integer(1), std::get<std::int64_t>(c.whole));
    EXPECT_EQ(row.real(2),
              std::get<double>(c.real_number));  // exactly: no digits lost on the way
    EXPECT_EQ(row.text(3), std::get<std::string>(c.words));
    EXPECT_EQ(row.optional_text(3),
              std::get<std::string>(c.words));  // "" is not NULL
  }
}

TEST_F(StoreConformance, ExpressionsReadTheSameOnBothStores) {
  run("INSERT INTO conformance_values (id, whole, real_number, words) VALUES "
      "(1, 40, 1.5, 'a'), (2, 2, 2.5, 'b')");
  auto row = read_with(db(), [](Connection& connection) {
    return connection.query_one(
        "SELECT COUNT(*), SUM(whole), SUM(real_number), MIN(words), 1 = 1, 1 = "
        "0, CAST(? AS BIGINT) + 1, 'a ? b', "
        "CAST(? AS TEXT) FROM conformance_values",
        {std::int64_t{41}, std::string("x?")});
  });
  ASSERT_TRUE(row) << row.error().internal;
  ASSERT_TRUE(row->has_value());
  const auto& r = **row;
  EXPECT_EQ(r.integer(0), 2);
  EXPECT_EQ(r.integer(1),
            42);  // PostgreSQL's SUM(bigint) is numeric: still reads as the integer
  EXPECT_EQ(r.real(2), 4.0);
  EXPECT_EQ(r.text(3), "a");
  EXPECT_TRUE(r.boolean(4));  // PostgreSQL's boolean reads as 1/0 like SQLite's
  EXPECT_EQ(r.integer(4), 1);
  EXPECT_FALSE(r.boolean(5));
  EXPECT_EQ(r.integer(6), 42);
  EXPECT_EQ(r.text(7), "a ? b");  // a ? in a literal is not a placeholder
  EXPECT_EQ(r.text(8), "x?");
}

TEST_F(StoreConformance, ExecuteCountsChangedRowsAndReturningHandsRowsBack) {
  run("INSERT INTO conformance_values (id, whole) VALUES (1, 1), (2, 2), (3, "
      "3)");
  auto changed = transact(db(), [](Connection& connection) {
    return connection.execute("UPDATE conformance_values SET words = ? WHERE whole >= ?",
                              {std::string("big"), std::int64_t{2}});
  });
  ASSERT_TRUE(changed) << changed.error().internal;
  EXPECT_EQ(*changed, 2);
  auto returned = transact(db(), [](Connection& connection) {
    return connection.query("DELETE FROM conformance_values WHERE words = ? RETURNING id", {std::string("big")});
  });
  ASSERT_TRUE(returned) << returned.error().internal;
  EXPECT_EQ(returned->size(), 2u);
  EXPECT_EQ(count_rows("conformance_values"), 1);
}

TEST_F(StoreConformance, UniqueViolationIsAConflictWithoutTheValueInTheLog) {
  const std::string personal = "ana.founder@acme.example";
  ASSERT_TRUE(insert_key(db(), personal));
  auto again = insert_key(db(), personal);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().message, "This already exists.");
  EXPECT_FALSE(again.error().internal.empty());
  EXPECT_EQ(again.error().internal.find(personal), std::string::npos) << again.error().internal;
  EXPECT_EQ(count_rows("conformance_keys"), 1);
}

TEST_F(StoreConformance, MissingReferenceIsAConflict) {
  auto orphan = db().transaction([](Connection& connection) -> Status {
    RETURN_IF_ERROR(
        connection.execute("INSERT INTO conformance_children (id, parent) VALUES (1, ?)", {std::string("nobody")}));
    return {};
  });
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::conflict);
  EXPECT_EQ(count_rows("conformance_children"), 0);
}

TEST_F(StoreConformance, AnErrorFromTheWorkRollsEverythingBack) {
  auto outcome = db().transaction([](Connection& connection) -> Status {
    RETURN_IF_ERROR(connection.execute("INSERT INTO conformance_keys (name) VALUES ('first')"));
    return fail(ErrorCode::unprocessable, "changed my mind");
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::unprocessable);
  EXPECT_EQ(outcome.error().message, "changed my mind");
  EXPECT_EQ(count_rows("conformance_keys"), 0);
}

TEST_F(StoreConformance, AFailedStatementRollsBackTheStatementsBeforeIt) {
  ASSERT_TRUE(insert_key(db(), "taken"));
  auto outcome = db().transaction([](Connection& connection) -> Status {
    RETURN_IF_ERROR(connection.execute("INSERT INTO conformance_keys (name) VALUES ('new')"));
    RETURN_IF_ERROR(connection.execute("INSERT INTO conformance_keys (name) VALUES ('taken')"));
    return {};
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, ErrorCode::conflict);
  EXPECT_EQ(count_rows("conformance_keys"), 1);
}

TEST_F(StoreConformance, AThrownExceptionRollsBackAndTheConnectionStaysUsable) {
  for (int i = 0; i < 6; ++i) {  // more than the pool holds: every connection has been through it
    EXPECT_THROW((void)db().transaction([&](Connection& connection) -> Status {
      (void)connection.execute("INSERT INTO conformance_keys (name) VALUES (?)", {"thrown-" + std::to_string(i)});
      throw std::runtime_error("bug in the work");
    }),
                 std::runtime_error);
  }
  EXPECT_EQ(count_rows("conformance_keys"), 0);
  ASSERT_TRUE(insert_key(db(), "after"));
  EXPECT_EQ(count_rows("conformance_keys"), 1);
}

// Two instances (each with its own pool) increment one counter 200 times each,
// reading and writing in separate statements: no increment may be lost and none
// may fail.
TEST_F(StoreConformance, ConcurrentReadModifyWriteLosesNoUpdate) {
  constexpr int kPerInstance = 200;
  run("INSERT INTO conformance_counter (id, value) VALUES (1, 0)");
  std::vector<std::unique_ptr<Database>> instances;
  instances.push_back(another_instance(2));
  instances.push_back(another_instance(2));
  std::vector<int> failures(instances.size(), 0);
  std::vector<std::string> first_error(instances.size());
  std::latch start(static_cast<std::ptrdiff_t>(instances.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < instances.size(); ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kPerInstance; ++i) {
        auto done = instances[t]->transaction([](Connection& connection) -> Status {
          ASSIGN_OR_RETURN(auto row, connection.query_one("SELECT value FROM conformance_counter WHERE id = 1"));
          RETURN_IF_ERROR(
              connection.execute("UPDATE conformance_counter SET value = ? WHERE id = 1", {row->integer(0) + 1}));
          return {};
        });
        if (!done && failures[t]++ == 0) first_error[t] = done.error().internal;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 0; t < instances.size(); ++t) EXPECT_EQ(failures[t], 0) << first_error[t];
  auto value = read_with(db(), [](Connection& connection) {
    return connection.query_one("SELECT value FROM conformance_counter WHERE id = 1");
  });
  ASSERT_TRUE(value && value->has_value());
  EXPECT_EQ((*value)->integer(0), 2 * kPerInstance);
}

TEST_F(StoreConformance, TwoInstancesMigratingAtOnceApplyEachMigrationOnce) {
  auto first = another_instance(1);
  auto second = another_instance(1);
  Result<int> first_version = 0, second_version = 0;
  std::latch start(2);
  std::thread a([&] {
    start.arrive_and_wait();
    first_version = first->migrate();
  });
  std::thread b([&] {
    start.arrive_and_wait();
    second_version = second->migrate();
  });
  a.join();
  b.join();
  const int latest = migrations().back().version;
  ASSERT_TRUE(first_version) << first_version.error().internal;
  ASSERT_TRUE(second_version) << second_version.error().internal;
  EXPECT_EQ(*first_version, latest);
  EXPECT_EQ(*second_version, latest);

  auto versions = read_with(db(), [](Connection& connection) {
    return connection.query(
        "SELECT version, COUNT(*) FROM schema_migrations "
        "GROUP BY version ORDER BY version");
  });
  ASSERT_TRUE(versions) << versions.error().internal;
  ASSERT_EQ(versions->size(), migrations().size());
  for (std::size_t i = 0; i < versions->size(); ++i) {
    EXPECT_EQ((*versions)[i].integer(0), migrations()[i].version);
    EXPECT_EQ((*versions)[i].integer(1), 1);
  }
  auto again = db().migrate();
  ASSERT_TRUE(again) << again.error().internal;
  EXPECT_EQ(*again, latest);
  EXPECT_EQ(count_rows("interviews"), 0);  // the schema is there and usable
}

// Migration 0009 rewrote SQLite's status lists as OR chains: each still takes its values and
// refuses any other.
TEST_F(StoreConformance, StatusColumnsTakeTheirValuesAndRefuseOthers) {
  ASSERT_TRUE(db().migrate());
  run("INSERT INTO startups (id, name, name_sort, created_at, updated_at) VALUES (1, 'Acme', 'acme', 0, 0)");
  auto insert = [&](const std::string& sql, const std::string& value) {
    return db().transaction([&](Connection& connection) -> Status {
      RETURN_IF_ERROR(connection.execute(sql, {value}));
      return {};
    });
  };
  const std::map<std::string, std::pair<std::string, std::vector<std::string>>> tables = {
      {"interviews",
       {"INSERT INTO interviews (startup_id, title, status, created_at, updated_at, sort_at) VALUES (1, 't', ?, 0, 0, "
        "0)",
        {"draft", "scheduled", "awaiting_host", "confirmed", "reschedule_requested", "completed", "cancelled"}}},
      {"email_outbox",
       {"INSERT INTO email_outbox (kind, recipient, subject, body, status, next_attempt_at, created_at, dedupe_key) "
        "VALUES ('confirmed', 'a@b.example', 's', '', ?, 0, 0, 'k' || random())",
        {"pending", "sending", "sent", "dead", "held"}}},
      {"webhook_deliveries",
       {"INSERT INTO webhook_deliveries (source, trigger_event, received_at, outcome, raw_body) "
        "VALUES ('webhook', 'BOOKING_CREATED', 0, ?, '{}')",
        {"applied", "duplicate", "ignored", "unmatched", "stale", "rejected"}}},
  };
  for (const auto& [table, statement] : tables) {
    const auto& [sql, values] = statement;
    for (const auto& value : values) EXPECT_TRUE(insert(sql, value)) << table << " refused " << value;
    EXPECT_FALSE(insert(sql, "bogus")) << table << " took an unknown value";
    EXPECT_FALSE(insert(sql, "")) << table << " took an empty value";
    EXPECT_EQ(count_rows(table), static_cast<std::int64_t>(values.size())) << table;
  }
}

// SQLite builds a temporary B-tree of a CHECK's IN list of more than two constants for every
// row it writes; migration 0009 rewrote such lists, and none may come back.
TEST_F(StoreConformance, NoSqliteCheckListsMoreThanTwoValues) {
  if (on_postgres()) GTEST_SKIP() << "PostgreSQL keeps its IN lists";
  ASSERT_TRUE(db().migrate());
  auto tables = read_with(db(), [](Connection& connection) {
    return connection.query("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL");
  });
  ASSERT_TRUE(tables) << tables.error().internal;
  ASSERT_FALSE(tables->empty());
  const std::regex long_list(R"(IN\s*\(\s*'[^']*'\s*,\s*'[^']*'\s*,)", std::regex::icase);
  for (const auto& table : *tables) {
    EXPECT_FALSE(std::regex_search(table.text(1), long_list)) << table.text(0) << ": " << table.text(1);
  }
}

// A database made by an earlier version keeps its rows through 0009's in-place edit, and a
// connection open since before it reads the new definitions (the schema cookie moved).
TEST_F(StoreConformance, AnExistingSqliteDatabaseTakesTheRewrittenChecksWithItsRows) {
  if (on_postgres()) GTEST_SKIP() << "0009 changes nothing on PostgreSQL";
  EarlierSqlite earlier(url());  // as a process of the earlier version would hold it
  ASSERT_NO_FATAL_FAILURE(earlier.migrate_before("0009_sqlite_check_lists"));
  ASSERT_EQ(
      earlier.exec("INSERT INTO email_outbox (kind, recipient, subject, body, status, next_attempt_at, created_at, "
                   "dedupe_key) VALUES ('confirmed', 'a@b.example', 's', '', 'held', 0, 0, 'kept')"),
      "");
  auto temporary_tables = [&] {  // what SQLite plans for an outbox insert on `earlier`
    sqlite3_stmt* plan = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(earlier.handle(),
                                 "EXPLAIN INSERT INTO email_outbox (kind, recipient, subject, body, status, "
                                 "next_attempt_at, created_at, dedupe_key) VALUES ('k', 'r', 's', '', ?, 0, 0, ?)",
                                 -1, &plan, nullptr),
              SQLITE_OK);
    int count = 0;
    while (sqlite3_step(plan) == SQLITE_ROW) {
      count += std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(plan, 1))) == "OpenEphemeral";
    }
    sqlite3_finalize(plan);
    return count;
  };
  EXPECT_EQ(temporary_tables(), 1);  // the status list, before 0009

  auto migrated = db().migrate();
  ASSERT_TRUE(migrated) << migrated.error().internal;
  EXPECT_EQ(*migrated, migrations().back().version);
  EXPECT_EQ(count_rows("email_outbox"), 1);
  // EXPLAIN alone does not look at the cookie; a statement that reads does, and reloads.
  ASSERT_EQ(earlier.exec("SELECT COUNT(*) FROM email_outbox"), "");
  EXPECT_EQ(temporary_tables(), 0);
  ASSERT_EQ(earlier.exec("PRAGMA integrity_check"), "");
}

// Migration 0014 widens SQLite's interview status chain in place, after adding columns (which
// move the schema cookie themselves): a connection open since before it takes the new statuses,
// and the rows it had keep their place.
TEST_F(StoreConformance, AnExistingSqliteDatabaseTakesTheNewStatuses) {
  if (on_postgres()) GTEST_SKIP() << "PostgreSQL replaces its constraint";
  EarlierSqlite earlier(url());
  ASSERT_NO_FATAL_FAILURE(earlier.migrate_before("0014_interview_outcome"));
  const std::string insert =
      "INSERT INTO interviews (startup_id, title, status, created_at, updated_at, sort_at) VALUES (1, 't', ";
  ASSERT_EQ(earlier.exec(
                "INSERT INTO startups (id, name, name_sort, created_at, updated_at) VALUES (1, 'Acme', 'acme', 0, 0)"),
            "");
  ASSERT_EQ(earlier.exec(insert + "'confirmed', 0, 0, 0)"), "");
  EXPECT_NE(earlier.exec(insert + "'awaiting_host', 0, 0, 0)"), "") << "taken before 0014";

  auto migrated = db().migrate();
  ASSERT_TRUE(migrated) << migrated.error().internal;
  EXPECT_EQ(*migrated, migrations().back().version);
  for (const char* status : {"awaiting_host", "reschedule_requested"}) {
    EXPECT_EQ(earlier.exec(insert + "'" + status + "', 0, 0, 0)"), "") << status;
  }
  EXPECT_NE(earlier.exec(insert + "'no_show', 0, 0, 0)"), "");
  EXPECT_EQ(count_rows("interviews"), 3);
  EXPECT_EQ(earlier.exec("SELECT outcome_note, no_shows, calcom_last_event FROM interviews"), "");
  ASSERT_EQ(earlier.exec("PRAGMA integrity_check"), "");
}

TEST_F(StoreConformance, PingAnswers) {
  auto answered = db().ping();
  EXPECT_TRUE(answered) << answered.error().internal;
}

}  // namespace
}  // namespace poblysh::store::conformance
