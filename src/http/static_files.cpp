#include "http/static_files.hpp"

#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace poblysh::http {
namespace {

namespace fs = std::filesystem;

std::string content_type_for(const fs::path& path) {
  const auto ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// A strong validator from the content, so every instance of a deployment gives the same one.
std::string etag_of(const std::string& content) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(content.data(), content.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string etag = "\"";
  for (unsigned int i = 0; i < 16 && i < length; ++i) {
    etag += kHex[digest[i] >> 4];
    etag += kHex[digest[i] & 0xf];
  }
  return etag + "\"";
}

std::string read_whole(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path.string());
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// An app route is a path the browser app routes itself: no extension in its last segment.
bool is_app_route(std::string_view path) {
  if (path.starts_with("/api/")) return false;
  const auto last = path.substr(path.rfind('/') + 1);
  return last.find('.') == std::string_view::npos;
}

}  // namespace

StaticFiles StaticFiles::load(const std::string& root_text) {
  StaticFiles set;
  if (root_text.empty()) return set;
  std::error_code error;
  const fs::path root = fs::weakly_canonical(root_text, error);
  if (error || !fs::is_directory(root, error)) return set;
  // Symbolic links are neither followed into directories nor taken as files: a link placed in
  // the folder could point anywhere on the machine.
  fs::recursive_directory_iterator it(root, fs::directory_options::none, error);
  if (error) throw std::runtime_error("cannot list " + root.string() + ": " + error.message());
  const auto next = [&] {
    it.increment(error);
    if (error) throw std::runtime_error("cannot list " + root.string() + ": " + error.message());
  };
  for (; it != fs::recursive_directory_iterator(); next()) {
    const fs::directory_entry& entry = *it;
    if (entry.is_symlink(error) || !entry.is_regular_file(error)) continue;
    if (set.files_.size() == kMaxFiles) {
      throw std::runtime_error(root.string() + " holds more than " + std::to_string(kMaxFiles) + " files");
    }
    File file;
    // Judged by the size the folder reports before anything is read, and again by what was read.
    const auto too_much = [&](std::uintmax_t bytes) {
      if (set.total_bytes_ + bytes > kMaxTotalBytes) {
        throw std::runtime_error(root.string() + " holds more than " + std::to_string(kMaxTotalBytes >> 20) + " MiB");
      }
    };
    if (const auto size = entry.file_size(error); !error) too_much(size);
    auto content = read_whole(entry.path());
    too_much(content.size());
    set.total_bytes_ += content.size();
    const std::string name = "/" + entry.path().lexically_relative(root).generic_string();
    file.content_type = content_type_for(entry.path());
    file.etag = etag_of(content);
    // Vite puts content-hashed files under assets/: they never change, so caches may keep them.
    file.immutable = name.starts_with("/assets/");
    file.body = std::make_shared<const std::string>(std::move(content));
    set.files_.emplace(name, std::move(file));
  }
  return set;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  const std::string_view path = request.path;
  if (auto found = files_.find(std::string(path == "/" ? "/index.html" : path)); found != files_.end()) {
    return answer(found->second, request);
  }
  if (is_app_route(path)) {
    if (auto index = files_.find("/index.html"); index != files_.end()) return answer(index->second, request);
  }
  return std::nullopt;
}

std::optional<Response> StaticFiles::answer(const File& file, const Request& request) const {
  Response response;
  if (request.header("If-None-Match") == std::optional<std::string_view>(file.etag)) {
    response.status = 304;
  } else {
    response = Response::text(200, *file.body, file.content_type);
  }
  response.set_header("ETag", file.etag);
  response.set_header("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace poblysh::http
