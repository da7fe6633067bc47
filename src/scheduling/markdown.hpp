// scheduling: preparation notes are Markdown; this renders them to HTML that is safe to show.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>

#include "core/text_lru.hpp"

namespace poblysh::scheduling {

// GitHub-flavoured Markdown → HTML. Raw HTML is dropped and dangerous link schemes
// (javascript:, vbscript:, file:, data: other than images) are removed, so the result can be
// inserted into a page as it is.
std::string render_markdown(const std::string& markdown);

// render_markdown with a memory of recent notes. An interview's detail shows its notes as HTML
// on every view, and parsing them was an eighth of the detail's cost; the same notes are viewed
// again and again. Keyed by the Markdown itself (an edit is a new key, so nothing goes stale),
// bounded in bytes, least recently used dropped first. Safe to share between threads.
class MarkdownCache {
 public:
  explicit MarkdownCache(std::size_t max_bytes) : html_(max_bytes) {}
  std::string render(const std::string& markdown);

 private:
  std::mutex mutex_;
  TextLru html_;  // by the notes' text
};

}  // namespace poblysh::scheduling
