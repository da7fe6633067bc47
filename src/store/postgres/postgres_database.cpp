#include "store/postgres/postgres_database.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "store/migrations.hpp"
#include "store/postgres/postgres_text.hpp"

namespace poblysh::store {
namespace {

using pg::is_retryable;
using pg::postgres_error;
using pg::text_of;
using pg::trimmed_message;
using pg::value_of;

// A whole transaction is tried this many times when PostgreSQL cannot serialise it; the
// first tries run alongside others (optimistic), the later ones alone (see transaction()).
constexpr int kTransactionAttempts = 8;
constexpr int kOptimisticAttempts = 2;
constexpr int kFirstBackoffMs = 2;
constexpr int kMaxBackoffMs = 100;
// Advisory lock keys (class, schema hash): migrations of every instance using one schema wait
// for each other; the transaction gate is taken shared by every transaction and exclusively
// by one that lost too often. Separate schemas in one database do not interfere.
constexpr int kMigrationLockClass = 0x706f62;  // "pob"
constexpr int kTransactionGateClass = 0x706f63;

std::string advisory_keys(int lock_class) {
  return "(" + std::to_string(lock_class) + ", hashtext(COALESCE(current_schema(), '')))";
}

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

}  // namespace

class PostgresConnection final : public Connection {
 public:
  Dialect dialect() const override { return Dialect::postgresql; }
  explicit PostgresConnection(const std::string& url) {
    // The URL is expanded by libpq (expand_dbname) and overrides the keys before it: a
    // connect_timeout of its own replaces ours (without one, an unreachable host would hold a
    // reconnecting request for the kernel's TCP timeout). Text is UTF-8 whatever it says.
    const char* keys[] = {"connect_timeout", "dbname", "fallback_application_name", "client_encoding", nullptr};
    const char* values[] = {"10", url.c_str(), "poblysh-interviews", "UTF8", nullptr};
    conn_ = PQconnectdbParams(keys, values, 1);
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
      std::string message = conn_ ? trimmed_message(PQerrorMessage(conn_)) : "out of memory";
      PQfinish(conn_);
      throw std::runtime_error("cannot connect to PostgreSQL at " + redact_database_url(url) + ": " + message);
    }
    // NOTICEs ("relation already exists, skipping") would go to stderr, outside the JSON log.
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~PostgresConnection() override { PQfinish(conn_); }
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
    ASSIGN_OR_RETURN(auto result, run(sql, params));
    PGresult* res = result.get();
    const int row_count = PQntuples(res);
    const int column_count = PQnfields(res);
    std::vector<Oid> types;
    for (int column = 0; column < column_count; ++column) types.push_back(PQftype(res, column));
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(row_count));
    for (int row = 0; row < row_count; ++row) {
      std::vector<Value> values;
      values.reserve(types.size());
      for (int column = 0; column < column_count; ++column) {
        if (PQgetisnull(res, row, column))
          values.emplace_back(std::monostate{});
        else
          values.push_back(value_of(types[static_cast<std::size_t>(column)], PQgetvalue(res, row, column),
                                    PQgetlength(res, row, column)));
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params) override {
    ASSIGN_OR_RETURN(auto result, run(sql, params));
    const char* changed = PQcmdTuples(result.get());
    std::int64_t count = 0;
    std::from_chars(changed, changed + std::char_traits<char>::length(changed), count);
    return count;
  }

  Result<std::optional<std::int64_t>> insert_row(std::string_view sql, const std::vector<Value>& params) override {
    ASSIGN_OR_RETURN(auto rows, query(std::string(sql) + " RETURNING id", params));
    if (rows.empty()) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>(rows.front().integer(0));
  }

  // Several statements at once, no parameters: BEGIN/COMMIT, locks and migrations.
  Status exec_script(const std::string& sql) {
    ResultPtr result(PQexec(conn_, sql.c_str()));
    if (succeeded(result.get())) return {};
    return tl::unexpected(failure(result.get(), sql));
  }

  // Before each lease: a connection the server dropped while it sat in the pool (restart,
  // pg_terminate_backend) is opened again, so callers never see the stale one.
  Status ensure_ready() {
    if (PQstatus(conn_) == CONNECTION_OK && !idle_socket_readable()) {
      if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return {};
      if (PQtransactionStatus(conn_) != PQTRANS_ACTIVE && exec_script("ROLLBACK")) return {};
    }
    statements_.clear();  // prepared statements die with the session
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) {
      return fail(Error{ErrorCode::upstream_unavailable,
                        "The database is busy or unavailable; please try again.",
                        {},
                        "cannot reconnect to PostgreSQL: " + trimmed_message(PQerrorMessage(conn_)),
                        1});
    }
    return {};
  }

  // What transaction() needs to know about one attempt.
  void start_attempt() {
    retryable_failure_ = false;
    connection_lost_ = false;
    commit_sent_ = false;
    first_failure_.reset();
  }
  bool saw_retryable_failure() const { return retryable_failure_; }
  bool lost_before_commit() const { return connection_lost_ && !commit_sent_; }

  Status commit() {
    commit_sent_ = true;
    ResultPtr result(PQexec(conn_, "COMMIT"));
    if (!succeeded(result.get())) return tl::unexpected(failure(result.get(), "COMMIT"));
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error:
    // report the failure the work swallowed.
    if (std::string_view(PQcmdStatus(result.get())) == "ROLLBACK") {
      commit_sent_ = false;  // nothing was committed: a retry is safe
      return tl::unexpected(first_failure_.value_or(postgres_error("", "the transaction was rolled back", "COMMIT")));
    }
    return {};
  }

  void roll_back() {
    if (PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)exec_script("ROLLBACK");
  }

 private:
  static bool succeeded(PGresult* result) {
    const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  }

  bool idle_socket_readable() const {
    // An idle connection is owed nothing by the server: anything readable is its goodbye.
    pollfd descriptor{PQsocket(conn_), POLLIN, 0};
    return ::poll(&descriptor, 1, 0) != 0;
  }

  Error failure(PGresult* result, std::string_view sql) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = trimmed_message(primary ? primary : PQerrorMessage(conn_));
    if (PQstatus(conn_) != CONNECTION_OK) {
      connection_lost_ = true;
      if (sqlstate.empty()) sqlstate = "08006";  // libpq's own report carries no SQLSTATE
    }
    if (is_retryable(sqlstate)) retryable_failure_ = true;
    auto error = postgres_error(sqlstate, message, sql);
    if (!first_failure_) first_failure_ = error;
    return error;
  }

  // Statements are prepared once per session and named s1, s2…; SQL is always a constant.
  Result<std::string> prepared(std::string_view sql) {
    std::string key(sql);
    if (auto found = statements_.find(key); found != statements_.end()) return found->second;
    std::string name = "s" + std::to_string(statements_.size() + 1);
    ResultPtr result(PQprepare(conn_, name.c_str(), number_placeholders(sql).c_str(), 0, nullptr));
    if (!succeeded(result.get())) return tl::unexpected(failure(result.get(), sql));
    statements_.emplace(std::move(key), name);
    return name;
  }

  Result<ResultPtr> run(std::string_view sql, const std::vector<Value>& params) {
    ASSIGN_OR_RETURN(auto name, prepared(sql));
    // Sent as text and typed by the server from the statement, like a literal would be.
    std::vector<std::string> texts(params.size());
    std::vector<const char*> pointers(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (auto integer = std::get_if<std::int64_t>(&params[i]))
        texts[i] = std::to_string(*integer);
      else if (auto real = std::get_if<double>(&params[i]))
        texts[i] = text_of(*real);
      else if (auto text = std::get_if<std::string>(&params[i])) {
        if (text->find('\0') != std::string::npos) return invalid_field("text", "must not contain NUL characters");
        pointers[i] = text->c_str();
        continue;
      } else
        continue;  // NULL
      pointers[i] = texts[i].c_str();
    }
    ResultPtr result(
        PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), pointers.data(), nullptr, nullptr, 0));
    if (!succeeded(result.get())) return tl::unexpected(failure(result.get(), sql));
    return result;
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> statements_;
  bool retryable_failure_ = false;
  bool connection_lost_ = false;
  bool commit_sent_ = false;
  std::optional<Error> first_failure_;
};

PostgresDatabase::PostgresDatabase(const std::string& url, std::size_t pool_size) {
  for (std::size_t i = 0; i < std::max<std::size_t>(pool_size, 1); ++i) {
    pool_.add(std::make_unique<PostgresConnection>(url));
  }
}

PostgresDatabase::~PostgresDatabase() = default;

Status PostgresDatabase::transaction(const Work& work) {
  static const std::string kBeginAlongside =
      "BEGIN ISOLATION LEVEL SERIALIZABLE; SELECT pg_advisory_xact_lock_shared" + advisory_keys(kTransactionGateClass);
  static const std::string kTakeGate = "SELECT pg_advisory_lock" + advisory_keys(kTransactionGateClass);
  static const std::string kReleaseGate = "SELECT pg_advisory_unlock" + advisory_keys(kTransactionGateClass);
  thread_local std::minstd_rand random(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    bool again = false;
    Status outcome;
    {
      auto lease = pool_.acquire();
      auto& connection = *lease;
      RETURN_IF_ERROR(connection.ensure_ready());
      connection.start_attempt();
      // SERIALIZABLE: two instances applying events to one interview cannot both read the old
      // state and write over each other; the loser gets 40001 and runs again on the new state.
      // A transaction that lost twice runs alone: it takes the gate exclusively (a session
      // lock, before BEGIN, so its snapshot is taken after the others finished), which every
      // other transaction holds shared. Retries alone cannot promise progress when others
      // keep winning the same row; this does.
      const bool alone = attempt > kOptimisticAttempts;
      outcome = alone ? connection.exec_script(kTakeGate) : Status{};
      if (outcome)
        outcome = connection.exec_script(alone ? std::string("BEGIN ISOLATION LEVEL SERIALIZABLE") : kBeginAlongside);
      if (outcome) {
        try {
          outcome = work(connection);
        } catch (...) {
          connection.roll_back();
          if (alone) (void)connection.exec_script(kReleaseGate);
          throw;
        }
        if (outcome) outcome = connection.commit();
      }
      if (!outcome) connection.roll_back();
      if (alone) (void)connection.exec_script(kReleaseGate);  // a lost session has dropped it anyway
      if (outcome) return {};
      again = attempt < kTransactionAttempts && (connection.saw_retryable_failure() || connection.lost_before_commit());
    }
    if (!again) return outcome;
    // Random pauses growing each time, so the transactions that collided go one after another.
    const int ceiling = std::min(kMaxBackoffMs, kFirstBackoffMs << (attempt - 1));
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(ceiling * 100, ceiling * 1000)(random)));
  }
}

Status PostgresDatabase::read(const Work& work) {
  auto lease = pool_.acquire();
  RETURN_IF_ERROR((*lease).ensure_ready());
  (*lease).start_attempt();
  return work(*lease);
}

Result<int> PostgresDatabase::migrate() {
  auto lease = pool_.acquire();
  auto& connection = *lease;
  RETURN_IF_ERROR(connection.ensure_ready());
  connection.start_attempt();
  const std::string lock_keys = advisory_keys(kMigrationLockClass);
  // A session lock (not a transaction one): it spans the several transactions below, and the
  // server drops it if this process dies half-way.
  RETURN_IF_ERROR(connection.exec_script("SELECT pg_advisory_lock" + lock_keys));
  struct Unlock {
    PostgresConnection& connection;
    const std::string& keys;
    ~Unlock() { (void)connection.exec_script("SELECT pg_advisory_unlock" + keys); }
  } unlock{connection, lock_keys};

  RETURN_IF_ERROR(connection.exec_script(std::string(kSchemaVersionTable)));
  int current = 0;
  ASSIGN_OR_RETURN(
      auto rows, static_cast<Connection&>(connection).query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  if (!rows.empty()) current = static_cast<int>(rows.front().integer(0));
  for (const auto& migration : migrations()) {
    if (migration.version <= current) continue;
    // The migration and its version row commit together, or neither does.
    const std::string record = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                               std::to_string(migration.version) + ", '" + std::string(migration.name) +
                               "', CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))";
    Status applied = connection.exec_script("BEGIN");
    const std::string script = render_migration(migration.sql, Dialect::postgresql);
    if (applied && !script.empty()) applied = connection.exec_script(script);
    if (applied) applied = connection.exec_script(record);
    if (applied) applied = connection.commit();
    if (!applied) {
      connection.roll_back();
      return tl::unexpected(applied.error());
    }
    current = migration.version;
  }
  return current;
}

}  // namespace poblysh::store
