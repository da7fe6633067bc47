// auth: signing in and out, sessions, API tokens, and who is asking.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>

#include "auth/session_cache.hpp"
#include "core/clock.hpp"
#include "domain/user.hpp"
#include "store/account_repo.hpp"

namespace poblysh::auth {

struct AuthOptions {
  std::chrono::hours session_ttl{24 * 7};
  // Sign-in attempts are counted per account from one client address, and per address: someone
  // guessing from elsewhere cannot lock the owner out. A success takes its attempt back.
  int max_attempts_per_account_and_address = 5;
  int max_attempts_per_address = 20;
  std::chrono::seconds failure_window{15 * 60};
  // Password checks running at once (argon2id takes 64 MiB and tens of milliseconds each); a
  // sign-in that finds none free within `hash_wait` is refused 503, its attempt not counted.
  int concurrent_hashes = 2;
  std::chrono::milliseconds hash_wait{3000};
};

struct NewSession {
  domain::User user;
  std::string token;  // goes into the cookie; only its digest is stored
  std::string csrf_token;
  SystemTime expires_at{};
};

// Who made a request, and how: cookie sessions must show the CSRF token on writes.
struct Principal {
  domain::User user;
  bool via_session_cookie = false;
  std::string csrf_token;  // the session's token, when via_session_cookie
};

// The address sign-in attempts are counted under: an IPv4 address as it is, an IPv6 one by its /64.
std::string throttled_address(std::string_view address);

class AuthService {
 public:
  // With `changes` (a store that can tell when anything was committed), checked sessions are
  // kept in memory until the next commit (SessionCache); without, every check reads the store.
  AuthService(store::Database& db, store::AccountRepo& accounts, const Clock& clock, AuthOptions options,
              store::ChangeCounter* changes = nullptr);

  Result<NewSession> login(const std::string& email, const std::string& password, const std::string& remote_address);
  Status logout(const std::string& session_token);
  Result<Principal> from_session(const std::string& session_token);
  Result<Principal> from_api_token(const std::string& token);

  // Creates an account; an empty password generates one, returned once.
  Result<std::pair<domain::User, std::string>> create_user(const domain::NewUser& user, std::string password);
  // A new token for the user, shown this once: its id (to revoke it) and the token itself.
  struct NewApiToken {
    std::int64_t id = 0;
    std::string token;
  };
  Result<NewApiToken> create_api_token(std::int64_t user_id, const std::string& name);
  Result<std::vector<store::ApiTokenInfo>> api_tokens(std::int64_t user_id);
  // Revokes one of the user's own tokens at once (tokens are checked against the store on each
  // request); not_found for a token the user does not own.
  Status revoke_api_token(std::int64_t user_id, std::int64_t token_id);

 private:
  // Runs a password check in one of the bounded slots; false when none was free in time.
  bool with_hash_slot(const std::function<void()>& check);

  store::Database& db_;
  store::AccountRepo& accounts_;
  const Clock& clock_;
  AuthOptions options_;
  store::ChangeCounter* changes_;
  SessionCache sessions_;
  std::counting_semaphore<> hash_slots_;
};

}  // namespace poblysh::auth
