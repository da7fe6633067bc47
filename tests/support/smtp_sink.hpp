// Test support: runs scripts/smtp-sink/smtp_sink.py on a loopback port and reads what it got.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace poblysh::notify::testing {

using poblysh::testing::TempDir;

struct SinkOptions {
  std::filesystem::path refuse_while{};  // refuse while this file exists
  int refuse_code = 451;
  std::string refuse_at = "data";  // or "rcpt"
  std::filesystem::path tls_cert{};
  std::filesystem::path tls_key{};
  bool require_starttls = false;
  bool implicit_tls = false;
  std::string auth{};  // "user:pass"
  int delay_ms = 0;    // a slow relay: each message is accepted (and stored) this long after its data
};

struct ReceivedMessage {
  std::string mail_from;
  std::vector<std::string> recipients;
  std::string login;  // the AUTH user, empty without AUTH
  std::string data;   // the raw message as received
};

class SmtpSink {
 public:
  explicit SmtpSink(SinkOptions options = {});
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  std::vector<ReceivedMessage> messages() const;  // in arrival order
  // Waits until at least `count` messages arrived; returns them.
  std::vector<ReceivedMessage> wait_for(std::size_t count,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

 private:
  TempDir dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// A self-signed certificate for 127.0.0.1 made with the openssl tool; false if unavailable.
bool make_loopback_certificate(const std::filesystem::path& cert, const std::filesystem::path& key);

}  // namespace poblysh::notify::testing
