#include "notify/mime.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace poblysh::notify {
namespace {

constexpr std::size_t kMaxLine = 76;  // RFC 2045 limit for encoded lines, below RFC 5322's 78
constexpr std::string_view kCrlf = "\r\n";

bool is_special(char c) {
  return std::string_view("()<>[]:;@\\,\".").find(c) != std::string_view::npos;
}

bool is_atext(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (u <= 32 || u >= 127) return false;
  return !is_special(c);
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// Control characters (CR and LF above all) in a header value would start a new header.
std::string without_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 32 || u == 127) ? ' ' : c;
  }
  return out;
}

bool is_plain_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 128) return false;
  }
  return true;
}

std::string base64(std::string_view data) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8 |
                            static_cast<unsigned char>(data[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (const auto rest = data.size() - i; rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 encoded words of at most 42 raw bytes (68 characters), never splitting a UTF-8
// sequence, so a header line stays within 78 characters even after "Subject: ".
std::string encoded_words(std::string_view text) {
  constexpr std::size_t kChunk = 42;
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = std::min(text.size(), at + kChunk);
    while (end < text.size() && end > at + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(at, end - at)) + "?=";
    at = end;
  }
  return out;
}

// Folds plain ASCII at spaces so no line exceeds 78 characters.
std::string fold_ascii(std::string_view text, std::size_t used) {
  std::string out;
  std::size_t line = used;
  std::size_t at = 0;
  while (at < text.size()) {
    auto space = text.find(' ', at + 1);
    if (space == std::string_view::npos) space = text.size();
    const auto word = text.substr(at, space - at);  // includes its leading space, if any
    if (line + word.size() > 78 && !out.empty() && word.front() == ' ') {
      out += "\r\n";
      line = 0;
    }
    out += word;
    line += word.size();
    at = space;
  }
  return out;
}

std::string fnv1a_hex(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  std::array<char, 17> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%016llx", static_cast<unsigned long long>(hash));
  return buffer.data();
}

bool is_valid_message_id(std::string_view id) {
  if (id.empty() || id.size() > 200 || id.find('@') == std::string_view::npos) return false;
  for (char c : id) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 32 || u >= 127 || c == '<' || c == '>' || c == '"' || c == '\\') return false;
  }
  return true;
}

void append_part_header(std::string& out, std::string_view boundary, std::string_view content_type,
                        std::string_view encoding) {
  out.append("--").append(boundary).append(kCrlf);
  out.append("Content-Type: ").append(content_type).append(kCrlf);
  out.append("Content-Transfer-Encoding: ").append(encoding).append(kCrlf).append(kCrlf);
}

}  // namespace

bool is_valid_address(std::string_view address) {
  if (address.size() < 3 || address.size() > 254) return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || address.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = address.substr(at + 1);
  if (domain.empty() || domain.front() == '.' || domain.back() == '.' || address.front() == '.') return false;
  for (char c : address) {
    if (c == '@' || c == '.') continue;
    if (!is_atext(c)) return false;
  }
  return true;
}

Result<Mailbox> parse_mailbox(std::string_view text) {
  const std::string input = trim(text);
  Mailbox mailbox;
  if (const auto open = input.rfind('<'); open != std::string::npos) {
    const auto close = input.find('>', open);
    if (close == std::string::npos || close + 1 != input.size()) return invalid_field("mailbox", "has an unclosed <");
    mailbox.address = trim(std::string_view(input).substr(open + 1, close - open - 1));
    std::string name = trim(std::string_view(input).substr(0, open));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
      std::string unquoted;
      for (std::size_t i = 1; i + 1 < name.size(); ++i) {
        if (name[i] == '\\' && i + 2 < name.size()) ++i;
        unquoted += name[i];
      }
      name = unquoted;
    }
    mailbox.name = without_controls(name);
  } else {
    mailbox.address = input;
  }
  if (!is_valid_address(mailbox.address)) return invalid_field("mailbox", "is not a valid email address");
  return mailbox;
}

std::string encode_header_text(std::string_view text, std::size_t used) {
  const std::string clean = without_controls(text);
  bool long_word = false;
  for (std::size_t at = 0, run = 0; at < clean.size(); ++at) {
    run = clean[at] == ' ' ? 0 : run + 1;
    long_word = long_word || run > 70;
  }
  // "=?" in plain text would be mistaken for an encoded word by the reader.
  if (is_plain_ascii(clean) && !long_word && clean.find("=?") == std::string::npos) return fold_ascii(clean, used);
  return encoded_words(clean);
}

std::string format_mailbox(const Mailbox& mailbox) {
  const std::string name = without_controls(mailbox.name);
  if (name.empty()) return mailbox.address;
  std::string phrase;
  bool atoms_only = true;
  for (char c : name) atoms_only = atoms_only && (c == ' ' || is_atext(c));
  if (!is_plain_ascii(name) || name.size() > 60) {
    phrase = encoded_words(name);
  } else if (atoms_only) {
    phrase = name;
  } else {
    phrase = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') phrase += '\\';
      phrase += c;
    }
    phrase += "\"";
  }
  return phrase + " <" + mailbox.address + ">";
}

std::string quoted_printable(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  std::size_t line = 0;
  auto emit = [&](std::string_view piece) {
    if (line + piece.size() > kMaxLine - 1) {  // keep room for the soft break's '='
      out.append("=\r\n");
      line = 0;
    }
    out.append(piece);
    line += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out.append(kCrlf);
      line = 0;
      continue;
    }
    const auto u = static_cast<unsigned char>(c);
    const bool line_end = i + 1 == text.size() || text[i + 1] == '\r' || text[i + 1] == '\n';
    const bool literal = (u >= 33 && u <= 126 && c != '=') || ((c == ' ' || c == '\t') && !line_end);
    if (literal) {
      emit(std::string_view(&text[i], 1));
    } else {
      const char encoded[3] = {'=', kHex[u >> 4], kHex[u & 15]};
      emit(std::string_view(encoded, 3));
    }
  }
  return out;
}

std::string base64_lines(std::string_view data) {
  const std::string encoded = base64(data);
  std::string out;
  for (std::size_t at = 0; at < encoded.size(); at += kMaxLine) {
    out.append(encoded, at, kMaxLine).append(kCrlf);
  }
  return out;
}

std::string rfc5322_date(SystemTime time) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{floor<seconds>(time - day)};
  std::array<char, 40> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %04d %02ld:%02ld:%02ld +0000",
                kDays[weekday{day}.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()));
  return buffer.data();
}

Result<std::string> build_mime(const MimeMessage& message) {
  if (!is_valid_address(message.from.address)) return invalid_field("from", "is not a valid email address");
  if (message.to.empty()) return invalid_field("to", "needs at least one recipient");
  for (const auto& recipient : message.to) {
    if (!is_valid_address(recipient.address)) return invalid_field("to", "is not a valid email address");
  }
  if (!is_valid_message_id(message.message_id)) return invalid_field("message_id", "is not a valid Message-ID");

  // "=_" cannot occur in quoted-printable or base64 output, so these never collide with content.
  const std::string tag = fnv1a_hex(message.message_id);
  const std::string mixed = "=_mixed_" + tag;
  const std::string alternative = "=_alt_" + tag;

  std::string out;
  out.append("From: ").append(format_mailbox(message.from)).append(kCrlf);
  out.append("To: ");
  for (std::size_t i = 0; i < message.to.size(); ++i) {
    if (i > 0) out.append(",\r\n ");
    out.append(format_mailbox(message.to[i]));
  }
  out.append(kCrlf);
  out.append("Subject: ").append(encode_header_text(message.subject, 9)).append(kCrlf);
  out.append("Date: ").append(rfc5322_date(message.date)).append(kCrlf);
  out.append("Message-ID: <").append(message.message_id).append(">").append(kCrlf);
  out.append("MIME-Version: 1.0").append(kCrlf);
  out.append("Auto-Submitted: auto-generated").append(kCrlf);  // RFC 3834: no auto-replies, please
  if (message.calendar) {
    out.append("Content-Type: multipart/mixed; boundary=\"").append(mixed).append("\"").append(kCrlf).append(kCrlf);
    out.append("--").append(mixed).append(kCrlf);
  }
  out.append("Content-Type: multipart/alternative; boundary=\"").append(alternative).append("\"").append(kCrlf);
  out.append(kCrlf);
  append_part_header(out, alternative, "text/plain; charset=UTF-8", "quoted-printable");
  out.append(quoted_printable(message.text)).append(kCrlf);
  append_part_header(out, alternative, "text/html; charset=UTF-8", "quoted-printable");
  out.append(quoted_printable(message.html)).append(kCrlf);
  if (message.calendar) {
    const std::string method = without_controls(message.calendar->method);
    append_part_header(out, alternative, "text/calendar; method=" + method + "; charset=UTF-8", "base64");
    out.append(base64_lines(message.calendar->ics));
  }
  out.append("--").append(alternative).append("--").append(kCrlf);
  if (message.calendar) {
    out.append("--").append(mixed).append(kCrlf);
    out.append("Content-Type: application/ics; name=\"invite.ics\"").append(kCrlf);
    out.append("Content-Disposition: attachment; filename=\"invite.ics\"").append(kCrlf);
    out.append("Content-Transfer-Encoding: base64").append(kCrlf).append(kCrlf);
    out.append(base64_lines(message.calendar->ics));
    out.append("--").append(mixed).append("--").append(kCrlf);
  }
  return out;
}

}  // namespace poblysh::notify
