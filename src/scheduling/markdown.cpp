#include "scheduling/markdown.hpp"

#include <string>
#include <utility>

#include "scheduling/markdown_render.hpp"

namespace poblysh::scheduling {
namespace {

using namespace markdown_render;

Error refused(int refusal, const MarkdownLimits& limits) {
  std::string problem;
  switch (refusal) {
    case kTooMuchOutput:
      problem =
          "would be more than " + std::to_string(limits.max_html_bytes >> 10) + " KiB as a page; shorten the notes";
      break;
    case kTooManyTableCells:
      problem = "a table may have at most " + std::to_string(limits.max_table_cells) + " cells (columns × rows)";
      break;
    case kTooDeep:
      problem = "lists, quotes, links and emphasis may be nested at most " + std::to_string(limits.max_depth) +
                " levels deep";
      break;
    default: problem = "could not be read as Markdown"; break;  // md4c ran out of memory
  }
  return Error{ErrorCode::unprocessable,
               "The preparation notes are too complex to show.",
               {{"prep_notes_markdown", problem}},
               "markdown refused: " + std::to_string(refusal),
               {}};
}

}  // namespace

Result<std::string> render_markdown(std::string_view markdown, const MarkdownLimits& limits) {
  std::string html;
  if (const int refusal = markdown_render::render(markdown, limits, html); refusal != kRenderedOk) {
    return fail(refused(refusal, limits));
  }
  return html;
}

std::string notes_html(std::string_view markdown) {
  if (auto html = render_markdown(markdown)) return std::move(*html);
  std::string escaped = "<pre>";
  for (const char c : markdown) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      default: escaped += c; break;
    }
  }
  return escaped + "</pre>\n";
}

std::string MarkdownCache::render(const std::string& markdown) {
  {
    std::lock_guard lock(mutex_);
    if (const auto* html = html_.find(markdown)) return *html;
  }
  // Rendered outside the lock; two threads missing the same notes both render, one keeps it.
  std::string html = notes_html(markdown);
  std::lock_guard lock(mutex_);
  html_.put(markdown, html);
  return html;
}

}  // namespace poblysh::scheduling
