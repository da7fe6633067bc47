#include "auth/session_cache.hpp"

#include <mutex>

namespace poblysh::auth {

std::optional<store::StoredSession> SessionCache::find(const std::string& token_hash, std::uint64_t version,
                                                       SystemTime now) const {
  std::shared_lock lock(mutex_);
  if (!gate_.is_current(version)) return std::nullopt;
  auto found = sessions_.find(token_hash);
  if (found == sessions_.end() || found->second.expires_at <= now) return std::nullopt;
  return found->second;
}

void SessionCache::put(const std::string& token_hash, std::uint64_t version, store::StoredSession session) {
  std::unique_lock lock(mutex_);
  switch (gate_.see(version)) {
    case VersionGate::Seen::older: return;
    case VersionGate::Seen::newer: sessions_.clear(); break;
    case VersionGate::Seen::current: break;
  }
  // Many distinct sessions within one version is unusual; starting over bounds the memory.
  if (sessions_.size() >= max_entries_) sessions_.clear();
  sessions_.insert_or_assign(token_hash, std::move(session));
}

}  // namespace poblysh::auth
