// Benchmark: does availability for a panel of 8 interviewers cost about one Cal.com round trip?
// Starts calcom-sim with an added latency per request, then times CurlClient::slots_many for 1
// and for 8 interviewers (fresh client, so a fresh cache, per run), reports medians, the ratio
// against the 1.3x limit, and a repeat call inside the slots cache window.
//
//   availability_fanout --sim <calcom-sim> --fixture <default.json> [--latency-ms 200] [--runs 7]
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "calcom/curl_client.hpp"
#include "core/time.hpp"

extern char** environ;

namespace {

using namespace poblysh;
using Millis = std::chrono::duration<double, std::milli>;

constexpr double kLimit = 1.3;
constexpr const char* kKey = "cal_test_poblysh_ops_5f1c2e9a7b3d4c60a8e1";
// One event type per interviewer of the simulator's fixture (users 1–7; Bruno has two).
constexpr std::int64_t kEventTypes[] = {1001, 1101, 1201, 1301, 1401, 1501, 1601, 1102};

struct Args {
  std::string sim;
  std::string fixture;
  int latency_ms = 200;
  int runs = 7;
};

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--sim") args.sim = value;
    else if (flag == "--fixture") args.fixture = value;
    else if (flag == "--latency-ms") args.latency_ms = std::stoi(value);
    else if (flag == "--runs") args.runs = std::stoi(value);
    else throw std::runtime_error("unknown flag " + flag);
  }
  if (args.sim.empty() || args.fixture.empty()) throw std::runtime_error("--sim and --fixture are required");
  if (args.runs < 1) throw std::runtime_error("--runs must be at least 1");
  return args;
}

// The simulator as a child process on a free port; stopped with the object.
class Simulator {
 public:
  explicit Simulator(const Args& args) : dir_(std::filesystem::temp_directory_path() / ("fanout-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
    const auto ready = (dir_ / "sim.addr").string();
    // A frozen clock keeps the slots identical run to run; the rate limit is raised because the
    // benchmark, not Cal.com's quota, is what is measured.
    std::vector<std::string> argv{args.sim, "--listen", "127.0.0.1:0", "--ready-file", ready, "--fixture", args.fixture,
                                  "--latency-ms", std::to_string(args.latency_ms), "--rate-limit", "100000",
                                  "--now", "2027-03-01T08:00:00Z"};
    std::vector<char*> c_argv;
    for (auto& arg : argv) c_argv.push_back(arg.data());
    c_argv.push_back(nullptr);
    if (::posix_spawn(&pid_, args.sim.c_str(), nullptr, nullptr, c_argv.data(), environ) != 0) {
      throw std::runtime_error("cannot start " + args.sim);
    }
    for (int i = 0; i < 100 && address_.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::ifstream in(ready);
      std::getline(in, address_);
    }
    if (address_.empty()) throw std::runtime_error("calcom-sim did not become ready in 10 s");
  }
  ~Simulator() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    std::filesystem::remove_all(dir_);
  }
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;
  std::string base_url() const { return "http://" + address_; }

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::string address_;
};

std::unique_ptr<calcom::CurlClient> fresh_client(const std::string& base_url,
                                                 const std::shared_ptr<spdlog::logger>& log) {
  calcom::ClientOptions options;
  options.base_url = base_url;
  options.api_key = kKey;
  calcom::ClientDeps deps;
  deps.logger = log;
  return std::make_unique<calcom::CurlClient>(std::move(options), std::move(deps));
}

std::vector<calcom::SlotsQuery> queries(std::size_t interviewers) {
  std::vector<calcom::SlotsQuery> out;
  for (std::size_t i = 0; i < interviewers; ++i) {
    calcom::SlotsQuery query;
    query.event_type_id = kEventTypes[i];
    query.start = *parse_iso8601("2027-03-02T00:00:00Z");  // a working week
    query.end = *parse_iso8601("2027-03-09T00:00:00Z");
    query.time_zone = "Europe/Paris";
    out.push_back(query);
  }
  return out;
}

// One availability lookup; throws if any interviewer's slots failed (a broken run is no figure).
double timed_lookup(calcom::CurlClient& client, const std::vector<calcom::SlotsQuery>& batch) {
  const auto start = std::chrono::steady_clock::now();
  auto results = client.slots_many(batch);
  const double elapsed = Millis(std::chrono::steady_clock::now() - start).count();
  for (const auto& result : results) {
    if (!result) throw std::runtime_error("slots lookup failed: " + result.error().internal);
    if (result->count() == 0) throw std::runtime_error("slots lookup returned no slots");
  }
  return elapsed;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Args args = parse_args(argc, argv);
    Simulator sim(args);
    auto log = std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    std::printf("availability fan-out: calcom-sim at %s, +%d ms per request, %d runs each (fresh cache per run)\n",
                sim.base_url().c_str(), args.latency_ms, args.runs);

    double medians[2] = {0, 0};
    const std::size_t sizes[2] = {1, 8};
    std::unique_ptr<calcom::CurlClient> last;
    for (int s = 0; s < 2; ++s) {
      const auto batch = queries(sizes[s]);
      timed_lookup(*fresh_client(sim.base_url(), log), batch);  // warm-up, not counted
      std::vector<double> times;
      for (int run = 0; run < args.runs; ++run) {
        last = fresh_client(sim.base_url(), log);
        times.push_back(timed_lookup(*last, batch));
      }
      medians[s] = median(times);
      std::printf("  %zu interviewer%s: median %7.1f ms   (min %.1f, max %.1f)\n", sizes[s], sizes[s] == 1 ? " " : "s",
                  medians[s], *std::min_element(times.begin(), times.end()),
                  *std::max_element(times.begin(), times.end()));
    }
    const double ratio = medians[1] / medians[0];
    const bool pass = ratio <= kLimit;
    std::printf("  ratio 8/1: %.2fx (limit %.1fx) %s\n", ratio, kLimit, pass ? "PASS" : "FAIL");

    // Same client, same 8 lookups, within the slots cache window (30 s): no request at all.
    const double cached = timed_lookup(*last, queries(8));
    std::printf("  8 interviewers again within the cache window: %.2f ms\n", cached);
    return pass ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "availability_fanout: %s\n", error.what());
    return 2;
  }
}
