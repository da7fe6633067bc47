// store: user accounts, their sessions and API tokens, and the failed-login throttle.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/user.hpp"
#include "store/database.hpp"

namespace poblysh::store {

struct StoredSession {
  domain::User user;
  std::string csrf_token;
  SystemTime expires_at{};
};

// An API token as its owner sees it in a list: never the token or its digest.
struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  SystemTime created_at{};
  std::optional<SystemTime> last_used_at;
  std::optional<SystemTime> revoked_at;
};

struct TokenOwner {
  domain::User user;
  std::int64_t token_id = 0;
  std::optional<SystemTime> last_used_at;
};

class AccountRepo {
 public:
  Result<domain::User> insert_user(Connection& db, const domain::NewUser& user, const std::string& password_hash,
                                   SystemTime now);
  // The user and their password hash, by email (case-insensitive).
  Result<std::optional<std::pair<domain::User, std::string>>> find_login(Connection& db, const std::string& email);
  Result<std::int64_t> count_users(Connection& db);

  Status insert_session(Connection& db, const std::string& token_hash, std::int64_t user_id, const std::string& csrf,
                        SystemTime now, SystemTime expires_at);
  Result<std::optional<StoredSession>> find_session(Connection& db, const std::string& token_hash, SystemTime now);
  Status delete_session(Connection& db, const std::string& token_hash);
  Status delete_expired_sessions(Connection& db, SystemTime now);

  Result<std::int64_t> insert_api_token(Connection& db, std::int64_t user_id, const std::string& name,
                                        const std::string& token_hash, SystemTime now);
  // The active user a live (not revoked) token belongs to, and when the token was last used.
  Result<std::optional<TokenOwner>> find_api_token(Connection& db, const std::string& token_hash);
  Status touch_api_token(Connection& db, std::int64_t token_id, SystemTime now);
  // A user's tokens, newest first, revoked ones included.
  Result<std::vector<ApiTokenInfo>> list_api_tokens(Connection& db, std::int64_t user_id);
  // Revokes the user's token `token_id` (a revoked one keeps its first revocation time); false
  // when the user has no such token.
  Result<bool> revoke_api_token(Connection& db, std::int64_t user_id, std::int64_t token_id, SystemTime now);

  // Counts one attempt against `key` in one statement (safe against concurrent attempts on
  // either store) and returns the count in the current window, this one included; a window
  // older than `window` starts afresh.
  Result<int> reserve_attempt(Connection& db, const std::string& key, SystemTime now, std::chrono::seconds window);
  // Forgets the counts whose window began before `cutoff` (they count as nothing anyway), so
  // attempts from ever new addresses or for ever new accounts leave no rows behind.
  Status forget_attempts_before(Connection& db, SystemTime cutoff);
  // Takes back one reserved attempt (it succeeded).
  Status release_attempt(Connection& db, const std::string& key);
  Status clear_failures(Connection& db, const std::string& key);
};

}  // namespace poblysh::store
