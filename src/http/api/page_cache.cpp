#include "http/api/page_cache.hpp"

namespace poblysh::http::api {

bool PageCache::advance_to(std::uint64_t version) {
  if (has_version_ && version == version_) return true;
  // Versions only grow within one store, but a counter could restart (a new database file);
  // a different version is a change either way, except an older read finishing late.
  if (has_version_ && version < version_) return false;
  index_.clear();
  entries_.clear();
  bytes_ = 0;
  version_ = version;
  has_version_ = true;
  return true;
}

std::optional<std::string> PageCache::find(const std::string& key, std::uint64_t version) {
  if (max_bytes_ == 0) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (!advance_to(version)) return std::nullopt;
  auto found = index_.find(key);
  if (found == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->body;
}

void PageCache::put(const std::string& key, std::uint64_t version, std::string body) {
  if (key.size() + body.size() > max_bytes_ / 4) return;  // one page must not empty the cache
  std::lock_guard lock(mutex_);
  if (!advance_to(version)) return;
  if (auto found = index_.find(key); found != index_.end()) {
    bytes_ -= cost(*found->second);
    entries_.erase(found->second);
    index_.erase(found);
  }
  Entry entry{key, std::move(body)};
  evict_until_fits(cost(entry));
  bytes_ += cost(entry);
  entries_.push_front(std::move(entry));
  index_.emplace(entries_.front().key, entries_.begin());
}

void PageCache::evict_until_fits(std::size_t incoming) {
  while (!entries_.empty() && bytes_ + incoming > max_bytes_) {
    auto& oldest = entries_.back();
    bytes_ -= cost(oldest);
    index_.erase(oldest.key);
    entries_.pop_back();
  }
}

std::size_t PageCache::size_bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t PageCache::entries() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace poblysh::http::api
