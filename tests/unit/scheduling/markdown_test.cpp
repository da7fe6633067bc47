// Markdown bombs: every way notes can expand is refused with the limit named, before the work
// is done; what renders is safe to insert into a page. docs/adr/0006-markdown-renderer.md has
// the figures of these shapes against cmark-gfm and md4c (bench/markdown).
#include "scheduling/markdown.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace poblysh::scheduling {
namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

std::string table(std::size_t columns, std::size_t rows) {
  return "|" + repeat("a|", columns) + "\n|" + repeat("---|", columns) + "\n" + repeat("|x\n", rows);
}

// Refused as unprocessable with the field's problem holding `words`, and fast.
void expect_refused(const std::string& markdown, const std::string& words) {
  const auto started = std::chrono::steady_clock::now();
  auto html = render_markdown(markdown);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(html) << markdown.substr(0, 80);
  EXPECT_EQ(html.error().code, ErrorCode::unprocessable);
  EXPECT_NE(html.error().fields.at("prep_notes_markdown").find(words), std::string::npos)
      << html.error().fields.at("prep_notes_markdown");
  // Generous for a sanitizer build: cmark-gfm took 4 s to over 20 s on these shapes.
  EXPECT_LT(took, std::chrono::seconds(2)) << words;
}

TEST(MarkdownLimits, AWideTableIsRefusedBeforeACellIsWritten) {
  expect_refused(table(500, 10'000), "20000 cells");  // the reported bomb: 55 MB of answer before
  expect_refused(table(25'000, 0), "cells");          // wide enough with no rows at all
  ASSERT_TRUE(render_markdown(table(10, 100)));
}

TEST(MarkdownLimits, DeepNestingIsRefused) {
  expect_refused(repeat(">", 40) + " deep", "nested");
  expect_refused(repeat("- ", 40) + "x", "nested");
  expect_refused(repeat("*a ", 40) + "x" + repeat(" a*", 40), "nested");
  expect_refused(repeat("[", 5000) + "x" + repeat("]", 5000) + "\n\n[x]: https://example.com", "nested");
  ASSERT_TRUE(render_markdown(repeat("> ", 10) + "quoted"));
}

TEST(MarkdownLimits, ExpansionPastTheOutputLimitIsRefused) {
  // One long link definition used many times: each use writes the whole URL again.
  const std::string definition = "[l]: https://example.com/" + std::string(30'000, 'a') + "\n\n";
  expect_refused(definition + repeat("[l] ", 4'000), "KiB as a page");
}

TEST(MarkdownLimits, KnownQuadraticShapesStayFast) {
  for (const std::string& shape :
       {repeat("\"", 50'000), repeat("z_www.", 8'000), repeat("![[]()", 8'000), repeat("](\n[", 12'000),
        repeat("*a_ ", 12'000), repeat("`", 50'000), repeat("&amp;", 10'000), repeat("<", 50'000)}) {
    const auto started = std::chrono::steady_clock::now();
    (void)render_markdown(shape);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << shape.substr(0, 12);
  }
}

TEST(MarkdownSafety, OnlyHttpHttpsMailtoAndRelativeLinksAreWritten) {
  for (const char* link : {"[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java\tscript:alert(1))",
                           "[x](javascript&#58;alert(1))", "[x](vbscript:x)", "[x](file:///etc/passwd)",
                           "[x](data:text/html,<script>x</script>)", "![x](data:image/svg+xml,<svg onload=x>)"}) {
    const auto html = render_markdown(link);
    ASSERT_TRUE(html) << link;
    for (const char* unsafe :
         {"href=\"j", "href=\"J", "href=\"v", "href=\"f", "href=\"d", "src=\"d", "<script", "<svg"}) {
      EXPECT_EQ(html->find(unsafe), std::string::npos) << link << " → " << *html;
    }
  }
  EXPECT_NE(render_markdown("[ok](https://example.com/a?b=1&c=2)")->find("href=\"https://example.com/a?b=1&amp;c=2\""),
            std::string::npos);
  EXPECT_NE(render_markdown("[mail](mailto:ana@example.com)")->find("href=\"mailto:ana@example.com\""),
            std::string::npos);
  EXPECT_NE(render_markdown("[rel](/interviews/4)")->find("href=\"/interviews/4\""), std::string::npos);
}

// The URL written is the one judged: a newline the browser would drop is dropped, not encoded
// into a relative "%0Ahttps://…" (fuzz/corpus/markdown/regression-newline-before-an-autolinks-scheme).
TEST(MarkdownSafety, TheUrlWrittenIsTheUrlJudged) {
  const auto html = render_markdown("<\nhttps://autolink.example>");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("%0A"), std::string::npos) << *html;
  const auto tabbed = render_markdown("[x](ht\ttps://example.com)");
  ASSERT_TRUE(tabbed);
  EXPECT_EQ(tabbed->find("%09"), std::string::npos) << *tabbed;
}

TEST(MarkdownSafety, RawHtmlIsShownAsText) {
  const auto html = render_markdown("<img src=x onerror=alert(1)> <script>x()</script>");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->find("<img"), std::string::npos);
  EXPECT_EQ(html->find("<script"), std::string::npos);
  EXPECT_NE(html->find("&lt;script&gt;"), std::string::npos);
}

TEST(MarkdownSafety, NotesOverALimitAreShownAsEscapedText) {
  const std::string stored = repeat(">", 40) + " <b>old notes</b>";
  const auto html = notes_html(stored);
  EXPECT_TRUE(html.starts_with("<pre>"));
  EXPECT_NE(html.find("&lt;b&gt;old notes&lt;/b&gt;"), std::string::npos);
}

// md4c 0.4.8 left a strikethrough it never entered here (found by the fuzz target): every tag
// written is closed, in order.
TEST(MarkdownSafety, EveryTagWrittenIsClosedEvenWhenMd4cIsNot) {
  // fuzz/corpus/markdown/regression-del-closed-but-never-opened
  const std::string input(
      "[click](javascript:alert(1)) [v](~bscript:msgbox) &[i](data:image](zavascript:alert(1)) [v](~b\x01"
      "\x00"
      "\x00"
      "\x00"
      "script:msgbox) ![i](data:image/png;base64,AAAA)/png;base64,AAAA) [d](data:text/html,x)\n",
      185);
  const auto html = render_markdown(input);
  ASSERT_TRUE(html);
  std::size_t opened = 0, closed = 0;
  for (std::size_t at = html->find("<del>"); at != std::string::npos; at = html->find("<del>", at + 1)) ++opened;
  for (std::size_t at = html->find("</del>"); at != std::string::npos; at = html->find("</del>", at + 1)) ++closed;
  EXPECT_EQ(opened, closed) << *html;
}

TEST(MarkdownRendering, GithubFlavouredNotesRender) {
  const auto html = render_markdown(
      "## Agenda\n\n- [x] intro\n- [ ] ~~pricing~~\n\n| Q | Owner |\n|---|:-:|\n| churn | Ada |\n\n"
      "Ask about **traction** at https://acme.example and `code`.");
  ASSERT_TRUE(html);
  for (const char* part : {"<h2>Agenda</h2>", "<del>pricing</del>", "checked", "<table>", "align=\"center\"",
                           "<strong>traction</strong>", "<a href=\"https://acme.example\">", "<code>code</code>"}) {
    EXPECT_NE(html->find(part), std::string::npos) << part << " in " << *html;
  }
}

TEST(Markdown, RendersFormattingAndDropsScripts) {
  const auto html = notes_html("# Title\n\n*a* **b** [x](https://ok.example) <script>bad()</script>");
  EXPECT_NE(html.find("<h1>Title</h1>"), std::string::npos);
  EXPECT_NE(html.find("<em>a</em>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(notes_html("[x](javascript:alert(1))").find("javascript:"), std::string::npos);
}

TEST(Markdown, TheCacheAnswersWhatRenderingWould) {
  MarkdownCache cache(2000);  // a few notes' worth, so older ones are dropped
  for (int round = 0; round < 3; ++round) {
    for (int k = 0; k < 20; ++k) {
      const std::string notes = "## Notes " + std::to_string(k) + "\n\n- **bold** and <script>x</script>";
      ASSERT_EQ(cache.render(notes), notes_html(notes)) << k;
    }
  }
  const std::string big(1000, 'x');  // over a quarter of the cache: rendered, not kept
  EXPECT_EQ(cache.render(big), notes_html(big));
  EXPECT_EQ(cache.render(""), "");
}

}  // namespace
}  // namespace poblysh::scheduling
