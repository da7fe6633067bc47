#include "scheduling/markdown_render.hpp"

#include <md4c.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "scheduling/markdown_attributes.hpp"

namespace poblysh::scheduling::markdown_render {
namespace {

// GFM as the notes have it: tables, strikethrough, task lists, URL and e-mail autolinks; raw
// HTML is not recognised (it stays text, escaped). md4c before 0.5 (Debian's 0.4.8) spends
// quadratic time on runs of "www._" (so no www. autolinks there) and on deep nests of brackets
// once any link definition exists (md4c #172, so brackets are counted first, see prescan);
// MD_FLAG_HARD_SOFT_BREAKS came with 0.5 and tells the two apart.
#ifdef MD_FLAG_HARD_SOFT_BREAKS
constexpr unsigned kFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
constexpr bool kCountBrackets = false;
#else
constexpr unsigned kFlags = (MD_DIALECT_GITHUB | MD_FLAG_NOHTML) & ~MD_FLAG_PERMISSIVEWWWAUTOLINKS;
constexpr bool kCountBrackets = true;
#endif

// md_html() cannot be stopped (its output callback returns void and its parser callbacks always
// return 0), so the HTML is written here, on md_parse(), which stops when a callback returns
// non-zero; the renderer keeps its own refusal besides. The HTML follows md_html's, except that
// link and image URLs are checked as a browser would read them: only http, https, mailto and
// relative URLs are written.
// The element of a span that is one plain tag.
std::string_view span_tag(MD_SPANTYPE type) {
  switch (type) {
    case MD_SPAN_EM: return "em";
    case MD_SPAN_STRONG: return "strong";
    case MD_SPAN_U: return "u";
    case MD_SPAN_CODE: return "code";
    case MD_SPAN_DEL: return "del";
    default: return "";
  }
}

class BoundedHtml {
 public:
  explicit BoundedHtml(const MarkdownLimits& limits) : limits_(limits) {}

  // 0 and the HTML in html(), or a Refusal.
  int render(std::string_view markdown) {
    if (const int refused = prescan(markdown)) return refused;
    MD_PARSER parser{};
    parser.abi_version = 0;
    parser.flags = kFlags;
    parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* self) { return as(self)->enter_block(t, d); };
    parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* self) { return as(self)->leave_block(t, d); };
    parser.enter_span = [](MD_SPANTYPE t, void* d, void* self) { return as(self)->enter_span(t, d); };
    parser.leave_span = [](MD_SPANTYPE t, void* d, void* self) { return as(self)->leave_span(t, d); };
    parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* self) {
      return as(self)->text(t, std::string_view(s, n));
    };
    const int rc = md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, this);
    if (refusal_ != kRenderedOk) return refusal_;
    return rc;  // -1: md4c ran out of memory
  }
  std::string take_html() { return std::move(out_); }

 private:
  static BoundedHtml* as(void* self) { return static_cast<BoundedHtml*>(self); }

  // md4c analyses a block's structure before it calls back: a list or quote nested thousands
  // deep on one line, then blank lines, costs quadratic time there (CVE-2023-24824's shape: 0.3 s
  // for 64 KiB), and before 0.5.0 so does a deep nest of brackets once any link definition
  // exists (md4c #172: 6 s). Both are refused from the text first, in one pass, under the same
  // depth limit: container markers opening a line, and (before 0.5.0) brackets open at once
  // within a paragraph (a blank line closes them all). Both over-count (markers and brackets in
  // code), never under-count.
  int prescan(std::string_view md) const {
    const auto blank = [&](std::size_t i) {
      return i >= md.size() || md[i] == ' ' || md[i] == '\t' || md[i] == '\n' || md[i] == '\r';
    };
    unsigned brackets = 0;
    bool line_start = true;
    for (std::size_t i = 0; i < md.size();) {
      if (line_start) {
        line_start = false;
        std::size_t end = i;
        while (end < md.size() && (md[end] == ' ' || md[end] == '\t')) ++end;
        if (end == md.size() || md[end] == '\n' || md[end] == '\r') brackets = 0;  // a blank line
        // A rule ("* * *", "- - -") opens nothing.
        std::size_t rule_chars = 0;
        const char rule = end < md.size() ? md[end] : '\0';
        for (std::size_t k = end; k < md.size() && md[k] != '\n' && md[k] != '\r'; ++k) {
          if (md[k] == rule) {
            ++rule_chars;
          } else if (md[k] != ' ' && md[k] != '\t') {
            rule_chars = 0;
            break;
          }
        }
        const bool is_rule = (rule == '*' || rule == '-' || rule == '_') && rule_chars >= 3;
        unsigned markers = 0;
        for (std::size_t j = i; !is_rule;) {
          while (j < md.size() && (md[j] == ' ' || md[j] == '\t')) ++j;
          std::size_t digits = j;
          while (digits < md.size() && digits - j < 9 && md[digits] >= '0' && md[digits] <= '9') ++digits;
          if (j < md.size() && md[j] == '>') {
            j += 1;
          } else if (j < md.size() && (md[j] == '-' || md[j] == '+' || md[j] == '*') && blank(j + 1)) {
            j += 1;
          } else if (digits > j && digits < md.size() && (md[digits] == '.' || md[digits] == ')') &&
                     blank(digits + 1)) {
            j = digits + 1;
          } else {
            break;
          }
          if (++markers + 1 > limits_.max_depth) return kTooDeep;  // + the document
        }
      }
      const char c = md[i];
      if (c == '\\' && i + 1 < md.size() && md[i + 1] != '\n' && md[i + 1] != '\r') {
        i += 2;  // an escaped character opens nothing
        continue;
      }
      if (c == '[' && kCountBrackets && ++brackets + 1 > limits_.max_depth) return kTooDeep;
      if (c == ']' && brackets > 0) --brackets;
      if (c == '\n' || c == '\r') {
        line_start = true;
        if (c == '\r' && i + 1 < md.size() && md[i + 1] == '\n') ++i;  // CR LF ends one line
      }
      ++i;
    }
    return kRenderedOk;
  }

  bool put(std::string_view s) {
    if (refusal_ != kRenderedOk) return false;
    if (s.size() > limits_.max_html_bytes - out_.size()) {
      refusal_ = kTooMuchOutput;
      return false;
    }
    out_.append(s);
    return true;
  }
  void put_escaped(std::string_view s) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char* entity = nullptr;
      switch (s[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
      }
      put(s.substr(start, i - start));
      put(entity);
      start = i + 1;
    }
    put(s.substr(start));
  }
  int enter(unsigned extra_depth = 1) {
    depth_ += extra_depth;
    if (depth_ > limits_.max_depth && refusal_ == kRenderedOk) refusal_ = kTooDeep;
    return refusal_;
  }

  void put_url(const MD_ATTRIBUTE& a) {
    if (auto url = markdown_attributes::url_attribute(markdown_attributes::decoded(a))) put(*url);  // else ""
  }
  void put_attribute(const MD_ATTRIBUTE& a) { put_escaped(markdown_attributes::decoded(a)); }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    if (enter() != kRenderedOk) return refusal_;
    block_spans_.push_back(spans_.size());
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: put("<blockquote>\n"); break;
      case MD_BLOCK_UL: put("<ul>\n"); break;
      case MD_BLOCK_OL: {
        const auto* d = static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        put(d->start == 1 ? std::string("<ol>\n") : "<ol start=\"" + std::to_string(d->start) + "\">\n");
        break;
      }
      case MD_BLOCK_LI: {
        const auto* d = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
        if (!d->is_task) {
          put("<li>");
        } else {
          put("<li class=\"task-list-item\"><input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled");
          if (d->task_mark == 'x' || d->task_mark == 'X') put(" checked");
          put(">");
        }
        break;
      }
      case MD_BLOCK_HR: put("<hr>\n"); break;
      case MD_BLOCK_H: put("<h" + std::to_string(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level) + ">"); break;
      case MD_BLOCK_CODE: {
        const auto* d = static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
        put("<pre><code");
        if (d->lang.text != nullptr) {
          put(" class=\"language-");
          put_attribute(d->lang);
          put("\"");
        }
        put(">");
        break;
      }
      case MD_BLOCK_P: put("<p>"); break;
      case MD_BLOCK_TABLE: {
        // Known before a single cell is written: md4c pads short rows with empty cells, so the
        // cells rendered are columns x rows whatever the rows hold.
        const auto* d = static_cast<const MD_BLOCK_TABLE_DETAIL*>(detail);
        const unsigned long long cells =
            static_cast<unsigned long long>(d->col_count) * (d->head_row_count + d->body_row_count);
        if (cells > limits_.max_table_cells) return refusal_ = kTooManyTableCells;
        put("<table>\n");
        break;
      }
      case MD_BLOCK_THEAD: put("<thead>\n"); break;
      case MD_BLOCK_TBODY: put("<tbody>\n"); break;
      case MD_BLOCK_TR: put("<tr>\n"); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        put(type == MD_BLOCK_TH ? "<th" : "<td");
        switch (static_cast<const MD_BLOCK_TD_DETAIL*>(detail)->align) {
          case MD_ALIGN_LEFT: put(" align=\"left\">"); break;
          case MD_ALIGN_CENTER: put(" align=\"center\">"); break;
          case MD_ALIGN_RIGHT: put(" align=\"right\">"); break;
          default: put(">"); break;
        }
        break;
      }
      default: break;  // MD_BLOCK_HTML is not produced under MD_FLAG_NOHTML
    }
    return refusal_;
  }
  int leave_block(MD_BLOCKTYPE type, void* detail) {
    --depth_;
    // Spans md4c left open in the block are closed before it is.
    if (block_spans_.size() > 1) {
      while (spans_.size() > block_spans_.back()) close_span();
      block_spans_.pop_back();
    }
    switch (type) {
      case MD_BLOCK_QUOTE: put("</blockquote>\n"); break;
      case MD_BLOCK_UL: put("</ul>\n"); break;
      case MD_BLOCK_OL: put("</ol>\n"); break;
      case MD_BLOCK_LI: put("</li>\n"); break;
      case MD_BLOCK_H: put("</h" + std::to_string(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level) + ">\n"); break;
      case MD_BLOCK_CODE: put("</code></pre>\n"); break;
      case MD_BLOCK_P: put("</p>\n"); break;
      case MD_BLOCK_TABLE: put("</table>\n"); break;
      case MD_BLOCK_THEAD: put("</thead>\n"); break;
      case MD_BLOCK_TBODY: put("</tbody>\n"); break;
      case MD_BLOCK_TR: put("</tr>\n"); break;
      case MD_BLOCK_TH: put("</th>\n"); break;
      case MD_BLOCK_TD: put("</td>\n"); break;
      default: break;  // the document, <hr>, raw HTML
    }
    return refusal_;
  }
  // Spans are closed from our own stack, not as md4c names them: md4c 0.4.8 can leave a span it
  // never entered (a `~` pair split by a link destination: fuzz/corpus/markdown/regression-*),
  // and every tag written must be closed, in order, within its block.
  struct OpenSpan {
    MD_SPANTYPE type;
    bool written;       // false inside an image, whose text is its alt attribute
    std::string title;  // an image's, written when it closes
  };

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (enter() != kRenderedOk) return refusal_;
    const bool in_image = image_nesting_ > 0;
    if (type == MD_SPAN_IMG) {
      ++image_nesting_;
      const auto* d = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
      spans_.push_back(
          {type, !in_image, d->title.text != nullptr ? markdown_attributes::decoded(d->title) : std::string()});
      if (!in_image) {
        put("<img src=\"");
        put_url(d->src);
        put("\" alt=\"");
      }
      return refusal_;
    }
    spans_.push_back({type, !in_image, {}});
    if (in_image) return refusal_;
    switch (type) {
      case MD_SPAN_EM:
      case MD_SPAN_STRONG:
      case MD_SPAN_U:
      case MD_SPAN_CODE:
      case MD_SPAN_DEL: put("<" + std::string(span_tag(type)) + ">"); break;
      case MD_SPAN_A: {
        const auto* d = static_cast<const MD_SPAN_A_DETAIL*>(detail);
        put("<a href=\"");
        put_url(d->href);
        if (d->title.text != nullptr) {
          put("\" title=\"");
          put_attribute(d->title);
        }
        put("\">");
        break;
      }
      default: break;  // LaTeX and wiki links are not enabled
    }
    return refusal_;
  }
  int leave_span(MD_SPANTYPE, void*) {
    --depth_;
    // One entered within the current block, or none: a leave without its enter writes nothing.
    if (spans_.size() > block_spans_.back()) close_span();
    return refusal_;
  }
  void close_span() {
    const OpenSpan span = std::move(spans_.back());
    spans_.pop_back();
    if (span.type == MD_SPAN_IMG) --image_nesting_;
    if (!span.written) return;
    switch (span.type) {
      case MD_SPAN_IMG:
        if (!span.title.empty()) {
          put("\" title=\"");
          put_escaped(span.title);
        }
        put("\">");
        break;
      case MD_SPAN_EM:
      case MD_SPAN_STRONG:
      case MD_SPAN_U:
      case MD_SPAN_CODE:
      case MD_SPAN_DEL: put("</" + std::string(span_tag(span.type)) + ">"); break;
      case MD_SPAN_A: put("</a>"); break;
      default: break;
    }
  }
  int text(MD_TEXTTYPE type, std::string_view s) {
    switch (type) {
      case MD_TEXT_NULLCHAR: put("\xEF\xBF\xBD"); break;
      case MD_TEXT_BR: put(image_nesting_ > 0 ? " " : "<br>\n"); break;
      case MD_TEXT_SOFTBR: put(image_nesting_ > 0 ? " " : "\n"); break;
      case MD_TEXT_ENTITY: put(s); break;
      default: put_escaped(s); break;  // normal, code, and raw HTML (not produced under NOHTML)
    }
    return refusal_;
  }

  const MarkdownLimits& limits_;
  std::string out_;
  unsigned depth_ = 0;
  int image_nesting_ = 0;
  std::vector<OpenSpan> spans_;
  std::vector<std::size_t> block_spans_{0};  // spans_'s size when each open block began
  int refusal_ = kRenderedOk;
};

}  // namespace

int render(std::string_view markdown, const MarkdownLimits& limits, std::string& html) {
  BoundedHtml renderer(limits);
  const int refusal = renderer.render(markdown);
  if (refusal == kRenderedOk) html = renderer.take_html();
  return refusal;
}

}  // namespace poblysh::scheduling::markdown_render
