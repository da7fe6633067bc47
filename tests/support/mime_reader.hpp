// Test support: a small MIME reader, so tests check what a mail client would decode.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace poblysh::notify::testing {

struct MimePart {
  std::map<std::string, std::string> headers;  // lower-cased names, unfolded values
  std::string body;                            // transfer-decoded
  std::vector<MimePart> parts;                 // for multipart/*

  std::string header(const std::string& name) const;
  std::string content_type() const;  // "text/plain", lower-cased, without parameters
};

MimePart parse_mime(std::string_view message);
// Depth-first: the first part whose content type is `type`, or nullptr.
const MimePart* find_part(const MimePart& root, std::string_view type);
// Decodes RFC 2047 "B" and "Q" encoded words (UTF-8) in a header value.
std::string decode_header(std::string_view value);
std::string decode_base64(std::string_view text);
std::string decode_quoted_printable(std::string_view text);
// The value of `name` in "type; name=value; name2=\"value\"".
std::string header_parameter(std::string_view value, std::string_view name);

}  // namespace poblysh::notify::testing
