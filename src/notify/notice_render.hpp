// notify: turns the neutral content of a notice into plain text and escaped HTML.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace poblysh::notify {

// What an email says, before choosing a format; every field is untrusted text.
struct NoticeContent {
  std::string heading;
  std::vector<std::string> paragraphs;
  std::vector<std::pair<std::string, std::string>> details;  // label, value (value may be multi-line)
  std::vector<std::pair<std::string, std::string>> links;    // label, URL
  std::string footer;
};

std::string render_text(const NoticeContent& content);
std::string render_html(const NoticeContent& content);

std::string escape_html(std::string_view text);
// Only http(s) URLs become links: anything else (javascript:, data:) is shown as text.
bool is_web_url(std::string_view url);

}  // namespace poblysh::notify
