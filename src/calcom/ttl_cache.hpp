// calcom: a small thread-safe expiring cache for Cal.com reads (event types, slots).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace poblysh::calcom {

// Keyed by the full request (path + query + version), so different queries never share an
// entry. Bounded: when full, expired entries go first, then the one closest to expiry.
template <class Value>
class TtlCache {
 public:
  TtlCache(const Clock& clock, std::chrono::milliseconds ttl, std::size_t max_entries = 256)
      : clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

  std::optional<Value> get(const std::string& key) {
    if (ttl_.count() <= 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (it->second.expires <= clock_.steady_now()) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  void put(const std::string& key, Value value) {
    if (ttl_.count() <= 0 || max_entries_ == 0) return;
    std::lock_guard lock(mutex_);
    auto now = clock_.steady_now();
    if (entries_.size() >= max_entries_ && entries_.find(key) == entries_.end()) evict(now);
    entries_.insert_or_assign(key, Entry{std::move(value), now + ttl_});
  }

  // Bookings change availability, so a booking write empties the slots cache.
  void clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }

  std::size_t size() {
    std::lock_guard lock(mutex_);
    return entries_.size();
  }

 private:
  struct Entry {
    Value value;
    std::chrono::steady_clock::time_point expires;
  };

  void evict(std::chrono::steady_clock::time_point now) {
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = it->second.expires <= now ? entries_.erase(it) : std::next(it);
    }
    if (entries_.size() < max_entries_) return;
    auto soonest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.expires < soonest->second.expires) soonest = it;
    }
    entries_.erase(soonest);
  }

  const Clock& clock_;
  const std::chrono::milliseconds ttl_;
  const std::size_t max_entries_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace poblysh::calcom
