// auth: sessions already checked, kept until the next commit to the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/version_gate.hpp"
#include "store/account_repo.hpp"

namespace poblysh::auth {

// Looking a session up in the database on every signed-in request is a read transaction of its
// own, about a tenth of an interview's detail and a fifth of a kept list page. A session changes only
// through a commit (sign-out, a deactivated account, a changed role), so a session read while
// the store was at version V stays true while the store is still at V (store::ChangeCounter),
// until the session's own expiry. Only sessions that exist are kept, keyed by token digest.
class SessionCache {
 public:
  explicit SessionCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The session stored under `token_hash` at `version`, if the store has not moved and it has
  // not expired by `now`.
  std::optional<store::StoredSession> find(const std::string& token_hash, std::uint64_t version, SystemTime now) const;
  // Keeps `session`, read after the store was at `version`; ignored once a newer version was seen.
  void put(const std::string& token_hash, std::uint64_t version, store::StoredSession session);

 private:
  const std::size_t max_entries_;
  mutable std::shared_mutex mutex_;
  VersionGate gate_;
  std::unordered_map<std::string, store::StoredSession> sessions_;
};

}  // namespace poblysh::auth
