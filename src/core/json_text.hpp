// core: what JSON text writers share.
#pragma once

#include <algorithm>
#include <string_view>

namespace poblysh {

// Whether `text` goes between JSON quotes as it is: printable ASCII, no '"' and no '\'. Most of
// what we write (ids, times, ASCII names) is; writers copy it and escape only the rest.
inline bool is_plain_json_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\';
  });
}

}  // namespace poblysh
