// Test support: a calendar our emails carry, read back by libical (an independent reader of
// RFC 5545) and freed with it.
#pragma once

#include <libical/ical.h>

#include <string>

namespace poblysh::testing {

class ParsedIcs {
 public:
  explicit ParsedIcs(const std::string& text) : calendar_(icalparser_parse_string(text.c_str())) {}
  ~ParsedIcs() {
    if (calendar_ != nullptr) icalcomponent_free(calendar_);
  }
  ParsedIcs(const ParsedIcs&) = delete;
  ParsedIcs& operator=(const ParsedIcs&) = delete;

  bool parsed() const { return calendar_ != nullptr; }
  icalproperty_method method() const { return icalcomponent_get_method(calendar_); }
  // The one event it holds (nullptr: none).
  icalcomponent* event() const { return icalcomponent_get_first_component(calendar_, ICAL_VEVENT_COMPONENT); }

 private:
  icalcomponent* calendar_;
};

}  // namespace poblysh::testing
