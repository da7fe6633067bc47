// http/api: answers of read endpoints kept until the next committed write.
//
// A page of the interview list costs the database milliseconds and is asked for again and
// again by everyone looking at the same list. Each answer is stored with the store's data
// version (store::ChangeCounter) at the time it was read; any commit, by this process
// or another, changes that version and drops every answer at the next lookup. So an answer
// is never older than the last write that finished before the request started.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/text_lru.hpp"
#include "core/version_gate.hpp"
#include "http/api/context.hpp"
#include "http/message.hpp"
#include "store/database.hpp"

namespace poblysh::http::api {

class PageCache {
 public:
  // `max_bytes` bounds the bodies and keys kept; 0 turns the cache off.
  explicit PageCache(std::size_t max_bytes) : pages_(max_bytes) {}

  // The body stored under `key` while the data was at `version`, if nothing changed since.
  std::optional<std::string> find(const std::string& key, std::uint64_t version);
  // Keeps `body`, read at `version`. Ignored when a newer version has been seen meanwhile
  // (a write committed during the read: the next request reads again) or when it does not fit.
  void put(const std::string& key, std::uint64_t version, std::string body);

  std::size_t size_bytes() const;
  std::size_t entries() const;

 private:
  // Moves the cache to `version`; returns false when `version` is older than what it holds.
  bool advance_to(std::uint64_t version);

  mutable std::mutex mutex_;
  VersionGate gate_;
  TextLru pages_;
};

// Wraps a GET handler whose answer depends only on the URL (the same for every caller the
// route's access admits): a request is answered from `cache` while the store has not changed
// since the answer was read; anything else (store cannot tell, not a 200) goes to `handler` as
// before. The key is the path and the decoded query, ordered by name.
ApiHandler serve_cached(PageCache& cache, store::ChangeCounter& changes, ApiHandler handler);

}  // namespace poblysh::http::api
