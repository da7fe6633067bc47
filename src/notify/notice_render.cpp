#include "notify/notice_render.hpp"

#include <cctype>

namespace poblysh::notify {
namespace {

// Multi-line values keep their lines, each escaped, joined by <br>.
std::string html_lines(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto end = text.find('\n', at);
    out += escape_html(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (end == std::string_view::npos) break;
    out += "<br>";
    at = end + 1;
  }
  return out;
}

std::string indent_continuation(std::string_view text, std::string_view indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

bool is_web_url(std::string_view url) {
  std::string lower;
  for (char c : url.substr(0, 8)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool scheme = lower.starts_with("https://") || lower.starts_with("http://");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 32) return false;  // no spaces or control characters in a link
  }
  return scheme && url.size() > 8;
}

std::string render_text(const NoticeContent& content) {
  std::string out = content.heading + "\n\n";
  for (const auto& paragraph : content.paragraphs) out += paragraph + "\n\n";
  for (const auto& [label, value] : content.details) {
    const std::string prefix = label + ": ";
    out += prefix + indent_continuation(value, std::string(prefix.size(), ' ')) + "\n";
  }
  if (!content.details.empty()) out += "\n";
  for (const auto& [label, url] : content.links) out += label + ": " + url + "\n";
  if (!content.links.empty()) out += "\n";
  if (!content.footer.empty()) out += "-- \n" + content.footer + "\n";
  return out;
}

std::string render_html(const NoticeContent& content) {
  std::string out =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape_html(content.heading) +
      "</title></head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; color: #1f2933; line-height: 1.5;\">\n";
  out += "<h1 style=\"font-size: 20px;\">" + escape_html(content.heading) + "</h1>\n";
  for (const auto& paragraph : content.paragraphs) out += "<p>" + html_lines(paragraph) + "</p>\n";
  if (!content.details.empty()) {
    out += "<table role=\"presentation\" style=\"border-collapse: collapse;\">\n";
    for (const auto& [label, value] : content.details) {
      out += "<tr><th scope=\"row\" style=\"text-align: left; vertical-align: top; padding: 4px 12px 4px 0;\">" +
             escape_html(label) + "</th><td style=\"padding: 4px 0;\">" + html_lines(value) + "</td></tr>\n";
    }
    out += "</table>\n";
  }
  for (const auto& [label, url] : content.links) {
    if (is_web_url(url)) {
      out += "<p><a href=\"" + escape_html(url) + "\">" + escape_html(label) + "</a></p>\n";
    } else {
      out += "<p>" + escape_html(label) + ": " + escape_html(url) + "</p>\n";
    }
  }
  if (!content.footer.empty()) {
    out += "<p style=\"color: #616e7c; font-size: 12px;\">" + html_lines(content.footer) + "</p>\n";
  }
  return out + "</body></html>\n";
}

}  // namespace poblysh::notify
