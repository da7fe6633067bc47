#include "calcom/transport.hpp"

namespace poblysh::calcom {

const char* http_method_name(HttpMethod method) {
  switch (method) {
    case HttpMethod::get: return "GET";
    case HttpMethod::post: return "POST";
    case HttpMethod::patch: return "PATCH";
    case HttpMethod::del: return "DELETE";
  }
  return "GET";
}

std::optional<std::string_view> find_header(const HeaderList& headers, std::string_view name) {
  auto same = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
      if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
  };
  for (const auto& [key, value] : headers) {
    if (same(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

}  // namespace poblysh::calcom
