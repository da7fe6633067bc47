// Fuzz target: preparation notes, Markdown → HTML (md4c, our bounded renderer). Beyond "no
// crash", the HTML must be what a page can insert as it is: only the tags and attributes the
// renderer writes, balanced, text escaped, no script-capable link, and never over the limit.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.hpp"
#include "scheduling/markdown.hpp"

namespace {

const std::set<std::string, std::less<>> kContainerTags = {
    "a",  "blockquote", "code", "del",    "em",    "h1",    "h2", "h3", "h4",    "h5", "h6", "li",
    "ol", "p",          "pre",  "strong", "table", "tbody", "td", "th", "thead", "tr", "ul"};
const std::set<std::string, std::less<>> kVoidTags = {"br", "hr", "img", "input"};
const std::set<std::string, std::less<>> kAttributes = {"href",  "src",   "alt",  "title",   "class",
                                                        "align", "start", "type", "checked", "disabled"};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Only http, https, mailto and relative URLs, checked independently on what reached the page.
bool is_safe_url(std::string_view value) {
  const std::string url = lower(value);
  const auto end = url.find_first_of(":/?#");
  if (end == std::string::npos || url[end] != ':') return true;
  const std::string scheme = url.substr(0, end);
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Reads one tag starting at html[i] == '<'; returns the index after '>'.
std::size_t check_tag(std::string_view html, std::size_t i, std::vector<std::string>& open) {
  if (html.substr(i).starts_with("<!--")) {
    const auto end = html.find("-->", i + 4);
    FUZZ_CHECK(end != std::string_view::npos);
    return end + 3;
  }
  ++i;
  const bool closing = i < html.size() && html[i] == '/';
  if (closing) ++i;
  const std::size_t name_start = i;
  while (i < html.size() && is_name_char(html[i])) ++i;
  const std::string name(html.substr(name_start, i - name_start));
  FUZZ_CHECK(kContainerTags.count(name) == 1 || kVoidTags.count(name) == 1);
  if (closing) {
    FUZZ_CHECK(i < html.size() && html[i] == '>');
    FUZZ_CHECK(!open.empty() && open.back() == name);
    open.pop_back();
    return i + 1;
  }
  while (true) {
    FUZZ_CHECK(i < html.size());
    if (html[i] == '>') break;
    if (html.substr(i).starts_with(" />")) {
      i += 2;
      break;
    }
    FUZZ_CHECK(html[i] == ' ');
    ++i;
    const std::size_t attribute_start = i;
    while (i < html.size() && (is_name_char(html[i]) || html[i] == '-')) ++i;
    const std::string attribute(html.substr(attribute_start, i - attribute_start));
    FUZZ_CHECK(kAttributes.count(attribute) == 1);
    if (i < html.size() && html[i] == '=') {
      FUZZ_CHECK(i + 1 < html.size() && html[i + 1] == '"');
      const auto value_end = html.find('"', i + 2);
      FUZZ_CHECK(value_end != std::string_view::npos);
      const auto value = html.substr(i + 2, value_end - i - 2);
      FUZZ_CHECK(value.find('<') == std::string_view::npos && value.find('>') == std::string_view::npos);
      if (attribute == "href" || attribute == "src") FUZZ_CHECK(is_safe_url(value));
      i = value_end + 1;
    }
  }
  if (kContainerTags.count(name) == 1) open.push_back(name);
  return i + 1;
}

void check_html(std::string_view html) {
  std::vector<std::string> open;
  for (std::size_t i = 0; i < html.size();) {
    if (html[i] == '<') {
      i = check_tag(html, i, open);
    } else {
      FUZZ_CHECK(html[i] != '>');  // text is escaped: a stray '>' means a tag leaked through
      ++i;
    }
  }
  FUZZ_CHECK(open.empty());
  const std::string folded = lower(html);
  for (std::string_view forbidden : {"<script", "<iframe", "<style", "<object", "<embed", "<svg", "<math"}) {
    FUZZ_CHECK(folded.find(forbidden) == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string markdown(reinterpret_cast<const char*>(data), size);
  const poblysh::scheduling::MarkdownLimits limits;
  if (auto html = poblysh::scheduling::render_markdown(markdown, limits)) {
    FUZZ_CHECK(html->size() <= limits.max_html_bytes);
    check_html(*html);
  }
  check_html(poblysh::scheduling::notes_html(markdown));
  return 0;
}
