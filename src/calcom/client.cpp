#include "calcom/client.hpp"

namespace poblysh::calcom {

std::map<std::string, std::string> default_api_versions() {
  return {
      {kApiBookings, "2024-08-13"},
      {kApiSlots, "2024-09-04"},
      {kApiEventTypes, "2024-06-14"},
  };
}

std::string redact_key(std::string_view key) {
  if (key.empty()) return "(none)";
  // Longest prefix first; these are public conventions, not secret material.
  static constexpr std::string_view kPrefixes[] = {"cal_live_", "cal_test_", "cal_"};
  std::string_view prefix;
  for (std::string_view candidate : kPrefixes) {
    if (key.substr(0, candidate.size()) == candidate) {
      prefix = candidate;
      break;
    }
  }
  // Show the last four only when at least twelve secret characters stay hidden.
  std::size_t secret = key.size() - prefix.size();
  std::string out(prefix);
  out += "...";
  if (secret >= 16) out += key.substr(key.size() - 4);
  return out;
}

}  // namespace poblysh::calcom
