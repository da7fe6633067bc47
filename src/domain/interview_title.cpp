#include "domain/interview_title.hpp"

#include "domain/validation.hpp"

namespace poblysh::domain {

std::string default_title(std::string_view startup_name, std::string_view contact_name) {
  std::string title = "Interview with " + trimmed(startup_name);
  if (const auto contact = trimmed(contact_name); !contact.empty()) title += " \u2013 " + contact;
  if (title.size() <= kMaxTitleLength) return title;
  const std::string_view ellipsis = "\u2026";
  std::size_t cut = kMaxTitleLength - ellipsis.size();
  // Back up over continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
  title.resize(cut);
  return trimmed(title) + std::string(ellipsis);
}

std::string title_problem(std::string_view title) {
  if (title.size() > kMaxTitleLength) return "must be at most " + std::to_string(kMaxTitleLength) + " characters";
  if (const auto bad = forbidden_character(title, Lines::one); !bad.empty()) {
    return "must be one line without control characters (found " + bad + ")";
  }
  return {};
}

}  // namespace poblysh::domain
