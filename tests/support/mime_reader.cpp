#include "mime_reader.hpp"

#include <algorithm>
#include <cctype>

namespace poblysh::notify::testing {
namespace {

std::string lower(std::string_view text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string MimePart::header(const std::string& name) const {
  auto found = headers.find(lower(name));
  return found == headers.end() ? std::string() : found->second;
}

std::string MimePart::content_type() const {
  const std::string value = header("content-type");
  return lower(trim(value.substr(0, value.find(';'))));
}

std::string header_parameter(std::string_view value, std::string_view name) {
  const std::string haystack = lower(value);
  const std::string needle = lower(name) + "=";
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
    if (at > 0 && haystack[at - 1] != ' ' && haystack[at - 1] != ';' && haystack[at - 1] != '\t') continue;
    std::string_view rest = value.substr(at + needle.size());
    if (rest.starts_with('"')) return std::string(rest.substr(1, rest.find('"', 1) - 1));
    return trim(rest.substr(0, rest.find(';')));
  }
  return {};
}

std::string decode_base64(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z')
      value = c - 'A';
    else if (c >= 'a' && c <= 'z')
      value = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      value = c - '0' + 52;
    else if (c == '+')
      value = 62;
    else if (c == '/')
      value = 63;
    else
      continue;  // padding and line breaks
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string decode_quoted_printable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else if (i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += '=';
    }
  }
  return out;
}

std::string decode_header(std::string_view value) {
  std::string out;
  std::size_t at = 0;
  bool previous_word = false;
  while (at < value.size()) {
    const auto start = value.find("=?", at);
    if (start == std::string_view::npos) {
      out += value.substr(at);
      break;
    }
    const std::string between(value.substr(at, start - at));
    // Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
    if (!(previous_word && trim(between).empty())) out += between;
    const auto charset_end = value.find('?', start + 2);
    const auto encoding_end = value.find('?', charset_end + 1);
    const auto end = value.find("?=", encoding_end + 1);
    if (charset_end == std::string_view::npos || encoding_end == std::string_view::npos ||
        end == std::string_view::npos) {
      out += value.substr(start);
      break;
    }
    const char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(value[charset_end + 1])));
    const auto payload = value.substr(encoding_end + 1, end - encoding_end - 1);
    if (encoding == 'B') {
      out += decode_base64(payload);
    } else {
      std::string q(payload);
      std::replace(q.begin(), q.end(), '_', ' ');
      out += decode_quoted_printable(q);
    }
    previous_word = true;
    at = end + 2;
  }
  return out;
}

MimePart parse_mime(std::string_view message) {
  MimePart part;
  auto split = message.find("\r\n\r\n");
  std::string_view head = message.substr(0, split);
  std::string_view body = split == std::string_view::npos ? std::string_view() : message.substr(split + 4);
  if (message.starts_with("\r\n")) {  // a part without headers
    head = {};
    body = message.substr(2);
  }
  std::string name;
  std::size_t at = 0;
  while (at < head.size()) {
    auto end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view line = head.substr(at, end - at);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t') && !name.empty()) {
      part.headers[name] += std::string(line);  // unfold: drop only the CRLF
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
      name = lower(trim(line.substr(0, colon)));
      part.headers[name] = trim(line.substr(colon + 1));
    }
    at = end + 2;
  }
  const std::string type = part.content_type();
  if (type.starts_with("multipart/")) {
    const std::string delimiter = "--" + header_parameter(part.header("content-type"), "boundary");
    std::size_t position = body.find(delimiter);
    while (position != std::string_view::npos) {
      std::size_t content = position + delimiter.size();
      if (body.substr(content, 2) == "--") break;  // closing delimiter
      content += 2;                                // the CRLF after the delimiter
      const std::size_t next = body.find("\r\n" + delimiter, content);
      if (next == std::string_view::npos) break;
      part.parts.push_back(parse_mime(body.substr(content, next - content)));
      position = next + 2;
    }
    return part;
  }
  const std::string encoding = lower(part.header("content-transfer-encoding"));
  if (encoding == "base64")
    part.body = decode_base64(body);
  else if (encoding == "quoted-printable")
    part.body = decode_quoted_printable(body);
  else
    part.body = std::string(body);
  return part;
}

const MimePart* find_part(const MimePart& root, std::string_view type) {
  if (root.content_type() == type) return &root;
  for (const auto& child : root.parts) {
    if (const auto* found = find_part(child, type)) return found;
  }
  return nullptr;
}

}  // namespace poblysh::notify::testing
