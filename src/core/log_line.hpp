// core: one log line as the JSON object the logger writes on one line ("msg" first, then the
// fields in the order written). Every text value is escaped here, so no caller writes JSON by hand.
#pragma once

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace poblysh {

class LogLine {
 public:
  explicit LogLine(std::string_view msg);
  // Fields to add to another line (an HTTP response's part of its access-log line).
  static LogLine fragment() { return LogLine(); }

  LogLine& text(std::string_view key, std::string_view value);  // invalid UTF-8 becomes U+FFFD
  LogLine& number(std::string_view key, std::int64_t value);
  template <std::integral N>
    requires(!std::same_as<N, bool>)
  LogLine& number(std::string_view key, N value) {
    return number(key, static_cast<std::int64_t>(value));
  }
  LogLine& decimal(std::string_view key, double value);  // the shortest form that reads back the same
  LogLine& decimal(std::string_view key, double value, int digits_after_point);
  LogLine& flag(std::string_view key, bool value);
  LogLine& null(std::string_view key);
  LogLine& json(std::string_view key, std::string_view serialized);  // a value already JSON
  LogLine& fields(std::string_view fragment_text);  // a fragment's str()

  // A line: "{...}". A fragment: ",\"key\":value…", or "" with no field.
  std::string str() const { return fragment_ ? out_ : out_ + "}"; }

 private:
  LogLine() : fragment_(true) {}
  void key(std::string_view name);
  void quoted(std::string_view value);

  std::string out_;
  bool fragment_ = false;
};

}  // namespace poblysh
