#include "http/api/request_limiter.hpp"

#include <functional>

namespace poblysh::http::api {

bool RequestLimiter::admit(const std::string& key, std::chrono::seconds* retry_after) {
  const auto now = clock_.steady_now();
  std::lock_guard lock(mutex_);
  auto found = windows_.find(key);
  if (found == windows_.end()) {
    if (windows_.size() >= limit_.max_keys) drop_old(now);
    if (windows_.size() >= limit_.max_keys) windows_.clear();  // all in the current window: start over
    found = windows_.emplace(key, Window{now, 0}).first;
  }
  Window& window = found->second;
  if (now - window.started >= limit_.window) window = Window{now, 0};
  if (window.count >= limit_.per_window) {
    if (retry_after) {
      *retry_after = std::chrono::ceil<std::chrono::seconds>(window.started + limit_.window - now);
      if (retry_after->count() < 1) *retry_after = std::chrono::seconds(1);
    }
    return false;
  }
  ++window.count;
  return true;
}

void RequestLimiter::drop_old(std::chrono::steady_clock::time_point now) {
  std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.started >= limit_.window; });
}

Status admit_link_request(RequestLimiter& addresses, RequestLimiter& tokens, const Request& request) {
  std::chrono::seconds wait{0};
  const auto token = request.path_params.find("token");
  // The token is kept in memory only as a hash: the limiter needs a key, not the credential.
  const std::string token_key =
      token == request.path_params.end() ? std::string() : std::to_string(std::hash<std::string>{}(token->second));
  if (addresses.admit(request.remote_address, &wait) && tokens.admit(token_key, &wait)) return {};
  Error error{ErrorCode::rate_limited,
              "Too many requests for this link. Please wait a minute and try again.",
              {},
              {},
              static_cast<int>(wait.count())};
  return tl::unexpected(std::move(error));
}

std::string loggable_path(std::string_view path) {
  for (std::string_view prefix : {std::string_view("/api/v1/links/"), std::string_view("/pick/")}) {
    if (!path.starts_with(prefix)) continue;
    const auto end = path.find('/', prefix.size());
    std::string out(prefix);
    out += "[token]";
    if (end != std::string_view::npos) out += path.substr(end);
    return out;
  }
  return std::string(path);
}

}  // namespace poblysh::http::api
