// Test support: a small HTTP client (libcurl) that keeps cookies and the CSRF token like a browser.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace poblysh::testing {

struct HttpResponse {
  long status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string body;
  nlohmann::json json() const;
  std::optional<std::string> header(const std::string& lower_name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::string base_url);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse get(const std::string& path, const std::map<std::string, std::string>& headers = {});
  HttpResponse post(const std::string& path, const nlohmann::json& body, const std::map<std::string, std::string>& headers = {});
  HttpResponse patch(const std::string& path, const nlohmann::json& body, const std::map<std::string, std::string>& headers = {});
  HttpResponse del(const std::string& path, const std::map<std::string, std::string>& headers = {});
  HttpResponse send(const std::string& method, const std::string& path, const std::string& body,
                    const std::map<std::string, std::string>& headers);

  // Signs in; remembers the session cookie and the CSRF token for later writes.
  HttpResponse login(const std::string& email, const std::string& password);
  void set_bearer(const std::string& token) { bearer_ = token; }
  void forget_csrf() { csrf_.clear(); }
  const std::string& csrf() const { return csrf_; }

 private:
  std::string base_url_;
  void* curl_;
  std::string csrf_;
  std::string bearer_;
};

}  // namespace poblysh::testing
