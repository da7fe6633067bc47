// http: serves the built browser app; unknown app paths get index.html (client-side routes).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace poblysh::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // empty root: serves nothing
  std::optional<Response> serve(std::string_view path) const;

 private:
  std::optional<Response> read(const std::string& relative, bool immutable) const;
  std::string root_;
};

}  // namespace poblysh::http
