// store: the database seen by repositories: connections, parameters, rows, transactions.
// SQLite (embedded default) and PostgreSQL implement it; repositories are written once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace poblysh::store {

using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline Value null_value() { return std::monostate{}; }
template <class T>
Value optional_value(const std::optional<T>& value) {
  return value ? Value(*value) : Value(std::monostate{});
}

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  bool is_null(std::size_t column) const;
  std::int64_t integer(std::size_t column) const;  // NULL reads as 0
  double real(std::size_t column) const;
  std::string text(std::size_t column) const;  // NULL reads as ""
  std::optional<std::int64_t> optional_integer(std::size_t column) const;
  std::optional<std::string> optional_text(std::size_t column) const;
  bool boolean(std::size_t column) const { return integer(column) != 0; }
  std::size_t size() const { return values_.size(); }

 private:
  std::vector<Value> values_;
};

enum class Dialect { sqlite, postgresql };

// SQL uses "?" placeholders; each implementation adapts them to its dialect.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  Result<std::optional<Row>> query_one(std::string_view sql, const std::vector<Value>& params = {});
  // Inserts one row (`sql` is an INSERT without RETURNING) and answers its id, or nothing when an
  // ON CONFLICT ... DO NOTHING clause skipped it. SQLite materialises a RETURNING row in a
  // temporary table, which costs more than the insert's own index work; its connection knows the
  // last row id anyway.
  virtual Result<std::optional<std::int64_t>> insert_row(std::string_view sql, const std::vector<Value>& params) = 0;
  // The SQL dialect, for the few statements written differently per store.
  virtual Dialect dialect() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  using Work = std::function<Status(Connection&)>;
  // Runs `work` in one transaction that takes the write lock up front; commits when it
  // returns a value, rolls back when it returns an error (or throws). `work` may run more than
  // once (PostgreSQL retries a serialization failure; SQLite runs a batch again without a
  // member that failed), each time on a fresh transaction: it must change nothing outside the
  // database but what it hands back.
  virtual Status transaction(const Work& work) = 0;
  // The same without waiting: `done` gets the outcome once the transaction has committed or
  // failed, possibly on another thread and possibly before this returns. `done` must be quick
  // and must not wait for another transaction of this database (hand the rest to a thread of
  // your own). Stores that commit concurrent transactions together (SQLite) need no thread per
  // waiting caller this way; the others run the transaction here and then call `done`.
  virtual void transaction_async(Work work, std::function<void(Status)> done) { done(transaction(work)); }
  // Runs `work` on a connection without an explicit transaction (reads).
  virtual Status read(const Work& work) = 0;
  virtual Dialect dialect() const = 0;
  // Applies pending migrations; returns the schema version now in force.
  virtual Result<int> migrate() = 0;
  // A trivial read: whether the database answers at all.
  virtual Status ping();
};

// A number that changes whenever a write is committed to the store, by any process; readers
// use it to tell whether something they keep from an earlier read may be out of date. Only
// stores with a cheap way to know implement it (SQLite; PostgreSQL shared by several
// instances has none, so nothing is kept there).
class ChangeCounter {
 public:
  virtual ~ChangeCounter() = default;
  // nullopt when the store cannot tell right now: treat it as "changed".
  virtual std::optional<std::uint64_t> value() = 0;
};

// Runs `work` (Connection& -> Result<T>) through `run`, the database's transaction or read, and
// hands back its value: `run` itself hands back only whether the work succeeded.
template <class Work>
auto value_through(Database& db, Status (Database::*run)(const Database::Work&), Work&& work)
    -> decltype(work(std::declval<Connection&>())) {
  decltype(work(std::declval<Connection&>())) out = fail(ErrorCode::internal, "");
  RETURN_IF_ERROR((db.*run)([&](Connection& connection) -> Status {
    out = work(connection);
    if (!out) return tl::unexpected(out.error());
    return {};
  }));
  return out;
}

// Runs `work` (Connection& -> Result<T>) in a transaction and hands back its value.
template <class Work>
auto transact(Database& db, Work&& work) {
  return value_through(db, &Database::transaction, std::forward<Work>(work));
}

// The same without a transaction, for reads.
template <class Work>
auto read_with(Database& db, Work&& work) {
  return value_through(db, &Database::read, std::forward<Work>(work));
}

// A repository's look-up as a value, or not_found naming `what` ("This startup does not exist.").
template <class T>
Result<T> found(Result<std::optional<T>> result, const std::string& what) {
  if (!result) return tl::unexpected(std::move(result).error());
  if (!*result) return fail(ErrorCode::not_found, "This " + what + " does not exist.");
  return std::move(**result);
}

// Stable keyset pagination: "order by <key>, id", resume after the last (key, id) seen.
struct PageRequest {
  int limit = 50;
  std::optional<std::string> after_key;
  std::optional<std::int64_t> after_id;
};

template <class T>
struct Page {
  std::vector<T> items;
  bool has_more = false;
};

}  // namespace poblysh::store
