// notify: the Mailer that talks SMTP to the configured relay, through libcurl.
#pragma once

#include <chrono>
#include <string>

#include "notify/mailer.hpp"
#include "notify/smtp_url.hpp"

namespace poblysh::notify {

struct SmtpOptions {
  std::string envelope_from;  // MAIL FROM (bounces go here); usually the From header's address
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};  // keep below the outbox lease
  std::string ca_file;  // extra CA bundle for a relay with a private CA; empty: system store
  std::string helo_name;  // EHLO name; empty: libcurl uses this machine's host name
};

// One connection per message: the outbox sends a handful at a time, so connection reuse is
// not worth the state it would need. Safe to call from several threads.
class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(SmtpEndpoint endpoint, SmtpOptions options);
  Status send(const OutgoingMessage& message) override;

 private:
  SmtpEndpoint endpoint_;
  SmtpOptions options_;
};

}  // namespace poblysh::notify
