#include "calcom/curl_transport.hpp"

#include <array>
#include <mutex>
#include <string>
#include <vector>

#include <curl/curl.h>

namespace poblysh::calcom {
namespace {

// A response larger than this is not a Cal.com answer we want to hold in memory.
constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;

struct Exchange {
  HttpResponse response;
  bool too_large = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  size_t bytes = size * count;
  if (exchange->response.body.size() + bytes > kMaxBodyBytes) {
    exchange->too_large = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  exchange->response.body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* exchange = static_cast<Exchange*>(user);
  size_t bytes = size * count;
  std::string_view line(data, bytes);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.rfind("HTTP/", 0) == 0) {
    exchange->response.headers.clear();  // a new response (after 100 Continue): start over
    return bytes;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  exchange->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return bytes;
}

TransportFailure classify(CURLcode code, CURL* handle) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
      return TransportFailure::not_sent;
    case CURLE_OPERATION_TIMEDOUT: {
      // Timed out before any request byte went out (during connect/TLS) is as good as not
      // sent; once the request is on the wire Cal.com may act on it.
      long request_bytes = 0;
      curl_easy_getinfo(handle, CURLINFO_REQUEST_SIZE, &request_bytes);
      return request_bytes == 0 ? TransportFailure::not_sent : TransportFailure::timed_out;
    }
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::interrupted;
    default:
      return TransportFailure::other;
  }
}

std::once_flag global_init_once;

}  // namespace

struct CurlTransport::Impl {
  CURLSH* share = nullptr;
  // libcurl asks for one lock per kind of shared data.
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;
  std::mutex pool_mutex;
  std::vector<CURL*> idle;

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Impl*>(user)->locks.at(static_cast<std::size_t>(data)).lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Impl*>(user)->locks.at(static_cast<std::size_t>(data)).unlock();
  }

  CURL* take() {
    {
      std::lock_guard guard(pool_mutex);
      if (!idle.empty()) {
        CURL* handle = idle.back();
        idle.pop_back();
        return handle;
      }
    }
    return curl_easy_init();
  }
  void give_back(CURL* handle) {
    std::lock_guard guard(pool_mutex);
    idle.push_back(handle);
  }
};

CurlTransport::CurlTransport() : impl_(std::make_unique<Impl>()) {
  // curl_global_init is not thread-safe on older libcurl; do it once, before any handle.
  std::call_once(global_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->share = curl_share_init();
  if (impl_->share) {
    curl_share_setopt(impl_->share, CURLSHOPT_LOCKFUNC, &Impl::lock);
    curl_share_setopt(impl_->share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
    curl_share_setopt(impl_->share, CURLSHOPT_USERDATA, impl_.get());
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  }
}

CurlTransport::~CurlTransport() {
  for (CURL* handle : impl_->idle) curl_easy_cleanup(handle);
  if (impl_->share) curl_share_cleanup(impl_->share);
}

tl::expected<HttpResponse, TransportError> CurlTransport::send(const HttpRequest& request) {
  CURL* handle = impl_->take();
  if (!handle) return tl::unexpected(TransportError{TransportFailure::other, "curl_easy_init failed"});
  // Reset clears options but keeps the handle's live connections: that is the reuse.
  curl_easy_reset(handle);

  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" round trip for larger bodies.
  headers = curl_slist_append(headers, "Expect:");

  Exchange exchange;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // required for timeouts in threads
  if (impl_->share) curl_easy_setopt(handle, CURLOPT_SHARE, impl_->share);
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(handle, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(request.total_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &exchange);
  switch (request.method) {
    case HttpMethod::get:
      curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
      break;
    case HttpMethod::post:
    case HttpMethod::patch:
    case HttpMethod::del:
      if (request.method != HttpMethod::post) {
        curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, http_method_name(request.method));
      }
      if (request.method != HttpMethod::del || !request.body.empty()) {
        curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.c_str());
      }
      break;
  }

  CURLcode code = curl_easy_perform(handle);
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  TransportFailure kind = code == CURLE_OK ? TransportFailure::other : classify(code, handle);
  // Forget pointers into this stack frame before the handle goes back to the pool.
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  curl_slist_free_all(headers);
  impl_->give_back(handle);

  if (code != CURLE_OK) {
    std::string detail = curl_easy_strerror(code);
    if (error_buffer[0] != '\0') detail += std::string(": ") + error_buffer.data();
    if (exchange.too_large) detail = "response body larger than 16 MiB";
    return tl::unexpected(TransportError{kind, detail});
  }
  exchange.response.status = static_cast<int>(status);
  return std::move(exchange.response);
}

}  // namespace poblysh::calcom
