#include "store/account_repo.hpp"

#include "core/time.hpp"
#include "domain/validation.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr std::string_view kUserColumns = "u.id, u.email, u.name, u.role, u.active, u.created_at, u.updated_at";
constexpr std::string_view kInsertedUserColumns = "id, email, name, role, active, created_at, updated_at";

domain::User user_from_row(const Row& row) {
  domain::User user;
  user.id = row.integer(0);
  user.email = row.text(1);
  user.name = row.text(2);
  user.role = domain::parse_role(row.text(3)).value_or(domain::Role::member);
  user.active = row.boolean(4);
  user.created_at = from_unix_ms(row.integer(5));
  user.updated_at = from_unix_ms(row.integer(6));
  return user;
}

}  // namespace

Result<domain::User> AccountRepo::insert_user(Connection& db, const domain::NewUser& user,
                                              const std::string& password_hash, SystemTime now) {
  static const std::string kSql =
      "INSERT INTO users (email, email_normalized, name, role, password_hash, active, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?) RETURNING " +
      std::string(kInsertedUserColumns);
  auto rows =
      db.query(kSql, {domain::trimmed(user.email), domain::normalize_email(user.email), domain::trimmed(user.name),
                      std::string(domain::role_name(user.role)), password_hash, to_unix_ms(now), to_unix_ms(now)});
  if (!rows) {
    if (rows.error().code == ErrorCode::conflict) {
      Error error{ErrorCode::conflict, "An account with the email " + user.email + " already exists.", {}, {}, {}};
      error.fields.emplace("email", "is already used by another account");
      return tl::unexpected(std::move(error));
    }
    return tl::unexpected(rows.error());
  }
  return user_from_row(rows->front());
}

Result<std::optional<std::pair<domain::User, std::string>>> AccountRepo::find_login(Connection& db,
                                                                                    const std::string& email) {
  static const std::string kSql =
      "SELECT " + std::string(kUserColumns) + ", u.password_hash FROM users u WHERE u.email_normalized = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {domain::normalize_email(email)}));
  if (!row) return std::optional<std::pair<domain::User, std::string>>{};
  return std::optional<std::pair<domain::User, std::string>>(std::in_place, user_from_row(*row), row->text(7));
}

Result<std::int64_t> AccountRepo::count_users(Connection& db) {
  ASSIGN_OR_RETURN(auto row, db.query_one("SELECT COUNT(*) FROM users"));
  return row->integer(0);
}

Status AccountRepo::insert_session(Connection& db, const std::string& token_hash, std::int64_t user_id,
                                   const std::string& csrf, SystemTime now, SystemTime expires_at) {
  RETURN_IF_ERROR(
      db.execute("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
                 "VALUES (?, ?, ?, ?, ?)",
                 {token_hash, user_id, csrf, to_unix_ms(now), to_unix_ms(expires_at)}));
  return {};
}

Result<std::optional<StoredSession>> AccountRepo::find_session(Connection& db, const std::string& token_hash,
                                                               SystemTime now) {
  static const std::string kSql = "SELECT " + std::string(kUserColumns) +
                                  ", s.csrf_token, s.expires_at "
                                  "FROM sessions s JOIN users u ON u.id = s.user_id "
                                  "WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {token_hash, to_unix_ms(now)}));
  if (!row) return std::optional<StoredSession>{};
  return std::optional<StoredSession>(StoredSession{user_from_row(*row), row->text(7), from_unix_ms(row->integer(8))});
}

Status AccountRepo::delete_session(Connection& db, const std::string& token_hash) {
  RETURN_IF_ERROR(db.execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash}));
  return {};
}

Status AccountRepo::delete_expired_sessions(Connection& db, SystemTime now) {
  RETURN_IF_ERROR(db.execute("DELETE FROM sessions WHERE expires_at <= ?", {to_unix_ms(now)}));
  return {};
}

Result<std::int64_t> AccountRepo::insert_api_token(Connection& db, std::int64_t user_id, const std::string& name,
                                                   const std::string& token_hash, SystemTime now) {
  ASSIGN_OR_RETURN(
      auto rows,
      db.query("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) RETURNING id",
               {user_id, name, token_hash, to_unix_ms(now)}));
  return rows.front().integer(0);
}

Result<std::optional<TokenOwner>> AccountRepo::find_api_token(Connection& db, const std::string& token_hash) {
  static const std::string kSql = "SELECT " + std::string(kUserColumns) +
                                  ", t.id, t.last_used_at FROM api_tokens t "
                                  "JOIN users u ON u.id = t.user_id "
                                  "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.active = 1";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {token_hash}));
  if (!row) return std::optional<TokenOwner>{};
  TokenOwner owner{user_from_row(*row), row->integer(7), std::nullopt};
  owner.last_used_at = optional_time(*row, 8);
  return std::optional<TokenOwner>(std::move(owner));
}

Status AccountRepo::touch_api_token(Connection& db, std::int64_t token_id, SystemTime now) {
  RETURN_IF_ERROR(db.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {to_unix_ms(now), token_id}));
  return {};
}

Result<std::vector<ApiTokenInfo>> AccountRepo::list_api_tokens(Connection& db, std::int64_t user_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      db.query(
          "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC",
          {user_id}));
  std::vector<ApiTokenInfo> tokens;
  for (const auto& row : rows) {
    tokens.push_back(
        {row.integer(0), row.text(1), from_unix_ms(row.integer(2)), optional_time(row, 3), optional_time(row, 4)});
  }
  return tokens;
}

Result<bool> AccountRepo::revoke_api_token(Connection& db, std::int64_t user_id, std::int64_t token_id,
                                           SystemTime now) {
  return changed_any(db, "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND user_id = ?",
                     {to_unix_ms(now), token_id, user_id});
}

Result<int> AccountRepo::reserve_attempt(Connection& db, const std::string& key, SystemTime now,
                                         std::chrono::seconds window) {
  const auto now_ms = to_unix_ms(now);
  const auto window_ms = std::chrono::duration_cast<std::chrono::milliseconds>(window).count();
  ASSIGN_OR_RETURN(
      auto row,
      db.query_one(
          "INSERT INTO login_failures (throttle_key, failures, window_started_at) VALUES (?, 1, ?) "
          "ON CONFLICT (throttle_key) DO UPDATE SET "
          "failures = CASE WHEN ? - login_failures.window_started_at > ? THEN 1 ELSE login_failures.failures + 1 END, "
          "window_started_at = CASE WHEN ? - login_failures.window_started_at > ? THEN ? "
          "ELSE login_failures.window_started_at END "
          "RETURNING failures",
          {key, now_ms, now_ms, window_ms, now_ms, window_ms, now_ms}));
  if (!row) return fail(ErrorCode::internal, "Something went wrong on our side.", "login attempt not counted");
  return static_cast<int>(row->integer(0));
}

Status AccountRepo::forget_attempts_before(Connection& db, SystemTime cutoff) {
  RETURN_IF_ERROR(db.execute("DELETE FROM login_failures WHERE window_started_at < ?", {to_unix_ms(cutoff)}));
  return {};
}

Status AccountRepo::release_attempt(Connection& db, const std::string& key) {
  RETURN_IF_ERROR(
      db.execute("UPDATE login_failures SET failures = failures - 1 WHERE throttle_key = ? AND failures > 0", {key}));
  return {};
}

Status AccountRepo::clear_failures(Connection& db, const std::string& key) {
  RETURN_IF_ERROR(db.execute("DELETE FROM login_failures WHERE throttle_key = ?", {key}));
  return {};
}

}  // namespace poblysh::store
