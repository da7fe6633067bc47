#include "core/text_lru.hpp"

namespace poblysh {

const std::string* TextLru::find(std::string_view key) {
  auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return &found->second->value;
}

void TextLru::put(std::string key, std::string value) {
  if (key.size() + value.size() > max_bytes_ / 4) return;
  if (auto found = index_.find(key); found != index_.end()) {
    bytes_ -= cost(*found->second);
    entries_.erase(found->second);
    index_.erase(found);
  }
  Entry entry{std::move(key), std::move(value)};
  const std::size_t incoming = cost(entry);
  while (!entries_.empty() && bytes_ + incoming > max_bytes_) {
    bytes_ -= cost(entries_.back());
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
  bytes_ += incoming;
  entries_.push_front(std::move(entry));
  index_.emplace(entries_.front().key, entries_.begin());
}

void TextLru::clear() {
  index_.clear();
  entries_.clear();
  bytes_ = 0;
}

}  // namespace poblysh
