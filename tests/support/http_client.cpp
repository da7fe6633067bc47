#include "http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <stdexcept>

namespace poblysh::testing {
namespace {

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::size_t write_header(char* data, std::size_t size, std::size_t count, void* out) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    static_cast<std::multimap<std::string, std::string>*>(out)->emplace(name, value);
  }
  return size * count;
}

}  // namespace

nlohmann::json HttpResponse::json() const {
  return nlohmann::json::parse(body, nullptr, false);
}

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

HttpClient::HttpClient(std::string base_url) : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  if (!curl_) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // in-memory cookie jar
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

HttpResponse HttpClient::send(const std::string& method, const std::string& path, const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  HttpResponse response;
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "GET" || method == "HEAD") {
    curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method == "HEAD" ? "HEAD" : nullptr);
  } else {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  // After HTTPGET, which turns NOBODY off: a HEAD's answer has a Content-Length and no body.
  curl_easy_setopt(curl_, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
  curl_slist* list = nullptr;
  std::map<std::string, std::string> all = headers;
  if (method != "GET" && method != "HEAD" && !all.count("Content-Type")) all["Content-Type"] = "application/json";
  if (!csrf_.empty() && !all.count("X-CSRF-Token")) all["X-CSRF-Token"] = csrf_;
  if (!bearer_.empty() && !all.count("Authorization")) all["Authorization"] = "Bearer " + bearer_;
  for (const auto& [name, value] : all) list = curl_slist_append(list, (name + ": " + value).c_str());
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &response.headers);
  const CURLcode code = curl_easy_perform(curl_);
  curl_slist_free_all(list);
  if (code != CURLE_OK) throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(code));
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

HttpResponse HttpClient::get(const std::string& path, const std::map<std::string, std::string>& headers) {
  return send("GET", path, "", headers);
}
HttpResponse HttpClient::post(const std::string& path, const nlohmann::json& body,
                              const std::map<std::string, std::string>& headers) {
  return send("POST", path, body.dump(), headers);
}
HttpResponse HttpClient::patch(const std::string& path, const nlohmann::json& body,
                               const std::map<std::string, std::string>& headers) {
  return send("PATCH", path, body.dump(), headers);
}
HttpResponse HttpClient::del(const std::string& path, const std::map<std::string, std::string>& headers) {
  return send("DELETE", path, "", headers);
}

HttpResponse HttpClient::login(const std::string& email, const std::string& password) {
  auto response = post("/api/v1/session", {{"email", email}, {"password", password}});
  if (response.status == 200) csrf_ = response.json().value("csrf_token", "");
  return response;
}

}  // namespace poblysh::testing
