#include "scheduling/markdown_attributes.hpp"

#include <cstring>
#include <optional>
#include <utility>

namespace poblysh::scheduling::markdown_attributes {
namespace {

void append_utf8(std::string& out, unsigned cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
}  // namespace

std::string decoded(const MD_ATTRIBUTE& a) {
  std::string s;
  for (unsigned i = 0; a.substr_offsets[i] < a.size; ++i) {
    const std::string_view part(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
    if (a.substr_types[i] == MD_TEXT_NULLCHAR) {
      append_utf8(s, 0xFFFD);
    } else if (a.substr_types[i] == MD_TEXT_ENTITY && part.size() > 3 && part[1] == '#') {
      const bool hex = part[2] == 'x' || part[2] == 'X';
      unsigned long cp = 0;
      for (char c : part.substr(hex ? 3 : 2, part.size() - (hex ? 4 : 3))) {
        cp = cp * (hex ? 16 : 10) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        if (cp > 0x10FFFF) cp = 0x110000;
      }
      append_utf8(s, static_cast<unsigned>(cp));
    } else if (a.substr_types[i] == MD_TEXT_ENTITY) {
      static constexpr std::pair<std::string_view, char> kXml[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool known = false;
      for (auto [name, c] : kXml) {
        if (part == name) s += c, known = true;
      }
      if (!known) s += part;
    } else {
      s += part;
    }
  }
  return s;
}
std::optional<std::string> url_attribute(std::string_view url) {
  // What the browser reads: tabs and newlines dropped anywhere, C0 controls and spaces in front.
  std::string read;
  for (char c : url) {
    if (c != '\t' && c != '\n' && c != '\r') read += c;
  }
  std::size_t begin = 0;
  while (begin < read.size() && static_cast<unsigned char>(read[begin]) <= 0x20) ++begin;
  read.erase(0, begin);
  // A URL with no ':' before its first '/', '?' or '#' is relative.
  const std::size_t end = read.find_first_of(":/?#");
  if (end != std::string::npos && read[end] == ':') {
    std::string scheme = read.substr(0, end);
    for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (scheme != "http" && scheme != "https" && scheme != "mailto") return std::nullopt;
  }
  // Written as judged: '&' escaped, anything outside a URL's usual characters percent-encoded.
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string written;
  for (unsigned char c : read) {
    if (c == '&') {
      written += "&amp;";
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               std::strchr("-_.+!*(),%#@?=;:/$~", c) != nullptr) {
      written += static_cast<char>(c);
    } else {
      written += '%';
      written += kHex[c >> 4];
      written += kHex[c & 15];
    }
  }
  return written;
}

}  // namespace poblysh::scheduling::markdown_attributes
