#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace poblysh::http {
namespace {

std::string content_type_for(const std::filesystem::path& path) {
  const auto ext = path.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".json") return "application/json";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

bool is_safe(std::string_view path) {
  return path.find("..") == std::string_view::npos && path.find('\\') == std::string_view::npos &&
         path.find('\0') == std::string_view::npos;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::optional<Response> StaticFiles::serve(std::string_view path) const {
  if (root_.empty() || !is_safe(path) || path.starts_with("/api/")) return std::nullopt;
  std::string relative(path.substr(1));
  if (relative.empty()) relative = "index.html";
  // Vite puts content-hashed files under assets/: they never change, so caches may keep them.
  if (auto file = read(relative, relative.starts_with("assets/"))) return file;
  // A path without an extension is a client-side route of the single-page app.
  if (std::filesystem::path(relative).extension().empty()) return read("index.html", false);
  return std::nullopt;
}

std::optional<Response> StaticFiles::read(const std::string& relative, bool immutable) const {
  const std::filesystem::path full = std::filesystem::path(root_) / relative;
  std::error_code error;
  if (!std::filesystem::is_regular_file(full, error)) return std::nullopt;
  std::ifstream file(full, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream contents;
  contents << file.rdbuf();
  Response response = Response::text(200, contents.str(), content_type_for(full));
  response.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_header("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace poblysh::http
