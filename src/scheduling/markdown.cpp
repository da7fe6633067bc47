#include "scheduling/markdown.hpp"

#include <cstdlib>
#include <memory>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace poblysh::scheduling {

std::string render_markdown(const std::string& markdown) {
  // Registration is idempotent and cheap after the first call; cmark-gfm keeps it process-wide.
  cmark_gfm_core_extensions_ensure_registered();
  // Without CMARK_OPT_UNSAFE, cmark-gfm omits raw HTML and strips unsafe URLs.
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_SMART;
  std::unique_ptr<cmark_parser, decltype(&cmark_parser_free)> parser(cmark_parser_new(options), cmark_parser_free);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    if (auto* extension = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), extension);
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, decltype(&cmark_node_free)> document(cmark_parser_finish(parser.get()), cmark_node_free);
  char* html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

}  // namespace poblysh::scheduling

namespace poblysh::scheduling {

std::string MarkdownCache::render(const std::string& markdown) {
  {
    std::lock_guard lock(mutex_);
    if (const auto* html = html_.find(markdown)) return *html;
  }
  // Rendered outside the lock; two threads missing the same notes both render, one keeps it.
  std::string html = render_markdown(markdown);
  std::lock_guard lock(mutex_);
  html_.put(markdown, html);
  return html;
}

}  // namespace poblysh::scheduling
