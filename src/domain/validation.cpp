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
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string sort_key(std::string_view text) {
  std::string out = trimmed(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

void trim(std::string& text) { text = trimmed(text); }

void trim(std::optional<std::string>& text) {
  if (!text) return;
  trim(*text);
  if (text->empty()) text.reset();
}

std::string forbidden_character(std::string_view text, Lines lines) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto name = [](unsigned code) {
    std::string out = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(code >> shift) & 0xf];
    return out;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto u = static_cast<unsigned char>(text[i]);
    const bool line_break = u == '\n' || u == '\r' || u == '\t';
    if ((u < 0x20 && !(lines == Lines::many && line_break)) || u == 0x7f) return name(u);
    const auto next = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
    // C1 controls (U+0080–U+009F, UTF-8 C2 80–9F).
    if (u == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return name(next(1));
    // Line and paragraph separators and the bidirectional overrides and isolates (U+2028–U+202E,
    // U+2066–U+2069), which reorder what a reader sees: E2 80 A8–AE, E2 81 A6–A9.
    if (u == 0xE2 && next(1) == 0x80 && next(2) >= 0xA8 && next(2) <= 0xAE) return name(0x2000 + next(2) - 0x80);
    if (u == 0xE2 && next(1) == 0x81 && next(2) >= 0xA6 && next(2) <= 0xA9) return name(0x2040 + next(2) - 0x80);
  }
  return {};
}

void FieldErrors::require_text(const std::string& field, const std::string& value, std::size_t max_length,
                               Lines lines) {
  if (trimmed(value).empty())
    add(field, "is required");
  else
    optional_text(field, value, max_length, lines);
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
  if (trimmed(value).empty())
    add(field, "is required");
  else if (!is_valid_email(trimmed(value)))
    add(field, "is not a valid email address");
}

Status FieldErrors::result() const {
  if (fields_.empty()) return {};
  Error error{ErrorCode::invalid_input, "Some fields are not valid.", fields_, {}, {}};
  return tl::unexpected(std::move(error));
}

}  // namespace poblysh::domain
