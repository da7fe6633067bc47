#include "domain/validation.hpp"

#include <algorithm>
#include <cctype>

namespace poblysh::domain {

bool is_valid_email(std::string_view email) {
  // Deliberately practical, not RFC 5322: one "@", a non-empty local part, a dotted domain,
  // no spaces or control characters. What Cal.com and mail servers accept in practice.
  if (email.size() < 3 || email.size() > 254) return false;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('@', at + 1) != std::string_view::npos) return false;
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.size() > 64 || domain.size() < 3) return false;
  for (char c : email) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')' ||
        c == '[' || c == ']' || c == '\\') {
      return false;
    }
  }
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || domain.size() - dot - 1 < 2) return false;
  if (domain.front() == '.' || domain.front() == '-' || domain.find("..") != std::string_view::npos) return false;
  return true;
}

std::string normalize_email(std::string_view email) {
  std::string out = trimmed(email);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string sort_key(std::string_view text) {
  std::string out = trimmed(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string forbidden_character(std::string_view text, Lines lines) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    const bool line_break = c == '\n' || c == '\r' || c == '\t';
    if ((u < 0x20 && !(lines == Lines::many && line_break)) || u == 0x7f) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      return std::string("U+00") + kHex[u >> 4] + kHex[u & 0xf];
    }
  }
  return {};
}

void FieldErrors::require_text(const std::string& field, const std::string& value, std::size_t max_length,
                               Lines lines) {
  if (trimmed(value).empty()) add(field, "is required");
  else optional_text(field, value, max_length, lines);
}

void FieldErrors::optional_text(const std::string& field, const std::string& value, std::size_t max_length,
                                Lines lines) {
  if (value.size() > max_length) {
    add(field, "must be at most " + std::to_string(max_length) + " characters");
  } else if (const auto bad = forbidden_character(value, lines); !bad.empty()) {
    add(field, lines == Lines::one ? "must be one line without control characters (found " + bad + ")"
                                   : "must not contain control characters (found " + bad + ")");
  }
}

void FieldErrors::require_email(const std::string& field, const std::string& value) {
  if (trimmed(value).empty()) add(field, "is required");
  else if (!is_valid_email(trimmed(value))) add(field, "is not a valid email address");
}

Status FieldErrors::result() const {
  if (fields_.empty()) return {};
  Error error{ErrorCode::invalid_input, "Some fields are not valid.", fields_, {}, {}};
  return tl::unexpected(std::move(error));
}

}  // namespace poblysh::domain
