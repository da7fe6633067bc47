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

namespace {

std::string cache_key(const Request& request) {
  std::string key = request.path;
  char separator = '?';
  for (const auto& [name, value] : request.query) {  // a multimap: ordered by name
    key += separator;
    key += name;
    key += '=';
    key += value;
    key += '\0';  // values are decoded: keep "a=b&c" and "a=b%26c" apart
    separator = '&';
  }
  return key;
}

}  // namespace

Handler serve_cached(PageCache& cache, store::ChangeCounter& changes, const ApiContext& context, Handler handler) {
  return [&cache, &changes, &context, handler = std::move(handler)](Request& request) {
    // Read before the handler's own read transaction starts: an answer is then at least as
    // new as this version, never older.
    const auto version = changes.value();
    if (!version || request.query_malformed) return handler(request);
    const auto key = cache_key(request);
    if (auto body = cache.find(key, *version)) {
      // A kept page still needs a signed-in reader; anyone else gets the handler's own answer.
      if (context.signed_in(request)) return Response::json_text(200, std::move(*body));
      return handler(request);
    }
    // The handler signs the reader in itself, and only a signed-in reader gets a 200 to keep.
    Response response = handler(request);
    if (response.status == 200) cache.put(key, *version, response.body);
    return response;
  };
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
