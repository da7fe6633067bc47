// scheduling: preparation notes are Markdown; this renders them to HTML that is safe to show.
#pragma once

#include <string>

namespace poblysh::scheduling {

// GitHub-flavoured Markdown → HTML. Raw HTML is dropped and dangerous link schemes
// (javascript:, vbscript:, file:, data: other than images) are removed, so the result can be
// inserted into a page as it is.
std::string render_markdown(const std::string& markdown);

}  // namespace poblysh::scheduling
