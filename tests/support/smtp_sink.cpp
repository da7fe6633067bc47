#include "smtp_sink.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace poblysh::notify::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

SmtpSink::SmtpSink(SinkOptions options) {
  const auto ready = dir_.path() / "port";
  const auto log = dir_.path() / "sink.log";
  std::vector<std::string> argv{"/usr/bin/python3", POBLYSH_SMTP_SINK, "--dir", (dir_.path() / "mail").string(),
                                "--ready-file",     ready.string()};
  if (!options.refuse_while.empty()) {
    argv.insert(argv.end(), {"--refuse-while", options.refuse_while.string(), "--refuse-code",
                             std::to_string(options.refuse_code), "--refuse-at", options.refuse_at});
  }
  if (!options.tls_cert.empty())
    argv.insert(argv.end(), {"--tls-cert", options.tls_cert.string(), "--tls-key", options.tls_key.string()});
  if (options.require_starttls) argv.push_back("--require-starttls");
  if (options.implicit_tls) argv.push_back("--implicit-tls");
  if (!options.auth.empty()) argv.insert(argv.end(), {"--auth", options.auth});
  if (options.delay_ms > 0) argv.insert(argv.end(), {"--delay-ms", std::to_string(options.delay_ms)});

  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> args;
    for (auto& arg : argv) args.push_back(arg.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(ready)) {
      port_ = std::atoi(read_file(ready).c_str());
      if (port_ > 0) return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("smtp_sink.py exited early: " + read_file(log));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("smtp_sink.py was not ready within 20 s: " + read_file(log));
}

SmtpSink::~SmtpSink() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 250 && ::waitpid(pid_, &status, WNOHANG) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (::waitpid(pid_, &status, WNOHANG) == 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
}

std::vector<ReceivedMessage> SmtpSink::messages() const {
  std::vector<std::filesystem::path> files;
  const auto mail = dir_.path() / "mail";
  if (!std::filesystem::exists(mail)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(mail)) {
    if (entry.path().extension() == ".eml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMessage> out;
  for (const auto& file : files) {
    auto meta = nlohmann::json::parse(read_file(std::filesystem::path(file).replace_extension(".json")));
    ReceivedMessage message;
    message.mail_from = meta.value("mail_from", "");
    message.recipients = meta.value("rcpt_tos", std::vector<std::string>{});
    if (meta["login"].is_string()) message.login = meta["login"].get<std::string>();
    message.data = read_file(file);
    out.push_back(std::move(message));
  }
  return out;
}

std::vector<ReceivedMessage> SmtpSink::wait_for(std::size_t count, std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto received = messages();
  while (received.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    received = messages();
  }
  return received;
}

bool make_loopback_certificate(const std::filesystem::path& cert, const std::filesystem::path& key) {
  const std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost "
      "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
  return std::system(command.c_str()) == 0 && std::filesystem::exists(cert);
}

}  // namespace poblysh::notify::testing
