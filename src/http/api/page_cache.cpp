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

ApiHandler serve_cached(PageCache& cache, store::ChangeCounter& changes, ApiHandler handler) {
  // Behind the route's access check: only a caller who may read the route reaches here.
  return [&cache, &changes, handler = std::move(handler)](Request& request, const Caller& caller) {
    // Read before the handler's own read transaction starts: an answer is then at least as
    // new as this version, never older.
    const auto version = changes.value();
    if (!version || request.query_malformed) return handler(request, caller);
    // A list counted from the present (the interview list's `when`) changes as time passes,
    // with no write to drop it: it is read afresh each time.
    if (auto when = request.query_param("when"); when && !when->empty() && *when != "all") {
      return handler(request, caller);
    }
    const auto key = cache_key(request);
    if (auto body = cache.find(key, *version)) return Response::json_text(200, std::move(*body));
    Response response = handler(request, caller);
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
