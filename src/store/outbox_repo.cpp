#include "store/outbox_repo.hpp"

#include <algorithm>
#include <array>

#include "core/time.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr std::string_view kColumns =
    "id, interview_id, kind, recipient, subject, status, attempts, next_attempt_at, last_error, created_at, sent_at, "
    "dedupe_key";
constexpr std::size_t kMaxErrorLength = 1000;

OutboxEntry from_row(const Row& row) {
  OutboxEntry entry;
  entry.id = row.integer(0);
  entry.interview_id = row.optional_integer(1);
  entry.kind = row.text(2);
  entry.recipient = row.text(3);
  entry.subject = row.text(4);
  entry.status = parse_outbox_status(row.text(5)).value_or(OutboxStatus::dead);
  entry.attempts = static_cast<int>(row.integer(6));
  entry.next_attempt_at = from_unix_ms(row.integer(7));
  entry.last_error = row.text(8);
  entry.created_at = from_unix_ms(row.integer(9));
  if (auto sent = row.optional_integer(10)) entry.sent_at = from_unix_ms(*sent);
  entry.dedupe_key = row.text(11);
  return entry;
}

std::string status_text(OutboxStatus status) { return outbox_status_name(status); }

}  // namespace

Result<EnqueueResult> OutboxRepo::enqueue(Connection& db, const NewOutboxMessage& message, SystemTime now) {
  // ON CONFLICT DO NOTHING rather than catching the unique violation: in PostgreSQL a failed
  // statement would abort the caller's whole transaction.
  static const std::string kInsert =
      "INSERT INTO email_outbox (interview_id, kind, recipient, subject, body, notice, status, attempts, "
      "next_attempt_at, last_error, created_at, dedupe_key) VALUES (?, ?, ?, ?, '', ?, ?, 0, ?, '', ?, ?) "
      "ON CONFLICT (dedupe_key) DO NOTHING";
  static const std::string kExisting = "SELECT id FROM email_outbox WHERE dedupe_key = ?";
  const std::int64_t at = to_unix_ms(now);
  ASSIGN_OR_RETURN(
      auto inserted,
      db.insert_row(kInsert, {optional_value(message.interview_id), message.kind, message.recipient, message.subject,
                              message.notice, status_text(message.held ? OutboxStatus::held : OutboxStatus::pending),
                              at, at, message.dedupe_key}));
  if (inserted) return EnqueueResult{*inserted, true};
  ASSIGN_OR_RETURN(auto existing, db.query_one(kExisting, {message.dedupe_key}));
  if (!existing)
    return fail(ErrorCode::internal, "Could not queue the email.", "outbox insert neither inserted nor conflicted");
  return EnqueueResult{existing->integer(0), false};
}

Result<std::vector<ClaimedMessage>> OutboxRepo::claim_due(Connection& db, SystemTime now, const ClaimOptions& options) {
  static const std::string kBury =
      "UPDATE email_outbox SET status = 'dead', last_error = ? "
      "WHERE status = 'sending' AND next_attempt_at <= ? AND attempts >= ?";
  // One statement marks and returns the batch. SQLite serialises writers (the transaction
  // holds the write lock); PostgreSQL workers skip each other's rows instead of waiting.
  static const std::string kClaimBase =
      "UPDATE email_outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? "
      "WHERE id IN (SELECT id FROM email_outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? "
      "ORDER BY next_attempt_at, id LIMIT ?";
  static const std::string kReturning = " RETURNING id, attempts, recipient, body, notice, dedupe_key, created_at";
  static const std::string kClaimSqlite = kClaimBase + ")" + kReturning;
  static const std::string kClaimPostgres = kClaimBase + " FOR UPDATE SKIP LOCKED)" + kReturning;

  const std::int64_t at = to_unix_ms(now);
  RETURN_IF_ERROR(db.execute(
      kBury, {std::string("the worker stopped during the last attempt"), at, std::int64_t{options.max_attempts}}));
  // The dialect picks the claim query: PostgreSQL skips rows other workers have locked.
  ASSIGN_OR_RETURN(auto rows, db.query(db.dialect() == Dialect::postgresql ? kClaimPostgres : kClaimSqlite,
                                       {to_unix_ms(now + options.lease), at, std::int64_t{options.limit}}));
  std::vector<ClaimedMessage> claimed;
  for (const auto& row : rows) {
    ClaimedMessage message{row.integer(0), static_cast<int>(row.integer(1)), row.text(2), row.text(3), std::nullopt,
                           row.text(5),    from_unix_ms(row.integer(6))};
    if (!row.is_null(4)) message.notice = row.text(4);
    claimed.push_back(std::move(message));
  }
  // RETURNING promises no order; send oldest first.
  std::sort(claimed.begin(), claimed.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return claimed;
}

Result<bool> OutboxRepo::mark_sent(Connection& db, std::int64_t id, int attempts, SystemTime now) {
  static const std::string kSql =
      "UPDATE email_outbox SET status = 'sent', sent_at = ?, last_error = '' "
      "WHERE id = ? AND status = 'sending' AND attempts = ?";
  return changed_any(db, kSql, {to_unix_ms(now), id, std::int64_t{attempts}});
}

Result<bool> OutboxRepo::mark_failed(Connection& db, std::int64_t id, int attempts, std::string_view error,
                                     std::optional<SystemTime> retry_at, SystemTime now) {
  static const std::string kSql =
      "UPDATE email_outbox SET status = ?, next_attempt_at = ?, last_error = ? "
      "WHERE id = ? AND status = 'sending' AND attempts = ?";
  const std::string status = status_text(retry_at ? OutboxStatus::pending : OutboxStatus::dead);
  return changed_any(db, kSql,
                     {status, to_unix_ms(retry_at.value_or(now)), std::string(error.substr(0, kMaxErrorLength)), id,
                      std::int64_t{attempts}});
}

Result<std::optional<SystemTime>> OutboxRepo::next_due_at(Connection& db) {
  static const std::string kSql =
      "SELECT MIN(next_attempt_at) FROM email_outbox WHERE status IN ('pending', 'sending')";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql));
  if (!row || row->is_null(0)) return std::optional<SystemTime>{};
  return std::optional<SystemTime>(from_unix_ms(row->integer(0)));
}

Result<Page<OutboxEntry>> OutboxRepo::list(Connection& db, const OutboxFilter& filter, const PageRequest& page) {
  // An interview's emails are found through email_outbox_by_interview, in id order. The status is
  // tested on each row the walk passes (the newest first): no index holds it in id order, and
  // email_outbox_due would sort every row of the status, most of them 'sent'.
  std::string sql = "SELECT " + std::string(kColumns) + " FROM email_outbox WHERE ";
  std::vector<Value> params;
  if (filter.interview_id) {
    sql += "interview_id = ? AND ";
    params.emplace_back(*filter.interview_id);
  }
  const Value status = filter.status ? Value(status_text(*filter.status)) : null_value();
  sql += "(CAST(? AS TEXT) IS NULL OR status = ?)";
  params.insert(params.end(), {status, status});
  newest_first(sql, params, page);
  ASSIGN_OR_RETURN(auto rows, db.query(sql, params));
  return page_of(rows, page.limit, from_row);
}

Result<std::optional<OutboxEntry>> OutboxRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM email_outbox WHERE id = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id}));
  return if_found(row, from_row);
}

Result<std::map<OutboxStatus, std::int64_t>> OutboxRepo::count_by_status(Connection& db) {
  static const std::string kSql = "SELECT status, COUNT(*) FROM email_outbox GROUP BY status";
  ASSIGN_OR_RETURN(auto rows, db.query(kSql));
  std::map<OutboxStatus, std::int64_t> counts;
  for (auto status : kOutboxStatuses) counts[status] = 0;
  for (const auto& row : rows) {
    if (auto status = parse_outbox_status(row.text(0))) counts[*status] = row.integer(1);
  }
  return counts;
}

Result<OutboxEntry> OutboxRepo::resend(Connection& db, std::int64_t id, SystemTime now) {
  static const std::string kSql =
      "UPDATE email_outbox SET status = 'pending', attempts = 0, next_attempt_at = ? "
      "WHERE id = ? AND status IN ('dead', 'held') RETURNING " +
      std::string(kColumns);
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, {to_unix_ms(now), id}));
  if (!rows.empty()) return from_row(rows.front());
  ASSIGN_OR_RETURN(auto existing, find(db, id));
  if (!existing) return fail(ErrorCode::not_found, "This email does not exist.");
  return fail(ErrorCode::conflict, "Only emails that failed or were held can be sent again.");
}

}  // namespace poblysh::store
