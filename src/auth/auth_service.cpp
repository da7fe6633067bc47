#include "auth/auth_service.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "auth/secrets.hpp"
#include "domain/validation.hpp"

namespace poblysh::auth {
namespace {

constexpr auto kTokenUseResolution = std::chrono::minutes(1);

Error wrong_credentials() {
  return Error{ErrorCode::unauthenticated, "The email or password is incorrect.", {}, {}, {}};
}

}  // namespace

std::string throttled_address(std::string_view address) {
  in6_addr ipv6{};
  const std::string text(address);
  if (address.find(':') == std::string_view::npos || ::inet_pton(AF_INET6, text.c_str(), &ipv6) != 1) return text;
  // One IPv6 client holds a whole /64 (every address in it is theirs to use): count it as one.
  if (IN6_IS_ADDR_V4MAPPED(&ipv6)) return text;
  std::fill(std::begin(ipv6.s6_addr) + 8, std::end(ipv6.s6_addr), std::uint8_t{0});
  char out[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(AF_INET6, &ipv6, out, sizeof out);
  return std::string(out) + "/64";
}

AuthService::AuthService(store::Database& db, store::AccountRepo& accounts, const Clock& clock, AuthOptions options,
                         store::ChangeCounter* changes)
    : db_(db),
      accounts_(accounts),
      clock_(clock),
      options_(options),
      changes_(changes),
      hash_slots_(std::max(options.concurrent_hashes, 1)) {}

bool AuthService::with_hash_slot(const std::function<void()>& check) {
  if (!hash_slots_.try_acquire_for(options_.hash_wait)) return false;
  struct Release {
    std::counting_semaphore<>& slots;
    ~Release() { slots.release(); }
  } release{hash_slots_};
  check();
  return true;
}

Result<NewSession> AuthService::login(const std::string& email, const std::string& password,
                                      const std::string& remote_address) {
  const std::string client = throttled_address(remote_address);
  // The account's part is a digest: whatever is sent as an email, a row stays small.
  const std::string pair_key = "account-address:" + token_digest(domain::normalize_email(email)) + " " + client;
  const std::string address_key = "address:" + client;
  // The attempt is counted before the password is checked, in one statement per key: of many
  // concurrent guesses, only as many as the limit get as far as a hash.
  bool throttled = false;
  std::optional<std::pair<domain::User, std::string>> found;
  RETURN_IF_ERROR(db_.transaction([&](store::Connection& connection) -> Status {
    const auto now = clock_.now();
    RETURN_IF_ERROR(accounts_.forget_attempts_before(connection, now - options_.failure_window));
    // The address first: past its limit, nothing more is written for what it sends.
    ASSIGN_OR_RETURN(auto address, accounts_.reserve_attempt(connection, address_key, now, options_.failure_window));
    if (address > options_.max_attempts_per_address) {
      throttled = true;
      return {};
    }
    ASSIGN_OR_RETURN(auto pair, accounts_.reserve_attempt(connection, pair_key, now, options_.failure_window));
    throttled = pair > options_.max_attempts_per_account_and_address;
    if (throttled) return {};
    ASSIGN_OR_RETURN(auto login, accounts_.find_login(connection, email));
    found = std::move(login);
    return {};
  }));
  if (throttled) {
    return fail(Error{ErrorCode::rate_limited,
                      "Too many failed sign-in attempts. Please wait a few minutes and try again.",
                      {},
                      "login throttled",
                      static_cast<int>(options_.failure_window.count())});
  }

  // Verify outside any transaction (argon2id is slow by design) and always verify something,
  // so the time taken does not reveal whether the account exists.
  static const std::string kDummyHash = hash_password("not-a-real-password-for-timing").value_or("");
  bool accepted = false;
  const bool checked = with_hash_slot([&] {
    accepted = found ? verify_password(password, found->second) && found->first.active
                     : (verify_password(password, kDummyHash), false);
  });
  if (!checked) {
    // Never checked: not held against the account or the address.
    RETURN_IF_ERROR(db_.transaction([&](store::Connection& connection) -> Status {
      RETURN_IF_ERROR(accounts_.release_attempt(connection, pair_key));
      return accounts_.release_attempt(connection, address_key);
    }));
    return fail(Error{ErrorCode::upstream_unavailable,
                      "Too many people are signing in right now. Please try again in a moment.",
                      {},
                      "login refused: every password check slot busy",
                      1});
  }
  if (!accepted) return tl::unexpected(wrong_credentials());  // the attempt stays counted

  const auto now = clock_.now();
  NewSession session;
  session.user = found->first;
  session.token = random_token();
  session.csrf_token = random_token();
  session.expires_at = now + options_.session_ttl;
  RETURN_IF_ERROR(db_.transaction([&](store::Connection& connection) -> Status {
    // A success is not held against the address, and starts the account's count afresh.
    RETURN_IF_ERROR(accounts_.clear_failures(connection, pair_key));
    RETURN_IF_ERROR(accounts_.release_attempt(connection, address_key));
    (void)accounts_.delete_expired_sessions(connection, now);
    return accounts_.insert_session(connection, token_digest(session.token), session.user.id, session.csrf_token, now,
                                    session.expires_at);
  }));
  return session;
}

Status AuthService::logout(const std::string& session_token) {
  return db_.transaction(
      [&](store::Connection& connection) { return accounts_.delete_session(connection, token_digest(session_token)); });
}

Result<Principal> AuthService::from_session(const std::string& session_token) {
  const auto digest = token_digest(session_token);
  const auto now = clock_.now();
  // Taken before the read, so what is kept under it is at least as new as it says.
  std::optional<std::uint64_t> version;
  if (changes_) version = changes_->value();
  if (version) {
    if (auto kept = sessions_.find(digest, *version, now))
      return Principal{std::move(kept->user), true, kept->csrf_token};
  }
  std::optional<store::StoredSession> session;
  RETURN_IF_ERROR(db_.read([&](store::Connection& connection) -> Status {
    ASSIGN_OR_RETURN(auto found, accounts_.find_session(connection, digest, now));
    session = std::move(found);
    return {};
  }));
  if (!session) return fail(ErrorCode::unauthenticated, "Your session has ended. Please sign in again.");
  if (version) sessions_.put(digest, *version, *session);
  return Principal{session->user, true, session->csrf_token};
}

Result<Principal> AuthService::from_api_token(const std::string& token) {
  const auto find = [&](store::Connection& connection) {
    return accounts_.find_api_token(connection, token_digest(token));
  };
  ASSIGN_OR_RETURN(auto found, store::read_with(db_, find));
  if (!found) return fail(ErrorCode::unauthenticated, "This API token is not valid.");
  // "Last used" is for admins spotting forgotten tokens, so to the minute is plenty: writing
  // it on every request would make each read a commit (an fsync, and a changed database for
  // everything keyed on its version, such as cached list pages).
  const auto now = clock_.now();
  const auto& owner = *found;
  if (!owner.last_used_at || now - *owner.last_used_at >= kTokenUseResolution) {
    RETURN_IF_ERROR(store::transact(db_, [&](store::Connection& connection) {
      return accounts_.touch_api_token(connection, owner.token_id, now);
    }));
  }
  return Principal{owner.user, false, {}};
}

Result<std::pair<domain::User, std::string>> AuthService::create_user(const domain::NewUser& user,
                                                                      std::string password) {
  RETURN_IF_ERROR(domain::validate(user));
  if (password.empty())
    password = generate_password();
  else
    RETURN_IF_ERROR(domain::validate_password(password));
  ASSIGN_OR_RETURN(auto hashed, hash_password(password));
  domain::User created;
  RETURN_IF_ERROR(db_.transaction([&](store::Connection& connection) -> Status {
    ASSIGN_OR_RETURN(auto inserted, accounts_.insert_user(connection, user, hashed, clock_.now()));
    created = inserted;
    return {};
  }));
  return std::make_pair(created, password);
}

Result<AuthService::NewApiToken> AuthService::create_api_token(std::int64_t user_id, const std::string& name) {
  NewApiToken created{0, "pbl_" + random_token()};
  RETURN_IF_ERROR(db_.transaction([&](store::Connection& connection) -> Status {
    ASSIGN_OR_RETURN(auto inserted,
                     accounts_.insert_api_token(connection, user_id, name, token_digest(created.token), clock_.now()));
    created.id = inserted;
    return {};
  }));
  return created;
}

Result<std::vector<store::ApiTokenInfo>> AuthService::api_tokens(std::int64_t user_id) {
  return store::read_with(
      db_, [&](store::Connection& connection) { return accounts_.list_api_tokens(connection, user_id); });
}

Status AuthService::revoke_api_token(std::int64_t user_id, std::int64_t token_id) {
  const auto revoke = [&](store::Connection& connection) {
    return accounts_.revoke_api_token(connection, user_id, token_id, clock_.now());
  };
  ASSIGN_OR_RETURN(auto revoked, store::transact(db_, revoke));
  if (!revoked) return fail(ErrorCode::not_found, "You have no such API token.");
  return {};
}

}  // namespace poblysh::auth
