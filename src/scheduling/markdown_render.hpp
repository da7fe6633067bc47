// scheduling (private to markdown.cpp): md4c's parse written out as HTML, within limits.
#pragma once

#include <string>
#include <string_view>

#include "scheduling/markdown.hpp"

namespace poblysh::scheduling::markdown_render {

// Why a render stopped. Negative: md4c 0.4.8 passes a callback's value back only then (md4c #266).
enum Refusal : int { kRenderedOk = 0, kOutOfMemory = -1, kTooMuchOutput = -2, kTooManyTableCells = -3, kTooDeep = -4 };

// Writes `markdown` as HTML into `html`; kRenderedOk, or the limit (or failure) that stopped it.
int render(std::string_view markdown, const MarkdownLimits& limits, std::string& html);

}  // namespace poblysh::scheduling::markdown_render
