// http: serves the built browser app, a fixed set of files read once at start-up; unknown app
// paths get index.html (client-side routes). No path from a URL ever reaches the file system.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.hpp"

namespace poblysh::http {

class StaticFiles {
 public:
  // The folder's regular files, read now; later changes to the folder are not seen until the
  // next start. Symbolic links are skipped, so nothing outside the folder can join the set.
  // A missing folder gives an empty set; one that cannot be read, or holds more than the
  // bounds below, throws std::runtime_error naming the problem.
  static StaticFiles load(const std::string& root);
  StaticFiles() = default;

  // The answer for a GET or HEAD of `request.path` (raw, as sent), or nothing when the path is
  // none of the app's files nor an app route.
  std::optional<Response> serve(const Request& request) const;

  bool has(const std::string& path) const { return files_.contains(path); }
  std::size_t file_count() const { return files_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }

  static constexpr std::size_t kMaxFiles = 4096;
  static constexpr std::size_t kMaxTotalBytes = 64u << 20;

 private:
  struct File {
    std::string content_type;
    std::string etag;
    bool immutable = false;
    std::shared_ptr<const std::string> body;
  };
  std::optional<Response> answer(const File& file, const Request& request) const;

  std::unordered_map<std::string, File> files_;  // "/index.html" → its file
  std::size_t total_bytes_ = 0;
};

}  // namespace poblysh::http
