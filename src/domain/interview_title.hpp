// domain: an interview's title — what the person calls a draft, and the name it has until then.
#pragma once

#include <string>
#include <string_view>

namespace poblysh::domain {

// In bytes of UTF-8, like every other text limit; a title is one line of a list.
inline constexpr std::size_t kMaxTitleLength = 200;

// "Interview with <startup> – <contact>" ("Interview with <startup>" without a contact), cut to
// kMaxTitleLength at a character boundary: names allowed on their own may be too long together.
std::string default_title(std::string_view startup_name, std::string_view contact_name);

// Why `title` (as given, before trimming) cannot be a title, in words after "title …", or empty
// when it can. Empty text is fine: it asks for the default.
std::string title_problem(std::string_view title);

}  // namespace poblysh::domain
