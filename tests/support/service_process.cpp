#include "service_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace poblysh::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> all;
  for (char** entry = environ; *entry; ++entry) {
    std::string text(*entry);
    auto equals = text.find('=');
    if (equals != std::string::npos && !text.starts_with("POBLYSH_")) all[text.substr(0, equals)] = text.substr(equals + 1);
  }
  for (const auto& [key, value] : extra) all[key] = value;
  std::vector<std::string> out;
  for (const auto& [key, value] : all) out.push_back(key + "=" + value);
  return out;
}

// A "Vm…:   1234 kB" line of /proc/PID/status, in MiB.
std::size_t status_mib(pid_t pid, std::string_view field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
      return std::stoul(line.substr(field.size() + 1)) / 1024;
    }
  }
  return 0;
}

}  // namespace

std::size_t Process::resident_mib() const { return status_mib(pid_, "VmRSS"); }
std::size_t Process::peak_resident_mib() const { return status_mib(pid_, "VmHWM"); }

Process::Process(std::string program, std::vector<std::string> args, std::map<std::string, std::string> env,
                 const std::filesystem::path& work_dir, const std::string& ready_env_or_flag) {
  static int counter = 0;
  const auto tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
  out_ = work_dir / ("stdout-" + tag + ".txt");
  err_ = work_dir / ("stderr-" + tag + ".txt");
  const auto ready = work_dir / ("ready-" + tag);
  if (ready_env_or_flag.starts_with("--")) {
    args.push_back(ready_env_or_flag);
    args.push_back(ready.string());
  } else {
    env[ready_env_or_flag] = ready.string();
  }
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), args.begin(), args.end());
  auto envp = merged_environment(env);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::chdir(work_dir.c_str());
    int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null_in = ::open("/dev/null", O_RDONLY);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::dup2(null_in, 0);
    auto argv_c = c_strings(argv);
    auto envp_c = c_strings(envp);
    ::execve(program.c_str(), argv_c.data(), envp_c.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(ready)) {
      address_ = read_file(ready);
      while (!address_.empty() && (address_.back() == '\n' || address_.back() == ' ')) address_.pop_back();
      if (!address_.empty()) return;
    }
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error(program + " exited before it was ready: " + read_file(err_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  throw std::runtime_error(program + " was not ready within 30 s: " + read_file(err_));
}

Process::~Process() { stop(); }

std::string Process::stdout_text() const { return read_file(out_); }
std::string Process::stderr_text() const { return read_file(err_); }

int Process::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 500; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill_hard();
  return -1;
}

void Process::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string service_binary() { return POBLYSH_BINARY; }

std::pair<int, std::string> run_command(const std::vector<std::string>& argv_in,
                                        const std::map<std::string, std::string>& env, const std::string& stdin_text) {
  int in_pipe[2], out_pipe[2];
  if (::pipe(in_pipe) != 0 || ::pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv = argv_in;
  auto envp = merged_environment(env);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    auto argv_c = c_strings(argv);
    auto envp_c = c_strings(envp);
    ::execve(argv[0].c_str(), argv_c.data(), envp_c.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  if (!stdin_text.empty()) (void)!::write(in_pipe[1], stdin_text.data(), stdin_text.size());
  ::close(in_pipe[1]);
  std::string output;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(out_pipe[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<std::size_t>(n));
  ::close(out_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

Service::Service(std::map<std::string, std::string> extra_env) {
  const bool own_database = !extra_env.count("POBLYSH_DATABASE_URL");
  // A test's own switch, not a setting: the service refuses POBLYSH_* variables it does not know.
  const bool seed_admin = extra_env.erase("POBLYSH_TEST_NO_SEED_ADMIN") == 0;
  // The browser app's files are part of readiness: a stand-in page unless the test brings its own.
  std::filesystem::create_directories(dir_.path() / "static");
  std::ofstream(dir_.path() / "static" / "index.html") << "<!doctype html><title>Poblysh Interviews</title>\n";
  if (own_database) database_ = std::make_unique<TestDatabase>(dir_.path() / "test.db");
  env_ = {{"POBLYSH_HTTP_ADDRESS", "127.0.0.1:0"},
          {"POBLYSH_STATIC_DIR", (dir_.path() / "static").string()},
          {"POBLYSH_LOG_LEVEL", "info"}};
  if (own_database) env_["POBLYSH_DATABASE_URL"] = database_->url();
  for (const auto& [key, value] : extra_env) env_[key] = value;
  // An account exists before the first start, so the service does not create its own admin.
  if (own_database && seed_admin) add_user("admin@example.com", "Ada Admin", "admin");
  process_ = std::make_unique<Process>(service_binary(), std::vector<std::string>{"serve"}, env_, dir_.path(),
                                       "POBLYSH_READY_FILE");
}

Service::~Service() {
  if (!process_) return;
  process_->stop();
  for (const auto& line : lines_not_json(process_->stderr_text())) {
    ADD_FAILURE() << "the service's log has a line that is not a JSON object: " << line;
  }
}

std::vector<std::string> lines_not_json(const std::string& log) {
  std::vector<std::string> bad;
  std::istringstream lines(log);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const auto parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) bad.push_back(std::to_string(number) + ": " + line);
  }
  return bad;
}

std::string Service::add_user(const std::string& email, const std::string& name, const std::string& role,
                              const std::string& password) {
  auto [code, output] = run_command({service_binary(), "user", "add", "--email", email, "--name", name, "--role", role},
                                    env_, password + "\n");
  if (code != 0) throw std::runtime_error("user add failed: " + output);
  return password;
}

}  // namespace poblysh::testing
