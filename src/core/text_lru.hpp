// core: text values kept by text key within a byte budget, the least recently used dropped first.
// Not synchronised: its owners (the page cache, the Markdown cache) hold their own lock.
#pragma once

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace poblysh {

class TextLru {
 public:
  // Keys and values count against `max_bytes`; an entry over a quarter of it is not kept, so
  // one large value cannot empty the cache.
  explicit TextLru(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The value kept under `key`, now the most recently used; null when there is none. Valid
  // until the next put or clear.
  const std::string* find(std::string_view key);
  void put(std::string key, std::string value);
  void clear();

  std::size_t size_bytes() const { return bytes_; }
  std::size_t entries() const { return entries_.size(); }

 private:
  struct Entry {
    std::string key;
    std::string value;
  };
  using Entries = std::list<Entry>;  // most recently used first
  static std::size_t cost(const Entry& entry) { return entry.key.size() + entry.value.size(); }

  const std::size_t max_bytes_;
  Entries entries_;
  std::unordered_map<std::string_view, Entries::iterator> index_;  // views into entries_' keys
  std::size_t bytes_ = 0;
};

}  // namespace poblysh
