// domain: field rules shared by every record (emails, lengths, names).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/record.hpp"

namespace poblysh::domain {

bool is_valid_email(std::string_view email);
// Emails compare case-insensitively: this is the form kept unique.
std::string normalize_email(std::string_view email);
// Names sort and search case-insensitively (ASCII folding; other letters kept as they are).
std::string sort_key(std::string_view text);
std::string trimmed(std::string_view text);

// Trims a text field; an optional one left empty becomes absent. Other values stay as they are.
void trim(std::string& text);
void trim(std::optional<std::string>& text);
template <typename Value>
void trim(Value&) {}

// Trims every text field of a record's fields (see domain/record.hpp).
template <typename Fields>
void trim_text_fields(Fields& fields) {
  for_each_field(fields, [](const char*, auto& value) { trim(value); });
}

// What a text field may hold besides printable characters: a name is one line; a description
// may also have line breaks and tabs. Neither may hold NUL or other control characters (they
// break logs, email headers and calendar files, and hide text from the people reading it).
enum class Lines { one, many };
// The first character `text` may not hold, as "U+0000", or empty when it is fine.
std::string forbidden_character(std::string_view text, Lines lines);

// Collects every problem of a record before answering, so a form shows them all at once.
class FieldErrors {
 public:
  void require_text(const std::string& field, const std::string& value, std::size_t max_length,
                    Lines lines = Lines::one);
  void optional_text(const std::string& field, const std::string& value, std::size_t max_length,
                     Lines lines = Lines::one);
  void require_email(const std::string& field, const std::string& value);
  void add(const std::string& field, std::string problem) { fields_.emplace(field, std::move(problem)); }
  bool empty() const { return fields_.empty(); }
  Status result() const;

 private:
  std::map<std::string, std::string> fields_;
};

}  // namespace poblysh::domain
