#include "store/job_repo.hpp"

#include <algorithm>
#include <tuple>

#include "core/enum_names.hpp"
#include "core/time.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr EnumName<JobState> kJobStateNames[] = {
    {JobState::pending, "pending"}, {JobState::running, "running"}, {JobState::done, "done"}, {JobState::dead, "dead"}};

constexpr std::size_t kMaxErrorLength = 1000;

constexpr std::string_view kColumns =
    "id, kind, interview_id, due_at, state, attempts, claims, lease_until, last_error, created_at, updated_at";

JobEntry from_row(const Row& row) {
  JobEntry entry;
  entry.id = row.integer(0);
  entry.kind = row.text(1);
  entry.interview_id = row.integer(2);
  entry.due_at = from_unix_ms(row.integer(3));
  entry.state = parse_job_state(row.text(4)).value_or(JobState::dead);
  entry.attempts = static_cast<int>(row.integer(5));
  entry.claims = static_cast<int>(row.integer(6));
  entry.lease_until = optional_time(row, 7);
  entry.last_error = row.text(8);
  entry.created_at = from_unix_ms(row.integer(9));
  entry.updated_at = from_unix_ms(row.integer(10));
  return entry;
}

// "kind IN (?, ?)" for the kinds a worker runs, and their values appended to `params`. The
// statement's text depends only on how many kinds there are, so it is prepared once.
std::string kinds_in(const std::vector<std::string>& kinds, std::vector<Value>& params) {
  std::string sql = "kind IN (";
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(kinds[i]);
  }
  return sql + ")";
}

}  // namespace

const char* job_state_name(JobState state) { return name_in(kJobStateNames, state, "dead"); }

std::optional<JobState> parse_job_state(std::string_view name) { return value_in(kJobStateNames, name); }

Status JobRepo::plan(Connection& db, std::string_view kind, std::int64_t interview_id, SystemTime due_at,
                     SystemTime now) {
  // ON CONFLICT rather than a look-up first: one statement, and no failed statement to abort a
  // PostgreSQL transaction. The WHERE leaves a job planned for this very time untouched, so a
  // save that does not move the interview neither writes nor revives a job that ran.
  static const std::string kUpsert =
      "INSERT INTO jobs (kind, interview_id, due_at, state, attempts, claims, lease_until, last_error, created_at, "
      "updated_at) VALUES (?, ?, ?, 'pending', 0, 0, NULL, '', ?, ?) "
      "ON CONFLICT (kind, interview_id) DO UPDATE SET due_at = excluded.due_at, state = 'pending', attempts = 0, "
      "lease_until = NULL, last_error = '', updated_at = excluded.updated_at WHERE jobs.due_at <> excluded.due_at";
  const std::int64_t at = to_unix_ms(now);
  RETURN_IF_ERROR(db.execute(kUpsert, {std::string(kind), interview_id, to_unix_ms(due_at), at, at}));
  return {};
}

Status JobRepo::cancel(Connection& db, std::string_view kind, std::int64_t interview_id) {
  static const std::string kSql = "DELETE FROM jobs WHERE kind = ? AND interview_id = ?";
  RETURN_IF_ERROR(db.execute(kSql, {std::string(kind), interview_id}));
  return {};
}

Status JobRepo::cancel_all(Connection& db, std::int64_t interview_id) {
  static const std::string kSql = "DELETE FROM jobs WHERE interview_id = ?";
  RETURN_IF_ERROR(db.execute(kSql, {interview_id}));
  return {};
}

Status JobRepo::end_pending(Connection& db, std::int64_t interview_id, SystemTime now) {
  static const std::string kSql =
      "UPDATE jobs SET state = 'done', updated_at = ? WHERE interview_id = ? AND state = 'pending'";
  RETURN_IF_ERROR(db.execute(kSql, {to_unix_ms(now), interview_id}));
  return {};
}

Result<std::int64_t> JobRepo::plan_missing_after_end(Connection& db, std::string_view kind,
                                                     const std::vector<std::string>& statuses,
                                                     std::chrono::milliseconds after_end, SystemTime now) {
  if (statuses.empty()) return std::int64_t{0};
  // PostgreSQL types every parameter: those in the select list say what they are.
  std::vector<Value> params{std::string(kind), std::int64_t{after_end.count()}, to_unix_ms(now), to_unix_ms(now)};
  std::string sql =
      "INSERT INTO jobs (kind, interview_id, due_at, state, attempts, claims, lease_until, last_error, created_at, "
      "updated_at) SELECT CAST(? AS TEXT), id, end_at + CAST(? AS BIGINT), 'pending', 0, 0, NULL, '', "
      "CAST(? AS BIGINT), CAST(? AS BIGINT) FROM interviews WHERE end_at IS NOT NULL AND status IN (";
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(statuses[i]);
  }
  // The WHERE above also tells SQLite that ON CONFLICT belongs to the INSERT, not to a join.
  sql += ") ON CONFLICT (kind, interview_id) DO NOTHING";
  return db.execute(sql, params);
}

Result<std::vector<ClaimedJob>> JobRepo::claim_due(Connection& db, const std::vector<std::string>& kinds,
                                                   SystemTime now, const JobClaimOptions& options) {
  if (kinds.empty()) return std::vector<ClaimedJob>{};
  const std::int64_t at = to_unix_ms(now);
  std::vector<Value> bury_params{std::string("the worker stopped during the last attempt"), at, at,
                                 std::int64_t{options.max_attempts}};
  const std::string bury =
      "UPDATE jobs SET state = 'dead', lease_until = NULL, last_error = ?, updated_at = ? "
      "WHERE state = 'running' AND lease_until <= ? AND attempts >= ? AND " +
      kinds_in(kinds, bury_params);
  RETURN_IF_ERROR(db.execute(bury, bury_params));

  // One statement marks and returns the batch. SQLite serialises writers (the transaction holds
  // the write lock); PostgreSQL workers skip each other's rows instead of waiting for them.
  std::vector<Value> params{to_unix_ms(now + options.lease), at, at, at};
  std::string claim =
      "UPDATE jobs SET state = 'running', attempts = attempts + 1, claims = claims + 1, lease_until = ?, "
      "updated_at = ? WHERE id IN (SELECT id FROM jobs WHERE ((state = 'pending' AND due_at <= ?) OR "
      "(state = 'running' AND lease_until <= ?)) AND " +
      kinds_in(kinds, params) + " ORDER BY due_at, id LIMIT ?";
  params.emplace_back(std::int64_t{options.limit});
  if (db.dialect() == Dialect::postgresql) claim += " FOR UPDATE SKIP LOCKED";
  claim += ") RETURNING id, kind, interview_id, due_at, attempts, claims";
  ASSIGN_OR_RETURN(auto rows, db.query(claim, params));
  std::vector<ClaimedJob> claimed;
  for (const auto& row : rows) {
    claimed.push_back({row.integer(0), row.text(1), row.integer(2), from_unix_ms(row.integer(3)),
                       static_cast<int>(row.integer(4)), row.integer(5)});
  }
  // RETURNING promises no order; run the earliest due first.
  std::sort(claimed.begin(), claimed.end(),
            [](const auto& a, const auto& b) { return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id); });
  return claimed;
}

Result<bool> JobRepo::holds(Connection& db, std::int64_t id, std::int64_t claim) {
  static const std::string kSql = "SELECT 1 FROM jobs WHERE id = ? AND state = 'running' AND claims = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id, claim}));
  return row.has_value();
}

Result<bool> JobRepo::finish(Connection& db, std::int64_t id, std::int64_t claim, SystemTime now) {
  static const std::string kSql =
      "UPDATE jobs SET state = 'done', lease_until = NULL, last_error = '', updated_at = ? "
      "WHERE id = ? AND state = 'running' AND claims = ?";
  return changed_any(db, kSql, {to_unix_ms(now), id, claim});
}

Result<bool> JobRepo::postpone(Connection& db, std::int64_t id, std::int64_t claim, SystemTime due_at, SystemTime now) {
  static const std::string kSql =
      "UPDATE jobs SET state = 'pending', due_at = ?, attempts = attempts - 1, lease_until = NULL, updated_at = ? "
      "WHERE id = ? AND state = 'running' AND claims = ?";
  return changed_any(db, kSql, {to_unix_ms(due_at), to_unix_ms(now), id, claim});
}

Result<bool> JobRepo::fail(Connection& db, std::int64_t id, std::int64_t claim, std::string_view error,
                           std::optional<SystemTime> retry_at, SystemTime now) {
  // A dead job keeps the time it was due, for admins; a retried one is due at its retry.
  static const std::string kSql =
      "UPDATE jobs SET state = ?, due_at = COALESCE(CAST(? AS BIGINT), due_at), lease_until = NULL, last_error = ?, "
      "updated_at = ? WHERE id = ? AND state = 'running' AND claims = ?";
  const std::string state = job_state_name(retry_at ? JobState::pending : JobState::dead);
  return changed_any(
      db, kSql,
      {state, time_value(retry_at), std::string(error.substr(0, kMaxErrorLength)), to_unix_ms(now), id, claim});
}

Result<std::optional<SystemTime>> JobRepo::next_due_at(Connection& db, const std::vector<std::string>& kinds) {
  if (kinds.empty()) return std::optional<SystemTime>{};
  std::vector<Value> params;
  const std::string pending = kinds_in(kinds, params);
  const std::string running = kinds_in(kinds, params);
  const std::string sql = "SELECT (SELECT MIN(due_at) FROM jobs WHERE state = 'pending' AND " + pending +
                          "), (SELECT MIN(lease_until) FROM jobs WHERE state = 'running' AND " + running + ")";
  ASSIGN_OR_RETURN(auto row, db.query_one(sql, params));
  std::optional<SystemTime> earliest;
  for (std::size_t column = 0; row && column < 2; ++column) {
    if (row->is_null(column)) continue;
    const SystemTime at = from_unix_ms(row->integer(column));
    earliest = earliest ? std::min(*earliest, at) : at;
  }
  return earliest;
}

Result<std::optional<JobEntry>> JobRepo::find(Connection& db, std::string_view kind, std::int64_t interview_id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM jobs WHERE kind = ? AND interview_id = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {std::string(kind), interview_id}));
  return if_found(row, from_row);
}

}  // namespace poblysh::store
