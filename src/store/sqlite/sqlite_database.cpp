#include "store/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <unordered_map>

#include "store/migrations.hpp"
#include "store/sqlite/buffered_wal.hpp"

namespace poblysh::store {
namespace {

Error sqlite_error(sqlite3* db, int code, std::string_view sql) {
  const int extended = db ? sqlite3_extended_errcode(db) : code;
  std::string detail =
      std::string(db ? sqlite3_errmsg(db) : sqlite3_errstr(code)) + " in: " + std::string(sql.substr(0, 120));
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error{ErrorCode::conflict, "This already exists.", {}, detail, {}};
  }
  if (extended == SQLITE_CONSTRAINT_FOREIGNKEY) {
    return Error{
        ErrorCode::conflict, "This refers to something that does not exist or is still in use.", {}, detail, {}};
  }
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED || (code & 0xff) == SQLITE_FULL ||
      (code & 0xff) == SQLITE_IOERR) {
    return Error{
        ErrorCode::upstream_unavailable, "The database is busy or unavailable; please try again.", {}, detail, 1};
  }
  return Error{ErrorCode::internal, "Something went wrong on our side.", {}, detail, {}};
}

// Debian's SQLite counts every allocation under one process-wide mutex (SQLITE_DEFAULT_MEMSTATUS)
// and is built without lookaside memory, so each statement's many small allocations take that
// mutex, and the pooled connections' threads queue on it. Nothing here reads SQLite's memory
// statistics. Process-wide by nature: it takes effect only before SQLite initialises (the first
// open), and is refused, harmlessly, after.
void stop_counting_memory() {
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
}

}  // namespace

class SqliteConnection final : public Connection {
 public:
  Dialect dialect() const override { return Dialect::sqlite; }
  explicit SqliteConnection(const std::string& path) {
    stop_counting_memory();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, buffered_wal_vfs()) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    // A statement whose LIKE takes a bound pattern is planned again whenever the pattern changes
    // (SQLite checks whether the pattern's prefix could use an index), so every search parsed
    // and planned its SQL anew. Our patterns start with a wildcard and no index has NOCASE, so
    // there is nothing to gain from looking: with the planner stability guarantee SQLite plans
    // once and never consults bound values.
    sqlite3_db_config(db_, SQLITE_DBCONFIG_ENABLE_QPSG, 1, nullptr);
    // temp_store=MEMORY: statement journals (the pages a statement inside a transaction may have
    // to put back) stay in memory; past 64 KiB SQLite spilled them to files in /var/tmp, some
    // 6,600 writes a second from the writer thread under the webhook ingest.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL", "PRAGMA temp_store=MEMORY"}) {
      if (auto result = exec_script(pragma); !result) throw std::runtime_error(result.error().internal);
    }
  }
  ~SqliteConnection() override {
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }

  Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
    ASSIGN_OR_RETURN(auto statement, prepare(sql, params));
    const Unbind unbind{statement};
    std::vector<Row> rows;
    int code;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) rows.push_back(read_row(statement));
    if (code != SQLITE_DONE) return tl::unexpected(sqlite_error(db_, code, sql));
    return rows;
  }

  Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params) override {
    ASSIGN_OR_RETURN(auto statement, prepare(sql, params));
    const Unbind unbind{statement};
    int code;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    if (code != SQLITE_DONE) return tl::unexpected(sqlite_error(db_, code, sql));
    return static_cast<std::int64_t>(sqlite3_changes(db_));
  }

  Result<std::optional<std::int64_t>> insert_row(std::string_view sql, const std::vector<Value>& params) override {
    ASSIGN_OR_RETURN(auto changed, execute(sql, params));
    if (changed == 0) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(sqlite3_last_insert_rowid(db_));
  }

  // False once SQLite itself rolled the transaction back (disk full, I/O error,
  // out of memory).
  bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
  sqlite3* handle() const { return db_; }
  std::string last_error() const { return sqlite3_errmsg(db_); }

  // Several statements at once, no parameters: pragmas, BEGIN/COMMIT and
  // migrations.
  Status exec_script(const std::string& sql) {
    char* message = nullptr;
    const int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
      sqlite3_free(message);
      return tl::unexpected(sqlite_error(db_, code, sql));
    }
    return {};
  }

 private:
  // Text is bound without a copy (SQLITE_STATIC): the caller's parameters outlive the steps, and
  // this resets the statement and drops its bindings before they go. A copy would be a malloc, a
  // memcpy and a free per text parameter (the webhook writer binds ~30 per delivery).
  struct Unbind {
    sqlite3_stmt* statement;
    ~Unbind() {
      sqlite3_reset(statement);
      sqlite3_clear_bindings(statement);
    }
  };

  // Statements are prepared once per connection and reused: SQL is always a constant. A cached
  // statement comes back reset and unbound (Unbind).
  Result<sqlite3_stmt*> prepare(std::string_view sql, const std::vector<Value>& params) {
    auto found = statements_.find(sql);  // no std::string built per statement
    sqlite3_stmt* statement = nullptr;
    if (found != statements_.end()) {
      statement = found->second;
    } else {
      const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                          &statement, nullptr);
      if (code != SQLITE_OK) return tl::unexpected(sqlite_error(db_, code, sql));
      statements_.emplace(std::string(sql), statement);
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      std::visit(
          [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::monostate>)
              sqlite3_bind_null(statement, index);
            else if constexpr (std::is_same_v<T, std::int64_t>)
              sqlite3_bind_int64(statement, index, value);
            else if constexpr (std::is_same_v<T, double>)
              sqlite3_bind_double(statement, index, value);
            else
              sqlite3_bind_text(statement, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
          },
          params[i]);
    }
    return statement;
  }

  static Row read_row(sqlite3_stmt* statement) {
    const int count = sqlite3_column_count(statement);
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(count));
    for (int column = 0; column < count; ++column) {
      switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
          values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(statement, column)));
          break;
        case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(statement, column)); break;
        case SQLITE_NULL: values.emplace_back(std::monostate{}); break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
          values.emplace_back(std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
        }
      }
    }
    return Row(std::move(values));
  }

  sqlite3* db_ = nullptr;
  // Transparent hash: looked up by string_view (C++20 heterogeneous lookup).
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

SqliteDatabase::SqliteDatabase(const std::string& path, std::size_t pool_size, std::size_t max_batch,
                               CheckpointOptions checkpoints)
    : commits_(max_batch, [this](const std::vector<CommitQueue::Member*>& batch) { return run_batch(batch); }) {
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  for (std::size_t i = 0; i < std::max<std::size_t>(pool_size, 1); ++i) {
    pool_.add(std::make_unique<SqliteConnection>(path));
  }
  // After the pool: the first connection has created the file and put it in WAL mode.
  checkpointer_ = std::make_unique<WalCheckpointer>(path, checkpoints);
  for (const auto& connection : pool_.all()) checkpointer_->install(connection->handle());
}

// The writer thread finishes what is queued while the checkpointer and the connections still
// exist (members are destroyed in reverse order, the checkpointer first).
SqliteDatabase::~SqliteDatabase() { commits_.stop(); }

Status SqliteDatabase::transaction(const Work& work) { return commits_.submit(work); }

void SqliteDatabase::transaction_async(Work work, std::function<void(Status)> done) {
  commits_.submit_async(std::move(work), std::move(done));
}

namespace {

bool failed(const CommitQueue::Member& member) { return member.exception || !member.outcome; }

// What callers hear when their work ran but the transaction carrying it did not
// survive.
Error batch_lost(std::string detail) {
  return Error{ErrorCode::upstream_unavailable,
               "The database is busy or unavailable; please try again.",
               {},
               "transaction rolled back: " + detail,
               1};
}

}  // namespace

std::optional<Error> SqliteDatabase::run_batch(const std::vector<CommitQueue::Member*>& batch) {
  auto lease = pool_.acquire();
  auto& connection = *lease;
  // No savepoint per member: SQLite copies every page a savepoint's statements touch into a
  // sub-journal (it spills to a temporary file past 64 KiB), which would be more than half of a
  // webhook's cost in a batch. Members rarely fail, so a failing one instead rolls the whole
  // transaction back and the others run again without it (works may run more than once; see
  // Database::transaction). Each round drops a member, so a batch ends after at most
  // batch.size() rounds.
  std::vector<CommitQueue::Member*> running(batch.begin(), batch.end());
  // Everything in this round fails with `error`, except members that failed on their own.
  auto lose_all = [&](const Error& error) {
    for (auto* member : running) {
      if (!failed(*member)) member->outcome = tl::unexpected(error);
    }
    if (connection.in_transaction()) (void)connection.exec_script("ROLLBACK");
  };
  while (!running.empty()) {
    // IMMEDIATE takes the write lock first, so two writers never deadlock upgrading a read lock.
    if (auto begun = connection.exec_script("BEGIN IMMEDIATE"); !begun) {
      for (auto* member : running) member->outcome = begun;
      return begun.error();
    }
    std::optional<std::size_t> failed_member;
    for (std::size_t index = 0; index < running.size() && !failed_member; ++index) {
      auto& member = *running[index];
      member.outcome = {};
      member.exception = nullptr;
      try {
        member.outcome = (*member.work)(connection);
      } catch (...) {
        member.exception = std::current_exception();
      }
      if (!connection.in_transaction()) {
        // SQLite gave up the whole transaction (disk full, I/O error): every member of this
        // round fails, none was committed.
        Error error = batch_lost(connection.last_error());
        for (std::size_t later = index + 1; later < running.size(); ++later)
          running[later]->outcome = tl::unexpected(error);
        lose_all(error);
        return std::nullopt;
      }
      if (failed(member)) failed_member = index;
    }
    if (!failed_member) {
      if (auto committed = connection.exec_script("COMMIT"); !committed) lose_all(committed.error());
      return std::nullopt;
    }
    // The failed member keeps its own outcome; the transaction, with the work of the members
    // before it, is undone, and they run again in the next round.
    running.erase(running.begin() + static_cast<std::ptrdiff_t>(*failed_member));
    if (auto undone = connection.exec_script("ROLLBACK"); !undone) {
      lose_all(undone.error());
      return std::nullopt;
    }
  }
  return std::nullopt;
}

Status SqliteDatabase::read(const Work& work) {
  auto lease = pool_.acquire();
  auto& connection = *lease;
  // One read transaction around the work: its statements see one snapshot (a page and the
  // rows it joins agree even while writers commit), and SQLite takes the WAL read lock once
  // instead of once per statement.
  // Prepared once per connection like any statement (sqlite3_exec would parse them each time).
  RETURN_IF_ERROR(connection.execute("BEGIN", {}));
  struct EndRead {
    SqliteConnection& connection;
    ~EndRead() {
      if (connection.in_transaction()) (void)connection.execute("ROLLBACK", {});
    }
  } end_read{connection};
  return work(connection);
}

Result<int> SqliteDatabase::migrate() {
  auto lease = pool_.acquire();
  auto& connection = *lease;
  // The write lock is taken before the version is read, so two processes
  // migrating one file at once cannot both decide to apply the same migration:
  // the second waits, then finds none due.
  RETURN_IF_ERROR(connection.exec_script("BEGIN IMMEDIATE"));
  auto rollback = [&](const Error& error) -> Result<int> {
    (void)connection.exec_script("ROLLBACK");
    return tl::unexpected(error);
  };
  if (auto created = connection.exec_script(std::string(kSchemaVersionTable)); !created)
    return rollback(created.error());
  auto rows = static_cast<Connection&>(connection).query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!rows) return rollback(rows.error());
  int current = rows->empty() ? 0 : static_cast<int>(rows->front().integer(0));
  for (const auto& migration : migrations()) {
    if (migration.version <= current) continue;
    std::string script = render_migration(migration.sql, Dialect::sqlite);
    if (const auto at = script.find(kNextSchemaVersion); at != std::string::npos) {
      // Statements before it (an ADD COLUMN) move the cookie too: it is read once they ran.
      const auto line = script.rfind('\n', at);
      const auto split = line == std::string::npos ? 0 : line + 1;
      if (split > 0) {
        if (auto before = connection.exec_script(script.substr(0, split)); !before) return rollback(before.error());
        script.erase(0, split);
      }
      auto cookie = static_cast<Connection&>(connection).query_one("PRAGMA schema_version");
      if (!cookie) return rollback(cookie.error());
      const std::int64_t next = (*cookie ? (*cookie)->integer(0) : 0) + 1;
      script.replace(script.find(kNextSchemaVersion), kNextSchemaVersion.size(), std::to_string(next));
    }
    script += "\nINSERT INTO schema_migrations(version, name, applied_at) VALUES (" +
              std::to_string(migration.version) + ", '" + std::string(migration.name) +
              "', CAST(strftime('%s','now') AS INTEGER) * 1000);";
    if (auto applied = connection.exec_script(script); !applied) return rollback(applied.error());
    current = migration.version;
  }
  if (auto committed = connection.exec_script("COMMIT"); !committed) return rollback(committed.error());
  return current;
}

Result<std::string> sqlite_path_from_url(const std::string& url) {
  constexpr std::string_view kPrefix = "sqlite://";
  if (!url.starts_with(kPrefix) || url.size() == kPrefix.size()) {
    return invalid_field("database.url",
                         "must look like sqlite:///absolute/path.db or "
                         "sqlite://relative/path.db");
  }
  return url.substr(kPrefix.size());
}

}  // namespace poblysh::store
