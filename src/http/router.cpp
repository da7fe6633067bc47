#include "http/router.hpp"

namespace poblysh::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

// Path parameters arrive percent-encoded; ids and uids never need more than this.
std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
      };
      int high = hex(text[i + 1]), low = hex(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

Router::Router(std::vector<Route> routes) {
  for (auto& route : routes) {
    const bool waits = route.waits || (route.method != Method::get && route.method != Method::head);
    CompiledRoute compiled{route.method, {}, std::move(route.handler), std::move(route.async_handler), waits,
                           std::move(route.stream_handler)};
    for (auto segment : split_path(route.pattern)) compiled.segments.emplace_back(segment);
    routes_.push_back(std::move(compiled));
  }
}

Router::Match Router::match(Method method, std::string_view path) const {
  const auto segments = split_path(path);
  Match result;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool same = true;
    for (std::size_t i = 0; i < segments.size() && same; ++i) {
      const auto& expected = route.segments[i];
      if (!expected.empty() && expected[0] == ':') {
        params.emplace(expected.substr(1), percent_decode(segments[i]));
      } else {
        same = expected == segments[i];
      }
    }
    if (!same) continue;
    const bool method_matches =
        route.method == method || (method == Method::head && route.method == Method::get);
    if (!method_matches) {
      result.path_exists = true;
      result.allowed.push_back(route.method);
      continue;
    }
    if (route.stream_handler) {
      result.stream_handler = &route.stream_handler;
    } else if (route.async_handler) {
      result.async_handler = &route.async_handler;
    } else {
      result.handler = &route.handler;
      result.waits = route.waits;
    }
    result.params = std::move(params);
    return result;
  }
  return result;
}

}  // namespace poblysh::http
