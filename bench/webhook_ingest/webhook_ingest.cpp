// Benchmark: webhook ingest. The release service on SQLite takes N unique signed BOOKING_*
// deliveries (each verified, recorded, applied and its emails queued, committed with fsync
// before the answer) from 64 concurrent keep-alive connections; next to it, in the same run
// and on the same disk, the store's own rate of one-row-per-fsync inserts.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_database.hpp"
#include "webhook_traffic.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono;
using namespace poblysh;

constexpr const char* kSecret = "whsec-bench-3c1d9e";

struct Options {
  std::string service;
  int deliveries = 30000;  // ~3 s at ~10,000/s: long enough for a p99 that one stall does not decide
  int connections = 64;
  int http_threads = 0;  // 0: the service's default (about one per core); deliveries hold no thread while they wait
  double baseline_seconds = 2.0;
  std::string perf_output;  // record the service with `perf record -g` during the measured run
  bool curl_sender = false;  // the measured load through libcurl (as the fault tests send) instead of the lean sender
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--service") options.service = value;
    else if (flag == "--deliveries") options.deliveries = std::stoi(value);
    else if (flag == "--connections") options.connections = std::stoi(value);
    else if (flag == "--http-threads") options.http_threads = std::stoi(value);
    else if (flag == "--baseline-seconds") options.baseline_seconds = std::stod(value);
    else if (flag == "--perf") options.perf_output = value;
    else if (flag == "--sender")
      options.curl_sender = value == "curl";
    else throw std::runtime_error("unknown flag " + flag);
  }
  if (options.service.empty()) {
    throw std::runtime_error(
        "usage: webhook_ingest --service <poblysh-interviews> [--deliveries N] [--connections C] "
        "[--http-threads T] [--baseline-seconds S] [--perf perf.data] [--sender lean|curl]");
  }
  return options;
}

std::vector<std::string> environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** entry = environ; *entry; ++entry) {
    if (!std::string_view(*entry).starts_with("POBLYSH_")) out.emplace_back(*entry);
  }
  for (const auto& [key, value] : extra) out.push_back(key + "=" + value);
  return out;
}

// Starts `argv` with `env` added, output to `log`; returns its pid.
pid_t spawn(std::vector<std::string> argv, const std::map<std::string, std::string>& env, const fs::path& log) {
  auto envs = environment(env);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!std::freopen(log.c_str(), "w", stdout) || !std::freopen(log.c_str(), "a", stderr)) ::_exit(126);
    std::vector<char*> args, vars;
    for (auto& arg : argv) args.push_back(arg.data());
    for (auto& var : envs) vars.push_back(var.data());
    args.push_back(nullptr);
    vars.push_back(nullptr);
    ::execve(args[0], args.data(), vars.data());
    ::_exit(127);
  }
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string read_text(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// One writer, one row per transaction: every COMMIT waits for its own fsync. Measured on a
// settled disk: the dirty pages others left (the seeding, the service's last checkpoint) are
// written out first, so they do not slow this rate's fsyncs down and flatter the ratio.
double baseline_rate(const fs::path& dir, double seconds) {
  ::sync();
  const auto path = (dir / "baseline.db").string();
  store::SqliteDatabase db(path, 1);
  auto check = [](const Status& status) {
    if (!status) throw std::runtime_error("baseline: " + status.error().internal);
  };
  check(db.transaction([](store::Connection& c) -> Status {
    auto made = c.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
    if (!made) return tl::unexpected(made.error());
    return {};
  }));
  const std::string payload(600, 'x');  // about one delivery's raw body
  const auto started = steady_clock::now();
  const auto until = started + duration<double>(seconds);
  int rows = 0;
  while (steady_clock::now() < until) {
    check(db.transaction([&](store::Connection& c) -> Status {
      auto inserted = c.execute("INSERT INTO rows (payload) VALUES (?)", {payload});
      if (!inserted) return tl::unexpected(inserted.error());
      return {};
    }));
    ++rows;
  }
  return rows / duration<double>(steady_clock::now() - started).count();
}

std::int64_t count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* statement = nullptr;
  std::int64_t value = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

void row(const char* measure, const std::string& value, const std::string& goal, const char* verdict) {
  std::printf("| webhook ingest | %s | %s | %s | %s |\n", measure, value.c_str(), goal.c_str(), verdict);
}

std::string fixed(double value, int decimals = 0) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// What the service process has cost so far: CPU seconds (user + system) and bytes it caused
// to be written to the disk (/proc/<pid>/io write_bytes: WAL frames and checkpoint copies).
struct ProcessCost {
  double cpu_seconds = 0;
  double written_bytes = 0;
};

ProcessCost process_cost(pid_t pid) {
  ProcessCost cost;
  const std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::vector<std::string> field{std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>()};
  if (field.size() > 12) {
    cost.cpu_seconds = (std::stod(field[11]) + std::stod(field[12])) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  }
  std::ifstream io("/proc/" + std::to_string(pid) + "/io");
  for (std::string key; io >> key;) {
    double value = 0;
    io >> value;
    if (key == "write_bytes:") cost.written_bytes = value;
  }
  return cost;
}

int run(const Options& options) {
  const fs::path dir = fs::temp_directory_path() / ("poblysh-bench-ingest-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() { std::error_code ignored; fs::remove_all(dir, ignored); }
  } cleanup{dir};
  const auto db_path = (dir / "poblysh.db").string();
  const std::map<std::string, std::string> db_env{{"POBLYSH_DATABASE_URL", "sqlite://" + db_path}};
  if (wait_exit(spawn({options.service, "migrate"}, db_env, dir / "migrate.log")) != 0) {
    throw std::runtime_error("migrate failed: " + read_text(dir / "migrate.log"));
  }
  const int warmup = std::max(options.connections, options.deliveries / 50);
  const int total = options.deliveries + warmup;
  webhook_traffic::seed_interviews(db_path, total);
  const auto deliveries = webhook_traffic::make_deliveries(total, kSecret);

  const double baseline_before = baseline_rate(dir, options.baseline_seconds / 2);

  auto env = db_env;
  env["POBLYSH_HTTP_ADDRESS"] = "127.0.0.1:0";
  env["POBLYSH_READY_FILE"] = (dir / "ready").string();
  env["POBLYSH_CALCOM_WEBHOOK_SECRET"] = kSecret;
  env["POBLYSH_CALCOM_SYNC_SECONDS"] = "0";
  if (options.http_threads > 0) env["POBLYSH_HTTP_THREADS"] = std::to_string(options.http_threads);
  env["POBLYSH_STATIC_DIR"] = (dir / "static").string();
  const pid_t service = spawn({options.service, "serve"}, env, dir / "service.log");
  struct Stop {
    pid_t pid;
    void now() {
      if (pid <= 0) return;
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
      pid = -1;
    }
    ~Stop() { now(); }
  } stop{service};
  std::string address;
  for (auto deadline = steady_clock::now() + 30s; address.empty(); std::this_thread::sleep_for(10ms)) {
    if (steady_clock::now() > deadline) throw std::runtime_error("service not ready: " + read_text(dir / "service.log"));
    address = read_text(dir / "ready");
    while (!address.empty() && std::isspace(static_cast<unsigned char>(address.back()))) address.pop_back();
  }
  const std::string url = "http://" + address + "/webhooks/calcom";

  std::vector<std::size_t> first, rest;
  for (int i = 0; i < total; ++i) (i < warmup ? first : rest).push_back(static_cast<std::size_t>(i));
  (void)webhook_traffic::send_all(url, deliveries, first, options.connections);
  pid_t perf = -1;
  if (!options.perf_output.empty()) {
    perf =
        spawn({"/usr/bin/perf", "record", "-F", "2999", "-g", "-o", options.perf_output, "-p", std::to_string(service)},
              {}, dir / "perf.log");
    std::this_thread::sleep_for(500ms);  // attached before the load starts
  }
  const auto cost_before = process_cost(service);
  const auto started = steady_clock::now();
  const auto sent = options.curl_sender ? webhook_traffic::send_all(url, deliveries, rest, options.connections)
                                        : webhook_traffic::send_all_lean(url, deliveries, rest, options.connections);
  const double elapsed = duration<double>(steady_clock::now() - started).count();
  const auto cost_after = process_cost(service);
  if (perf > 0) {
    ::kill(perf, SIGINT);
    wait_exit(perf);
  }

  stop.now();  // its checkpointer's writes would share the disk with the baseline's
  const double baseline_after = baseline_rate(dir, options.baseline_seconds / 2);
  const double baseline = (baseline_before + baseline_after) / 2;

  std::vector<std::int64_t> latencies;
  std::size_t not_ok = 0;
  for (const auto& result : sent) {
    latencies.push_back(result.latency.count());
    if (result.status < 200 || result.status >= 300) ++not_ok;
  }
  std::sort(latencies.begin(), latencies.end());
  const double p50 = latencies[latencies.size() / 2] / 1000.0;
  const double p99 = latencies[std::min(latencies.size() - 1, latencies.size() * 99 / 100)] / 1000.0;
  const double rate = static_cast<double>(sent.size()) / elapsed;
  const double ratio = rate / baseline;
  const auto applied = count(db_path, "SELECT count(*) FROM webhook_deliveries WHERE outcome = 'applied'");
  const auto emails = count(db_path, "SELECT count(*) FROM email_outbox");

  const std::string threads =
      options.http_threads > 0 ? std::to_string(options.http_threads) + " HTTP threads" : "default HTTP threads";
  std::fprintf(stderr,
               "webhook ingest: %zu signed deliveries (after %d warm-up), %d keep-alive connections, %s, "
               "SQLite WAL synchronous=FULL in %s\n",
               sent.size(), warmup, options.connections, threads.c_str(), dir.c_str());
  const std::string load = std::to_string(sent.size()) + " signed deliveries, " + std::to_string(options.connections) +
                           " connections, " + threads;
  row(("deliveries/s (" + load + ")").c_str(), fixed(rate) + " /s (p50 " + fixed(p50, 1) + " ms)",
      "≥ 3× baseline = " + fixed(3 * baseline) + " /s", ratio >= 3 ? "PASS" : "MISS");
  row("p99 of a delivery", fixed(p99, 1) + " ms", "< 20 ms", p99 < 20 ? "PASS" : "MISS");
  row("baseline: one-row-per-fsync inserts, same pragmas and disk",
      fixed(baseline) + " /s (before " + fixed(baseline_before) + ", after " + fixed(baseline_after) + ")", "—", "—");
  row("ingest ÷ baseline", fixed(ratio, 2) + "×", "≥ 3×", ratio >= 3 ? "PASS" : "MISS");
  const double per_delivery = 1.0 / static_cast<double>(sent.size());
  row("service's cost per delivery (CPU: user + system; disk: /proc write_bytes)",
      fixed((cost_after.cpu_seconds - cost_before.cpu_seconds) * 1e6 * per_delivery) + " µs CPU, " +
          fixed((cost_after.written_bytes - cost_before.written_bytes) / 1024.0 * per_delivery, 1) + " KB written",
      "—", "—");
  row("every delivery answered 2xx and applied", std::to_string(sent.size() + static_cast<std::size_t>(warmup) - not_ok) +
      " answered 2xx, " + std::to_string(applied) + " applied, " + std::to_string(emails) + " emails queued",
      std::to_string(total), not_ok == 0 && applied == total ? "PASS" : "MISS");
  return (p99 < 20 && ratio >= 3 && not_ok == 0 && applied == total) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "webhook_ingest: %s\n", error.what());
    return 2;
  }
}
