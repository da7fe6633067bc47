// scheduling (private to the Markdown renderer): link, image and title attributes as a browser
// will read them, and which URLs may be written at all.
#pragma once

#include <md4c.h>

#include <optional>
#include <string>
#include <string_view>

namespace poblysh::scheduling::markdown_attributes {

// The attribute's text with numeric and the five XML entities decoded; any other named entity is
// kept as literal text (it is written with its '&' escaped).
std::string decoded(const MD_ATTRIBUTE& attribute);

// `url` as an href or src value, or nothing when it may not be written. It is judged as a browser
// reads it (tabs and newlines dropped anywhere, C0 controls and spaces in front) — only http,
// https, mailto and relative URLs — and written as judged: '&' escaped, anything outside a URL's
// usual characters percent-encoded (so no quote or angle bracket can end the attribute).
std::optional<std::string> url_attribute(std::string_view url);

}  // namespace poblysh::scheduling::markdown_attributes
