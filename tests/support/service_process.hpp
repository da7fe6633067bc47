// Test support: starts real binaries (the service, the simulator) on free ports and stops them.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "temp_dir.hpp"
#include "test_database.hpp"

namespace poblysh::testing {

using Env = std::map<std::string, std::string>;

// Runs `program args…` with extra environment, stdout/stderr to files; waits until the
// program writes its address to the ready file (both our binaries support that).
class Process {
 public:
  Process(std::string program, std::vector<std::string> args, std::map<std::string, std::string> env,
          const std::filesystem::path& work_dir, const std::string& ready_env_or_flag);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // "127.0.0.1:PORT", read from the ready file.
  const std::string& address() const { return address_; }
  std::string base_url() const { return "http://" + address_; }
  pid_t pid() const { return pid_; }
  // From /proc: the memory it holds now (VmRSS) and the most it has held (VmHWM), in MiB.
  std::size_t resident_mib() const;
  std::size_t peak_resident_mib() const;
  std::string stdout_text() const;
  std::string stderr_text() const;
  // SIGTERM and wait; returns the exit status (or -1).
  int stop();
  void kill_hard();  // SIGKILL

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_, err_;
  std::string address_;
};

// The service, on a free port, with its own temporary directory and a fresh database of the
// current test store (a SQLite file there, or a PostgreSQL schema), seeded with an admin and
// living as long as the Service. Given POBLYSH_DATABASE_URL in `extra_env` (e.g. another
// Service's database_url()), it shares that database instead and seeds nothing.
class Service {
 public:
  explicit Service(std::map<std::string, std::string> extra_env = {});
  // Stops the service, and fails the running test if its log (standard error) holds a line that
  // is not one JSON object: every test that starts a service checks the log's format too.
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;
  const Process& process() const { return *process_; }
  Process& process() { return *process_; }
  std::string base_url() const { return process_->base_url(); }
  const std::filesystem::path& dir() const { return dir_.path(); }
  // Runs `poblysh-interviews user add` against the same database; returns the password used.
  std::string add_user(const std::string& email, const std::string& name, const std::string& role,
                       const std::string& password = "correct-horse-battery");
  std::map<std::string, std::string> env() const { return env_; }
  const std::string& database_url() const { return env_.at("POBLYSH_DATABASE_URL"); }

 private:
  TempDir dir_;
  std::unique_ptr<TestDatabase> database_;  // null when sharing another's
  std::map<std::string, std::string> env_;
  std::unique_ptr<Process> process_;
};

// The lines of `log` that are not a JSON object each, with their line numbers.
std::vector<std::string> lines_not_json(const std::string& log);

std::string service_binary();
// Runs a command to completion; returns {exit code, stdout}.
std::pair<int, std::string> run_command(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                        const std::string& stdin_text = {});

}  // namespace poblysh::testing
