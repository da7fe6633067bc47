// Benchmark: hostile Markdown against the two GFM renderers Debian packages, at the size the
// service accepts. For every generated input and renderer it prints the CPU time, the peak
// memory the render added, and the HTML bytes produced, each input rendered in a forked child
// (20 s and 2 GiB address space at most), so one bomb cannot take the others or the machine down.
//
// Renderers:
//   cmark-gfm      as the service called it before md4c (Debian libcmark-gfm 0.29.0.gfm.6)
//   cmark+walk     the same parse, then a walk of the tree that refuses before rendering when the
//                  table cells, nesting depth or an estimate of the HTML exceed kLimits
//   md_html        md4c's own HTML renderer (Debian libmd4c-html 0.4.8), GFM flags, no raw HTML
//   md4c-bounded   md_parse with the renderer below (BoundedHtml, which the service runs as
//                  src/scheduling/markdown_render.cpp): a one-pass check of the text
//                  for deep nesting, then the limits checked in md4c's callbacks as the HTML is
//                  written, and link schemes filtered
//
// Not part of the CMake build; built and run by hand (`apt-get install libcmark-gfm-dev
// libmd4c-html0-dev` first: the project itself needs neither):
//   g++ -O2 -std=c++20 -Wall -Wextra -Isrc bench/markdown/markdown_bombs.cpp src/scheduling/markdown_render.cpp src/scheduling/markdown_attributes.cpp
//       -o /tmp/markdown_bombs $(pkg-config --cflags --libs libcmark-gfm md4c-html)
// Against upstream md4c instead of Debian's (the sources of a release in /tmp/md4c, md4c.c,
// md4c-html.c, entity.c and their headers):
//   (cd /tmp/md4c && gcc -O2 -c md4c.c md4c-html.c entity.c)
//   g++ -O2 -std=c++20 -I/tmp/md4c -Isrc bench/markdown/markdown_bombs.cpp src/scheduling/markdown_render.cpp src/scheduling/markdown_attributes.cpp
//       /tmp/md4c/*.o -o /tmp/markdown_bombs_upstream $(pkg-config --cflags --libs libcmark-gfm)
//
//   nice /tmp/markdown_bombs                  # every case at 16 KiB and 64 KiB, every renderer
//   nice /tmp/markdown_bombs table ref        # only the cases whose name holds "table" or "ref"
//   /tmp/markdown_bombs --renderers md_html,md4c-bounded   # some of the renderers
//   /tmp/markdown_bombs --no-smart quotes     # cmark-gfm without CMARK_OPT_SMART
//   /tmp/markdown_bombs --sizes 22004 table   # other input budgets (bytes, comma-separated)
//   /tmp/markdown_bombs --probe               # unsafe links: what each renderer writes
//   /tmp/markdown_bombs --abort-check         # what md_parse returns when a callback returns -3 / +3
//   /tmp/markdown_bombs --compare             # BoundedHtml against md_html on ordinary notes
//   valgrind /tmp/markdown_bombs --overread   # md4c reading past the input's end
//   /tmp/markdown_bombs --dump NAME SIZE      # write one generated input to stdout
//   /tmp/markdown_bombs --file notes.md       # measure one file of your own
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <md4c-html.h>
#include <md4c.h>

#include "scheduling/markdown_render.hpp"

namespace {

constexpr double kTimeLimitSeconds = 20.0;
constexpr rlim_t kAddressSpaceLimit = rlim_t{2} << 30;  // 2 GiB per child

// The service's limits (docs/adr/0006-markdown-renderer.md).
const poblysh::scheduling::MarkdownLimits kLimits;

// GFM as the service has it: tables, strikethrough, task lists, www/URL/e-mail autolinks; raw HTML
// is not recognised (it stays text, escaped).
constexpr unsigned kMd4cFlags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
// The bounded renderer's flags. md4c before 0.5.0 (Debian's 0.4.8; MD_FLAG_HARD_SOFT_BREAKS came
// with 0.5.0) spends quadratic time on runs of "www._"; without www autolinks it does not.
// "https://…" and e-mail addresses are still linked.
// Before 0.5.0 it is also quadratic in the depth of nested brackets once any link definition
// exists (md4c #172), so there brackets are counted before parsing too (the renderer's prescan).
#ifdef MD_FLAG_HARD_SOFT_BREAKS
constexpr unsigned kBoundedFlags = kMd4cFlags;
constexpr const char* kMd4cBuild = "md4c 0.5 or later";
#else
constexpr unsigned kBoundedFlags = kMd4cFlags & ~MD_FLAG_PERMISSIVEWWWAUTOLINKS;
constexpr const char* kMd4cBuild = "md4c before 0.5";
#endif

// ---------------------------------------------------------------------------------------------
// The bounded renderer is the service's own (src/scheduling/markdown_render.cpp, compiled in; see
// the build line above): md_parse with the limits checked in its callbacks as the HTML is written.

class BoundedHtml {
 public:
  explicit BoundedHtml(const poblysh::scheduling::MarkdownLimits& limits) : limits_(limits) {}
  int render(std::string_view markdown) { return poblysh::scheduling::markdown_render::render(markdown, limits_, html_); }
  const std::string& html() const { return html_; }

 private:
  poblysh::scheduling::MarkdownLimits limits_;
  std::string html_;
};

using namespace poblysh::scheduling::markdown_render;  // Refusal: the service's own codes

const char* refusal_name(int code) {
  switch (code) {
    case kTooMuchOutput: return "422 output";
    case kTooManyTableCells: return "422 cells";
    case kTooDeep: return "422 depth";
    default: return "error";
  }
}

// ---------------------------------------------------------------------------------------------
// The renderers measured. Each returns the HTML's size, or a negative Refusal.

bool g_cmark_smart = true;  // --no-smart: without CMARK_OPT_SMART

long long render_cmark(const std::string& markdown, bool walk_first) {
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | (g_cmark_smart ? CMARK_OPT_SMART : 0);
  cmark_parser* parser = cmark_parser_new(options);
  for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
    if (auto* extension = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, extension);
  }
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* document = cmark_parser_finish(parser);
  long long result = 0;
  if (walk_first) {
    // The best a caller of the packaged cmark-gfm can do: the tree is complete, nothing is
    // rendered yet. Cells are counted as columns x rows (short rows are padded with empty cells);
    // the HTML is estimated from below (literal text, URLs and titles once, 10 bytes a cell,
    // 4 a node), so what passes is rendered and its real size checked.
    unsigned long long cells = 0, estimate = 0;
    unsigned depth = 0, max_depth = 0;
    cmark_iter* it = cmark_iter_new(document);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      cmark_node* node = cmark_iter_get_node(it);
      const bool has_children = cmark_node_first_child(node) != nullptr;
      if (ev == CMARK_EVENT_EXIT) {
        if (has_children) --depth;
        continue;
      }
      if (has_children && ++depth > max_depth) max_depth = depth;
      estimate += 4;
      if (const char* literal = cmark_node_get_literal(node)) estimate += std::strlen(literal);
      const cmark_node_type type = cmark_node_get_type(node);
      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
        if (const char* url = cmark_node_get_url(node)) estimate += std::strlen(url);
        if (const char* title = cmark_node_get_title(node)) estimate += std::strlen(title);
      }
      if (std::strcmp(cmark_node_get_type_string(node), "table_row") == 0) {
        const unsigned columns = cmark_gfm_extensions_get_table_columns(cmark_node_parent(node));
        cells += columns;
        estimate += 10 * columns;
      }
    }
    cmark_iter_free(it);
    if (cells > kLimits.max_table_cells) result = kTooManyTableCells;
    else if (max_depth + 1 > kLimits.max_depth) result = kTooDeep;  // + the document, as md4c counts it
    else if (estimate > kLimits.max_html_bytes) result = kTooMuchOutput;
  }
  if (result == 0) {
    char* html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
    std::string out(html);  // the service copies it into a std::string
    std::free(html);
    result = static_cast<long long>(out.size());
    if (walk_first && out.size() > kLimits.max_html_bytes) result = kTooMuchOutput;
  }
  cmark_node_free(document);
  cmark_parser_free(parser);
  return result;
}

struct Md4cSink {
  std::string out;
  unsigned long long bytes = 0;
  bool out_of_memory = false;  // the HTML no longer fits under the child's 2 GiB: keep counting
};

long long render_md_html(const std::string& markdown) {
  Md4cSink sink;
  const int rc = md_html(
      markdown.data(), static_cast<MD_SIZE>(markdown.size()),
      [](const MD_CHAR* s, MD_SIZE n, void* u) {
        auto* sink = static_cast<Md4cSink*>(u);
        sink->bytes += n;
        if (sink->out_of_memory) return;
        try {
          sink->out.append(s, n);
        } catch (const std::bad_alloc&) {
          sink->out_of_memory = true;
          std::string().swap(sink->out);
        }
      },
      &sink, kMd4cFlags, 0);
  if (rc != 0) return -1;
  return sink.out_of_memory ? -static_cast<long long>(sink.bytes) - 1000 : static_cast<long long>(sink.bytes);
}

long long render_md4c_bounded(const std::string& markdown) {
  BoundedHtml renderer(kLimits);
  const int rc = renderer.render(markdown);
  if (rc != 0) return rc;
  return static_cast<long long>(renderer.html().size());
}

enum class Renderer { kCmark, kCmarkWalk, kMdHtml, kMd4cBounded };
constexpr Renderer kRenderers[] = {Renderer::kCmark, Renderer::kCmarkWalk, Renderer::kMdHtml, Renderer::kMd4cBounded};
const char* renderer_name(Renderer r) {
  switch (r) {
    case Renderer::kCmark: return "cmark-gfm";
    case Renderer::kCmarkWalk: return "cmark+walk";
    case Renderer::kMdHtml: return "md_html";
    case Renderer::kMd4cBounded: return "md4c-bounded";
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------
// One render in a forked child.

struct Measurement {
  enum Kind { kOk, kRefused, kTimedOut, kOutOfMemory, kCrashed } kind = kOk;
  double cpu_ms = 0;            // user + system time of the child
  double wall_ms = 0;           // the render's real time (the time limit when killed)
  double extra_mib = 0;         // peak resident set above the child's at fork
  long long output_bytes = 0;   // HTML bytes, also counted when too big to keep (md_html)
  int refusal = 0;
  int signal = 0;
};

Measurement measure(Renderer renderer, const std::string& input) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) std::abort();
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid == 0) {
    close(pipe_fds[0]);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    const rlimit cap{kAddressSpaceLimit, kAddressSpaceLimit};
    setrlimit(RLIMIT_AS, &cap);
    long long result = 0;
    const auto start = std::chrono::steady_clock::now();
    switch (renderer) {
      case Renderer::kCmark: result = render_cmark(input, false); break;
      case Renderer::kCmarkWalk: result = render_cmark(input, true); break;
      case Renderer::kMdHtml: result = render_md_html(input); break;
      case Renderer::kMd4cBounded: result = render_md4c_bounded(input); break;
    }
    const long long wall_us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    const long long report[3] = {before.ru_maxrss, result, wall_us};
    if (write(pipe_fds[1], report, sizeof report) != sizeof report) _exit(3);
    _exit(0);
  }
  close(pipe_fds[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(kTimeLimitSeconds);
  int status = 0;
  rusage usage{};
  bool timed_out = false;
  while (wait4(pid, &status, WNOHANG, &usage) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      wait4(pid, &status, 0, &usage);
      timed_out = true;
      break;
    }
    usleep(2000);
  }
  long long report[3] = {0, 0, 0};
  const bool reported = read(pipe_fds[0], report, sizeof report) == sizeof report;
  close(pipe_fds[0]);

  Measurement m;
  m.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
             (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
  m.wall_ms = reported ? report[2] / 1e3 : kTimeLimitSeconds * 1e3;
  m.extra_mib = reported ? std::max(0.0, (usage.ru_maxrss - report[0]) / 1024.0) : usage.ru_maxrss / 1024.0;
  if (timed_out) {
    m.kind = Measurement::kTimedOut;
  } else if (!reported || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    // cmark-gfm aborts when an allocation fails; anything else is a crash.
    m.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    m.kind = m.signal == SIGABRT ? Measurement::kOutOfMemory : Measurement::kCrashed;
  } else if (report[1] <= -1000) {
    m.kind = Measurement::kOutOfMemory;  // md_html finished, its HTML did not fit in 2 GiB
    m.output_bytes = -report[1] - 1000;
  } else if (report[1] < 0) {
    m.kind = Measurement::kRefused;
    m.refusal = static_cast<int>(report[1]);
  } else {
    m.output_bytes = report[1];
  }
  return m;
}

std::string human_bytes(long long b) {
  char buf[32];
  if (b < 10'000) std::snprintf(buf, sizeof buf, "%lld B", b);
  else if (b < 10'000'000) std::snprintf(buf, sizeof buf, "%.0f KB", b / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  return buf;
}

std::string cell(const Measurement& m) {
  char buf[128];
  switch (m.kind) {
    case Measurement::kOk:
      std::snprintf(buf, sizeof buf, "%.0f (%.0f) ms, +%.1f MiB, %s", m.cpu_ms, m.wall_ms, m.extra_mib,
                    human_bytes(m.output_bytes).c_str());
      break;
    case Measurement::kRefused:
      std::snprintf(buf, sizeof buf, "%s (%.0f (%.0f) ms, +%.1f MiB)", refusal_name(m.refusal), m.cpu_ms, m.wall_ms,
                    m.extra_mib);
      break;
    case Measurement::kTimedOut:
      std::snprintf(buf, sizeof buf, "> %.0f s (killed, +%.0f MiB)", kTimeLimitSeconds, m.extra_mib);
      break;
    case Measurement::kOutOfMemory:
      if (m.output_bytes > 0) {
        std::snprintf(buf, sizeof buf, "%.0f (%.0f) ms, > 2 GiB, %s", m.cpu_ms, m.wall_ms,
                      human_bytes(m.output_bytes).c_str());
      } else {
        std::snprintf(buf, sizeof buf, "out of memory at 2 GiB (%.0f ms)", m.cpu_ms);
      }
      break;
    case Measurement::kCrashed:
      std::snprintf(buf, sizeof buf, "crashed (signal %d)", m.signal);
      break;
  }
  return buf;
}

// ---------------------------------------------------------------------------------------------
// The hostile inputs. Each generator fills (without exceeding) a byte budget.

std::string repeat(std::string_view unit, std::size_t times) {
  std::string s;
  s.reserve(unit.size() * times);
  for (std::size_t i = 0; i < times; ++i) s += unit;
  return s;
}
// prefix + unit... + suffix, as many units as fit in the budget
std::string fill(std::size_t budget, std::string_view unit, std::string_view prefix = "",
                 std::string_view suffix = "") {
  const std::size_t room = budget > prefix.size() + suffix.size() ? budget - prefix.size() - suffix.size() : 0;
  return std::string(prefix) + repeat(unit, room / unit.size()) + std::string(suffix);
}
// a^n + middle + b^n, n as large as fits
std::string sandwich(std::size_t budget, std::string_view a, std::string_view middle, std::string_view b) {
  const std::size_t n = (budget - middle.size()) / (a.size() + b.size());
  return repeat(a, n) + std::string(middle) + repeat(b, n);
}
// md4c 0.4.8 takes a delimiter row only with 3 dashes or more per column (upstream accepts one
// since 0.5.0); cmark-gfm takes one. "---|" tables are tables to both.
std::string table(std::size_t columns, std::size_t rows, std::string_view row, std::string_view delimiter = "---|") {
  return "|" + repeat("a|", columns) + "\n|" + repeat(delimiter, columns) + "\n" + repeat(row, rows);
}

struct Case {
  std::string name;
  std::string shape;  // for the report
  std::function<std::string(std::size_t)> make;
};

std::vector<Case> cases() {
  std::vector<Case> c;
  auto add = [&](std::string name, std::string shape, std::function<std::string(std::size_t)> make) {
    c.push_back({std::move(name), std::move(shape), std::move(make)});
  };
  // --- what ordinary notes cost
  add("benign notes", "headings, lists, tasks, a 4x6 table, links, code, repeated", [](std::size_t b) {
    const std::string note =
        "## Interview with Quill Health\n\n"
        "We want to learn **how doctors write notes** today, and _where_ the time goes.\n\n"
        "- [x] Send the consent form\n- [ ] Ask about the night shift\n- [ ] Bring the prototype\n\n"
        "1. Introductions (5 min)\n2. Current workflow\n   - paper\n   - dictation via https://example.com/dictate\n"
        "3. Wrap-up\n\n"
        "| Topic | Owner | Minutes | Notes |\n|:--|:-:|--:|---|\n"
        "| Intro | Ana | 5 | keep it short |\n| Workflow | Ben | 20 | ~~slides~~ demo |\n"
        "| Pain points | Ana | 15 | see [last call](https://example.com/calls/42 \"Call 42\") |\n"
        "| Wrap-up | Ben | 5 | `next steps` |\n| Spare | - | 5 | |\n\n"
        "> Remember: ask *open* questions, then stay quiet.\n\n"
        "```text\nQ1: Walk me through yesterday's last patient.\n```\n\n"
        "Contact: ana@example.com or www.example.com/team\n\n---\n\n";
    return fill(b, note);
  });
  // --- tables: short rows are padded with empty cells, so cells = columns x rows
  // The report's input: 500 columns, 10,000 one-character rows, 22,004 bytes. Rows of "x" are what
  // expands in cmark-gfm 0.29.0.gfm.6 (a row of a lone "|" ends its table there, not in md4c).
  add("table 500x10000, '-|', rows 'x'", "'|'+'a|'*500, '|'+'-|'*500, 'x\\n'*10000; fixed size",
      [](std::size_t) { return table(500, 10'000, "x\n", "-|"); });
  add("table 500x10000, '-|', rows '|'", "the same with rows of '|'; fixed size",
      [](std::size_t) { return table(500, 10'000, "|\n", "-|"); });
  add("table 500x10000, '---|', rows 'x'", "the same with '---|' delimiters (a table to md4c 0.4.8 too); fixed size",
      [](std::size_t) { return table(500, 10'000, "x\n"); });
  add("table widest area", "'---|' x budget/12 columns, rows of 'x' fill the rest", [](std::size_t b) {
    const std::size_t columns = b / 12;
    return table(columns, (b - 6 * columns - 4) / 2, "x\n");
  });
  add("table 128 cols, rows of x", "md4c #345's shape under upstream's 128-column cap", [](std::size_t b) {
    return table(128, (b - 6 * 128 - 4) / 2, "x\n");
  });
  add("CVE-2023-37463 #2", "'|'+'x|'*n, '|'+'---|'*n, 'a\\n'*n",
      [](std::size_t b) { return table(b / 8, b / 8, "a\n"); });
  add("CVE-2023-37463 #1", "'|'+'x|'*n, '|'+'---|'*n (one wide header)",
      [](std::size_t b) { return table((b - 4) / 6, 0, ""); });
  add("many small tables", "'|a|b|\\n|---|---|\\n|c|d|\\n\\n' repeated",
      [](std::size_t b) { return fill(b, "|a|b|\n|---|---|\n|c|d|\n\n"); });
  // --- nesting
  add("nested quotes '>'", "'>'*n + 'a'", [](std::size_t b) { return fill(b, ">", "", "a"); });
  add("nested quotes '> '", "'> '*n + 'a'", [](std::size_t b) { return fill(b, "> ", "", "a"); });
  add("nested lists '- '", "'- '*n + 'a'", [](std::size_t b) { return fill(b, "- ", "", "a"); });
  add("nested lists by indent", "'  '*i + '- a\\n', i = 0, 1, 2, ...", [](std::size_t b) {
    std::string s;
    for (std::size_t i = 0;; ++i) {
      std::string line = std::string(2 * i, ' ') + "- a\n";
      if (s.size() + line.size() > b) break;
      s += line;
    }
    return s;
  });
  add("nested emphasis", "'*a **a '*n + 'b' + ' a** a*'*n",
      [](std::size_t b) { return sandwich(b, "*a **a ", "b", " a** a*"); });
  add("nested brackets", "'['*n + 'a' + ']'*n", [](std::size_t b) { return sandwich(b, "[", "a", "]"); });
  add("nested brackets + a definition", "'['*n + ']'*n + '\\n\\n[a]: /b' (md4c #172)",
      [](std::size_t b) { return sandwich(b - 10, "[", "", "]") + "\n\n[a]: /b"; });
  add("'![[' runs", "'![['*n", [](std::size_t b) { return fill(b, "![["); });
  add("'![[![[' + closers", "'![['*n + 'a' + ']]'*n", [](std::size_t b) { return sandwich(b, "![[", "a", "]]"); });
  // --- link reference definitions: one definition, written out at every use
  add("reference 1 KB URL", "'[x]: /'+1000 bytes, then '[x] '*n", [](std::size_t b) {
    return fill(b, "[x] ", "[x]: /" + std::string(1000, 'u') + "\n\n");
  });
  add("reference half the input", "'[x]: /'+budget/2 bytes, then '[x] '*n", [](std::size_t b) {
    return fill(b, "[x] ", "[x]: /" + std::string(b / 2, 'u') + "\n\n");
  });
  add("image reference 1 KB URL+title", "'[x]: /'+500 'u' + title of 500, then '![x] '*n", [](std::size_t b) {
    return fill(b, "![x] ", "[x]: /" + std::string(500, 'u') + " \"" + std::string(500, 't') + "\"\n\n");
  });
  add("definition + '[a]\\n' lines", "'[b]: /u\\n\\n' + '[a]\\n'*n (an undefined label per line)",
      [](std::size_t b) { return fill(b, "[a]\n", "[b]: /u\n\n"); });
  add("md4c #238", "'[x]: '+'x'*n + '\\n[x]'*n", [](std::size_t b) {
    const std::size_t n = (b - 5) / 5;
    return "[x]: " + std::string(n, 'x') + repeat("\n[x]", n);
  });
  // --- code spans, entities, escaping
  add("backtick runs", "'e'+'`'*i, i = 1, 2, 3, ...", [](std::size_t b) {
    std::string s;
    for (std::size_t i = 1; s.size() + i + 1 <= b; ++i) s += "e" + std::string(i, '`');
    return s;
  });
  add("backticks and escapes", "'\\\\``'*n", [](std::size_t b) { return fill(b, "\\``"); });
  add("entities '&amp;'", "'&amp;'*n", [](std::size_t b) { return fill(b, "&amp;"); });
  add("bare '&'", "'&'*n", [](std::size_t b) { return fill(b, "&"); });
  add("quotes '\"'", "'\"'*n", [](std::size_t b) { return fill(b, "\""); });
  add("apostrophes", "\"'\"*n", [](std::size_t b) { return fill(b, "'"); });
  add("line of '<'", "'<'*n", [](std::size_t b) { return fill(b, "<"); });
  add("'<>' pairs", "'<>'*n", [](std::size_t b) { return fill(b, "<>"); });
  // --- autolinks
  add("www autolinks", "'www.a.co '*n", [](std::size_t b) { return fill(b, "www.a.co "); });
  add("e-mail autolinks", "'a@b.co '*n", [](std::size_t b) { return fill(b, "a@b.co "); });
  add("<URL> autolinks", "'<http://a> '*n", [](std::size_t b) { return fill(b, "<http://a> "); });
  add("md4c 'www._'", "'www._'*n + 'x'", [](std::size_t b) { return fill(b, "www._", "", "x"); });
  // --- blocks that expand
  add("task list items", "'- [ ]\\n'*n", [](std::size_t b) { return fill(b, "- [ ]\n"); });
  add("empty list items", "'-\\n'*n", [](std::size_t b) { return fill(b, "-\n"); });
  add("empty quotes", "'>\\n\\n'*n", [](std::size_t b) { return fill(b, ">\n\n"); });
  add("headings", "'#\\n'*n", [](std::size_t b) { return fill(b, "#\n"); });
  add("hard breaks", "'a\\\\\\n'*n", [](std::size_t b) { return fill(b, "a\\\n"); });
  // --- cmark's pathological suite
  add("emph closers no openers", "'a_ '*n", [](std::size_t b) { return fill(b, "a_ "); });
  add("emph openers no closers", "'_a '*n", [](std::size_t b) { return fill(b, "_a "); });
  add("mismatched openers/closers", "'*a_ '*n", [](std::size_t b) { return fill(b, "*a_ "); });
  add("openers/closers multiple of 3", "'a**b' + 'c* '*n", [](std::size_t b) { return fill(b, "c* ", "a**b"); });
  add("link openers + emph closers", "'[ a_'*n", [](std::size_t b) { return fill(b, "[ a_"); });
  add("pattern '[ (]('", "'[ (]('*n", [](std::size_t b) { return fill(b, "[ (]("); });
  add("unclosed links A", "'[a](<b'*n", [](std::size_t b) { return fill(b, "[a](<b"); });
  add("unclosed links B", "'[a](b'*n", [](std::size_t b) { return fill(b, "[a](b"); });
  add("md4c #236", "'](['+'\\n' *n", [](std::size_t b) { return fill(b, "]([\n"); });
  // --- cmark-gfm's 2022-2023 advisories, shapes as in the regression suites that accompany the fixes
  add("CVE-2022-39209", "'![l'*n (autolink; fixed in gfm.6)", [](std::size_t b) { return fill(b, "![l"); });
  add("CVE-2023-22483 #1", "'-1' + '<?x'*n + 'y'", [](std::size_t b) { return fill(b, "<?x", "-1", "y"); });
  add("CVE-2023-22483 #2", "'|-\\nt>|-\\n'*n + 'y'", [](std::size_t b) { return fill(b, "|-\nt>|-\n", "", "y"); });
  add("CVE-2023-22483 #3", "'*t '*n + '_t*_ '*n", [](std::size_t b) { return sandwich(b, "*t ", "", "_t*_ "); });
  add("CVE-2023-22483 #4", "'x\\n| - |\\n' + '|'*n + 'y'",
      [](std::size_t b) { return fill(b, "|", "x\n| - |\n", "y"); });
  add("CVE-2023-22483 #5", "'z_www.'*n", [](std::size_t b) { return fill(b, "z_www."); });
  add("CVE-2023-22483 #6", "'[f]:u\\n\"\\n' + '[f]\\n'*n + '[f]:u \"t\\n'",
      [](std::size_t b) { return fill(b, "[f]\n", "[f]:u\n\"\n", "[f]:u \"t\n"); });
  add("CVE-2023-22483 #7", "'www.' + ')'*n", [](std::size_t b) { return fill(b, ")", "www."); });
  add("CVE-2023-22483 #8", "':-\\n' + ':\\n'*n + ':-\\n'",
      [](std::size_t b) { return fill(b, ":\n", ":-\n", ":-\n"); });
  add("CVE-2023-22483 #9", "'<http://s'*n", [](std::size_t b) { return fill(b, "<http://s"); });
  add("CVE-2023-22483 #10", "'~e' + ',z~~'*n", [](std::size_t b) { return fill(b, ",z~~", "~e"); });
  add("CVE-2023-22483 #11", "'>'*n + '.'*n", [](std::size_t b) { return sandwich(b, ">", "", "."); });
  add("CVE-2023-22484", "'</' + '<!--'*n", [](std::size_t b) { return fill(b, "<!--", "</"); });
  add("CVE-2023-22486", "'![[]()'*n", [](std::size_t b) { return fill(b, "![[]()"); });
  add("CVE-2023-24824 #1", "'>'*n + 'a*'*n", [](std::size_t b) { return sandwich(b, ">", "", "a*"); });
  add("CVE-2023-24824 #2", "' -'*n + 'x' + '\\n'*n", [](std::size_t b) { return sandwich(b, " -", "x", "\n"); });
  add("CVE-2023-26485 #1", "'_'*n + '.' + '_'*n", [](std::size_t b) { return sandwich(b, "_", ".", "_"); });
  add("CVE-2023-26485 #2", "'1.\\n' + ' 2.\\n'*n", [](std::size_t b) { return fill(b, " 2.\n", "1.\n"); });
  add("CVE-2023-26485 #3", "' -\\n'*n + 'x'", [](std::size_t b) { return fill(b, " -\n", "", "x\n"); });
  return c;
}

// ---------------------------------------------------------------------------------------------
// Modes

std::vector<std::size_t> parse_sizes(const char* s) {
  std::vector<std::size_t> sizes;
  for (const char* p = s; *p;) {
    char* end = nullptr;
    sizes.push_back(std::strtoull(p, &end, 10));
    p = *end == ',' ? end + 1 : end;
  }
  return sizes;
}

// Text for a cell of a Markdown table: its pipes escaped.
std::string table_text(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::vector<Renderer> g_renderers(std::begin(kRenderers), std::end(kRenderers));

int run_table(const std::vector<std::size_t>& sizes, const std::vector<std::string>& filters) {
  std::printf("Renderers: cmark-gfm %s as the service calls it; cmark+walk (refuse from the tree before rendering);\n"
              "md_html (%s); md4c-bounded (md_parse + the limits checked as the HTML is written%s).\n"
              "Limits: %zu bytes of HTML, %u table cells, depth %u.\n"
              "Each cell: CPU (wall) time of the render, peak resident memory it added, HTML bytes.\n\n",
              cmark_version_string(), kMd4cBuild,
              kBoundedFlags == kMd4cFlags ? "" : ", no www autolinks", kLimits.max_html_bytes,
              kLimits.max_table_cells, kLimits.max_depth);
  std::printf("| case | shape | input |");
  for (Renderer r : g_renderers) std::printf(" %s |", renderer_name(r));
  std::printf("\n|---|---|--:|");
  for ([[maybe_unused]] Renderer r : g_renderers) std::printf("---|");
  std::printf("\n");
  for (const Case& c : cases()) {
    if (!filters.empty()) {
      bool wanted = false;
      for (const std::string& f : filters) wanted = wanted || c.name.find(f) != std::string::npos;
      if (!wanted) continue;
    }
    const bool fixed = c.name.starts_with("table 500x");  // fixed size, run once
    for (std::size_t budget : fixed ? std::vector<std::size_t>{0} : sizes) {
      const std::string input = c.make(budget);
      std::printf("| %s | %s | %zu |", table_text(c.name).c_str(), table_text(c.shape).c_str(), input.size());
      for (Renderer r : g_renderers) std::printf(" %s |", cell(measure(r, input)).c_str());
      std::printf("\n");
    }
  }
  return 0;
}

void probe() {
  const char* probes[] = {
      "[a](javascript:alert(1))",
      "[a](JaVaScRiPt:alert(1))",
      "[a](javascript&#58;alert(1))",
      "[a](<java\tscript:alert(1)>)",
      "[a](vbscript:x) [b](file:///etc/passwd) [c](data:text/html,x) ![d](data:image/png;base64,AA)",
      "<javascript:alert(1)>",
      "[a]: javascript:alert(1)\n\n[a]",
      "<script>alert(1)</script> <img src=x onerror=alert(1)>",
      "[a](http://x.test/?a=1&amp;b=2 \"t&quot;\") a@b.co www.x.test",
      "![a *b* ![c](d)](e \"f\")",
  };
  for (const char* p : probes) {
    std::printf("input: %s\n", p);
    const std::string in(p);
    {
      cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_SMART);
      for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"}) {
        if (auto* e = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser, e);
      }
      cmark_parser_feed(parser, in.data(), in.size());
      cmark_node* doc = cmark_parser_finish(parser);
      char* html = cmark_render_html(doc, CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_SMART,
                                     cmark_parser_get_syntax_extensions(parser));
      std::printf("  cmark-gfm:    %s", html);
      std::free(html);
      cmark_node_free(doc);
      cmark_parser_free(parser);
    }
    {
      std::string out;
      md_html(in.data(), static_cast<MD_SIZE>(in.size()),
              [](const MD_CHAR* s, MD_SIZE n, void* u) { static_cast<std::string*>(u)->append(s, n); }, &out,
              kMd4cFlags, 0);
      std::printf("  md_html:      %s", out.c_str());
    }
    {
      BoundedHtml r(kLimits);
      r.render(in);
      std::printf("  md4c-bounded: %s", r.html().c_str());
    }
  }
}

void abort_check() {
  // A callback that refuses the first table cell with `code`: what md_parse returns, and
  // whether any further callback is made.
  for (int code : {-3, 3}) {
    struct State {
      int code;
      int calls_after = 0;
      bool refused = false;
    } state{code};
    MD_PARSER p{};
    p.flags = kMd4cFlags;
    p.enter_block = [](MD_BLOCKTYPE t, void*, void* u) {
      auto* s = static_cast<State*>(u);
      if (s->refused) ++s->calls_after;
      if (t == MD_BLOCK_TD && !s->refused) {
        s->refused = true;
        return s->code;
      }
      return 0;
    };
    p.leave_block = [](MD_BLOCKTYPE, void*, void* u) {
      if (static_cast<State*>(u)->refused) ++static_cast<State*>(u)->calls_after;
      return 0;
    };
    p.enter_span = [](MD_SPANTYPE, void*, void* u) {
      if (static_cast<State*>(u)->refused) ++static_cast<State*>(u)->calls_after;
      return 0;
    };
    p.leave_span = p.enter_span;
    p.text = [](MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void* u) {
      if (static_cast<State*>(u)->refused) ++static_cast<State*>(u)->calls_after;
      return 0;
    };
    const std::string doc = "|a|b|\n|---|---|\n|c|d|\n|e|f|\n\nafter the table *x*\n\n- list\n";
    const int rc = md_parse(doc.data(), static_cast<MD_SIZE>(doc.size()), &p, &state);
    std::printf("callback returns %+d at the first cell (%s): md_parse returns %d, callbacks after it: %d\n", code,
                state.refused ? "reached" : "never reached", rc, state.calls_after);
  }
}

// Two inputs that md4c's fuzzing found reading past the end of the input (fixed upstream in 0.5.0),
// each given in a buffer of exactly its size. Run under valgrind to see whether the md4c linked
// in still does.
void overread() {
  static const char kFirst[] = "\xA9##r[](r[](";
  static const char kSecond[] =
      "\n# h1\nc  hh##e2ked\n\n A | rong__ ___strong \0\0\0\0\0\0\a\0\0\0\0\n# h1\nh# #2\n### h3\n"
      "#### h4\0\0\0\0\0\0\0\0\\\n##### h5\n#*#####\0\n6";
  const std::string inputs[] = {std::string(kFirst, sizeof kFirst - 1), std::string(kSecond, sizeof kSecond - 1)};
  for (const std::string& in : inputs) {
    std::vector<char> exact(in.begin(), in.end());
    std::string out;
    const int rc = md_html(exact.data(), static_cast<MD_SIZE>(exact.size()),
                           [](const MD_CHAR* s, MD_SIZE n, void* u) { static_cast<std::string*>(u)->append(s, n); },
                           &out, kMd4cFlags, 0);
    std::printf("%zu bytes in, md_html returns %d, %zu bytes out\n", in.size(), rc, out.size());
  }
}

int compare() {
  std::string notes = cases().front().make(16 * 1024);
  notes += "\n\n> quote with `code` and **bold _nested_** and ~~gone~~\n\n1) one\n2) two\n\n10. ten\n\n"
           "![img *alt*](http://x.test/i.png \"title\") [ref]\n\n[ref]: http://x.test/r\n\n    indented code\n\n"
           "Line with hard break  \nnext\n\n* loose\n\n* list\n\n| a |\n|---|\n| b |\n";
  std::string reference;
  md_html(notes.data(), static_cast<MD_SIZE>(notes.size()),
          [](const MD_CHAR* s, MD_SIZE n, void* u) { static_cast<std::string*>(u)->append(s, n); }, &reference,
          kBoundedFlags, 0);
  BoundedHtml bounded(kLimits);
  const int rc = bounded.render(notes);
  const std::string& mine = bounded.html();
  if (rc == 0 && mine == reference) {
    std::printf("md4c-bounded == md_html on %zu bytes of notes (%zu bytes of HTML)\n", notes.size(), mine.size());
    return 0;
  }
  std::size_t i = 0;
  while (i < mine.size() && i < reference.size() && mine[i] == reference[i]) ++i;
  const std::size_t from = i > 60 ? i - 60 : 0;
  std::printf("differ at byte %zu (rc %d)\n  md_html: %s\n  bounded: %s\n", i, rc, reference.substr(from, 160).c_str(),
              mine.substr(from, 160).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  cmark_gfm_core_extensions_ensure_registered();  // once, before any fork
  std::vector<std::size_t> sizes = {16 * 1024, 64 * 1024};
  std::vector<std::string> filters;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--probe") return probe(), 0;
    if (arg == "--abort-check") return abort_check(), 0;
    if (arg == "--compare") return compare();
    if (arg == "--overread") return overread(), 0;
    if (arg == "--file" && i + 1 < argc) {
      std::FILE* f = std::fopen(argv[i + 1], "rb");
      if (f == nullptr) return 2;
      std::string input;
      char buf[65536];
      for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) input.append(buf, n);
      std::fclose(f);
      std::printf("%s, %zu bytes\n", argv[i + 1], input.size());
      for (Renderer r : g_renderers) std::printf("  %-13s %s\n", renderer_name(r), cell(measure(r, input)).c_str());
      return 0;
    }
    if (arg == "--dump" && i + 2 < argc) {
      for (const Case& c : cases()) {
        if (c.name == argv[i + 1]) {
          const std::string s = c.make(std::strtoull(argv[i + 2], nullptr, 10));
          std::fwrite(s.data(), 1, s.size(), stdout);
          return 0;
        }
      }
      return 2;
    }
    if (arg == "--renderers" && i + 1 < argc) {
      const std::string_view wanted = argv[++i];
      g_renderers.clear();
      for (Renderer r : kRenderers) {
        if (("," + std::string(wanted) + ",").find("," + std::string(renderer_name(r)) + ",") != std::string::npos) {
          g_renderers.push_back(r);
        }
      }
      continue;
    }
    if (arg == "--no-smart") {
      g_cmark_smart = false;
      continue;
    }
    if (arg == "--sizes" && i + 1 < argc) {
      sizes = parse_sizes(argv[++i]);
      continue;
    }
    filters.emplace_back(arg);
  }
  return run_table(sizes, filters);
}
