#include "http/api/page_cache.hpp"

namespace poblysh::http::api {

bool PageCache::advance_to(std::uint64_t version) {
  switch (gate_.see(version)) {
    case VersionGate::Seen::older: return false;
    case VersionGate::Seen::newer: pages_.clear(); return true;
    case VersionGate::Seen::current: return true;
  }
  return false;
}

std::optional<std::string> PageCache::find(const std::string& key, std::uint64_t version) {
  std::lock_guard lock(mutex_);
  if (!advance_to(version)) return std::nullopt;
  if (const auto* page = pages_.find(key)) return *page;
  return std::nullopt;
}

void PageCache::put(const std::string& key, std::uint64_t version, std::string body) {
  std::lock_guard lock(mutex_);
  if (advance_to(version)) pages_.put(key, std::move(body));
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
  return pages_.size_bytes();
}

std::size_t PageCache::entries() const {
  std::lock_guard lock(mutex_);
  return pages_.entries();
}

}  // namespace poblysh::http::api
