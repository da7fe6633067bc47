#include "notify/smtp_mailer.hpp"

#include <cstring>
#include <memory>
#include <mutex>

#include <curl/curl.h>

#include "notify/mime.hpp"

namespace poblysh::notify {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->data->size() - upload->offset;
  const std::size_t n = std::min(room, left);
  std::memcpy(buffer, upload->data->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Curl's own texts name host and port but never the user info: we pass credentials through
// CURLOPT_USERNAME/PASSWORD, not inside the URL, so error messages are safe to log.
Error smtp_error(CURLcode code, long response, const std::string& where, const char* detail) {
  std::string internal = "smtp " + where + ": " + (detail[0] != '\0' ? detail : curl_easy_strerror(code));
  if (response > 0) internal += " (last reply " + std::to_string(response) + ")";
  // 550-554: the server will not take this message or recipient, now or later.
  if (response >= 550 && response <= 554 && code != CURLE_LOGIN_DENIED) {
    return Error{ErrorCode::unprocessable, "The mail server refused the message.", {}, internal, {}};
  }
  return Error{ErrorCode::upstream_unavailable, "The mail server is unavailable; the email will be retried.", {}, internal, {}};
}

}  // namespace

SmtpMailer::SmtpMailer(SmtpEndpoint endpoint, SmtpOptions options)
    : endpoint_(std::move(endpoint)), options_(std::move(options)) {
  // curl_global_init is not thread-safe on older libcurl; do it once, before any handle.
  static std::once_flag global_init_once;
  std::call_once(global_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status SmtpMailer::send(const OutgoingMessage& message) {
  if (message.recipients.empty()) return invalid_field("recipients", "needs at least one recipient");
  for (const auto& recipient : message.recipients) {
    if (!is_valid_address(recipient)) return invalid_field("recipients", "is not a valid email address");
  }
  if (!is_valid_address(options_.envelope_from)) return invalid_field("envelope_from", "is not a valid email address");

  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return fail(ErrorCode::internal, "Could not send the email.", "curl_easy_init failed");
  CURL* handle = curl.get();
  const bool implicit = endpoint_.security == SmtpSecurity::implicit_tls;
  const std::string url = std::string(implicit ? "smtps://" : "smtp://") + endpoint_.host_port() + "/" + options_.helo_name;
  std::unique_ptr<curl_slist, ListDeleter> recipients;
  for (const auto& recipient : message.recipients) {
    curl_slist* grown = curl_slist_append(recipients.get(), ("<" + recipient + ">").c_str());
    if (grown == nullptr) return fail(ErrorCode::internal, "Could not send the email.", "curl_slist_append failed");
    recipients.release();
    recipients.reset(grown);
  }
  Upload upload{&message.data};
  char error_buffer[CURL_ERROR_SIZE] = {};
  const std::string mail_from = "<" + options_.envelope_from + ">";

  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
  if (!endpoint_.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, endpoint_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, endpoint_.password.c_str());
  }
  if (!implicit) {
    const long use_ssl = endpoint_.security == SmtpSecurity::required_starttls ? CURLUSESSL_ALL
                         : endpoint_.security == SmtpSecurity::plain           ? CURLUSESSL_NONE
                                                                               : CURLUSESSL_TRY;
    curl_easy_setopt(handle, CURLOPT_USE_SSL, use_ssl);
  }
  if (!options_.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, options_.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.data.size()));

  const CURLcode code = curl_easy_perform(handle);
  if (code == CURLE_OK) return {};
  long response = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response);
  return fail(smtp_error(code, response, endpoint_.host_port(), error_buffer));
}

}  // namespace poblysh::notify
