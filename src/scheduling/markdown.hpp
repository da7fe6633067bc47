// scheduling: preparation notes are Markdown; this renders them to HTML that is safe to show,
// with the work and the output bounded as rendering goes (docs/adr/0006-markdown-renderer.md).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/text_lru.hpp"

namespace poblysh::scheduling {

struct MarkdownLimits {
  std::size_t max_html_bytes = 1 << 20;  // the HTML written, counted at every append
  unsigned max_table_cells = 20'000;     // columns × rows of one table, header included
  unsigned max_depth = 32;               // blocks and inline spans open at once, the document included
};

// GitHub-flavoured Markdown → HTML (md4c). Raw HTML is shown as text; links and images keep only
// http, https, mailto and relative URLs; so the result can be inserted into a page as it is.
// Input past a limit is refused as unprocessable (422) with `prep_notes_markdown` naming the
// limit, before the work it would cost is done.
Result<std::string> render_markdown(std::string_view markdown, const MarkdownLimits& limits = {});

// What a page shows for notes: their HTML, or — for notes stored before a limit they now exceed —
// the text itself, escaped, in a <pre>.
std::string notes_html(std::string_view markdown);

// notes_html with a memory of recent notes. An interview's detail shows its notes as HTML on
// every view, and the same notes are viewed again and again. Keyed by the Markdown itself (an
// edit is a new key, so nothing goes stale), bounded in bytes, least recently used dropped
// first. Safe to share between threads.
class MarkdownCache {
 public:
  explicit MarkdownCache(std::size_t max_bytes) : html_(max_bytes) {}
  std::string render(const std::string& markdown);

 private:
  std::mutex mutex_;
  TextLru html_;  // by the notes' text
};

}  // namespace poblysh::scheduling
