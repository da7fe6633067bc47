// calcom-sim: wiring — flags, fixture, state, route table, server; read top to bottom.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <CLI/CLI.hpp>
#include <curl/curl.h>

#include "core/time.hpp"
#include "fixture.hpp"
#include "http/server.hpp"
#include "routes.hpp"

using namespace poblysh;
using namespace poblysh::calcom_sim;

namespace {

struct Flags {
  std::string listen = "127.0.0.1:0";
  std::string ready_file;
  std::string fixture = CALCOM_SIM_DEFAULT_FIXTURE;
  std::size_t threads = 16;
  int rate_limit = 120;
  bool retry_after = false;
  int webhook_timeout_ms = 5000;
  std::string now;
  std::int64_t clock_offset_s = 0;
  bool verbose = false;
  FaultConfig faults;
};

void write_ready_file(const std::string& path, const std::string& address) {
  // Written whole then renamed, so a waiting script never reads half an address.
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary);
    out << address << "\n";
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  CLI::App app{"calcom-sim: a stateful Cal.com API v2 simulator"};
  app.add_option("--listen", flags.listen, "127.0.0.1:PORT to bind (port 0 picks a free one)");
  app.add_option("--ready-file", flags.ready_file, "write the bound 127.0.0.1:PORT here once listening");
  app.add_option("--fixture", flags.fixture, "fixture JSON (users, teams, event types, API keys)");
  app.add_option("--threads", flags.threads, "server threads (hangs and latency occupy one each)");
  app.add_option("--rate-limit", flags.rate_limit, "requests per 60 s per API key (Cal.com: 120)");
  app.add_flag("--retry-after", flags.retry_after, "send Retry-After with 429 answers");
  app.add_option("--webhook-timeout-ms", flags.webhook_timeout_ms, "timeout of one webhook delivery");
  app.add_option("--now", flags.now, "freeze the simulator clock at this ISO 8601 time");
  app.add_option("--clock-offset-seconds", flags.clock_offset_s, "shift the simulator clock");
  app.add_flag("--verbose", flags.verbose, "log every request to stderr");
  app.add_option("--latency-ms", flags.faults.latency_ms, "fault: added latency per /v2 request");
  app.add_option("--error-rate", flags.faults.error_rate, "fault: share of /v2 requests answered 5xx")->check(CLI::Range(0.0, 1.0));
  app.add_option("--error-count", flags.faults.error_count, "fault: the next N /v2 requests answer 5xx");
  app.add_option("--error-status", flags.faults.error_status, "fault: the 5xx status to use")->check(CLI::Range(500, 599));
  app.add_option("--throttle-count", flags.faults.throttle_count, "fault: the next N /v2 requests answer 429");
  app.add_option("--hang-count", flags.faults.hang_count, "fault: the next N /v2 requests hang");
  app.add_option("--hang-ms", flags.faults.hang_ms, "fault: how long a hang lasts");
  app.add_option("--fail-after-commit", flags.faults.fail_after_commit_count,
                 "fault: the next N booking creates are stored, then answer 500");
  app.add_option("--fail-after-commit-mode", flags.faults.fail_after_commit_mode, "error | hang")
      ->check(CLI::IsMember({"error", "hang"}));
  app.add_option("--fault-path-prefix", flags.faults.path_prefix, "faults only hit paths with this prefix");
  CLI11_PARSE(app, argc, argv);

  const auto colon = flags.listen.rfind(':');
  const std::string host = colon == std::string::npos ? "" : flags.listen.substr(0, colon);
  if (host != "127.0.0.1" && host != "localhost") {
    std::cerr << "calcom-sim binds 127.0.0.1 only; got --listen " << flags.listen << "\n";
    return 2;
  }
  const auto port = to_int(flags.listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    std::cerr << "bad port in --listen " << flags.listen << "\n";
    return 2;
  }

  // Block the stop signals before any thread starts, so only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  curl_global_init(CURL_GLOBAL_DEFAULT);

  try {
    SimClock clock;
    if (!flags.now.empty()) {
      auto frozen = parse_iso8601(flags.now);
      if (!frozen) throw std::runtime_error("--now must be an ISO 8601 time with offset");
      clock.freeze_at(*frozen);
    } else if (flags.clock_offset_s != 0) {
      clock.set_offset(std::chrono::seconds(flags.clock_offset_s));
    }
    Store store(load_fixture(flags.fixture), clock);
    Faults faults(flags.faults);
    RateLimiter limiter(flags.rate_limit, std::chrono::seconds(60));
    Dispatcher dispatcher(clock, std::chrono::milliseconds(flags.webhook_timeout_ms));
    SimContext context{store, clock, faults, limiter, dispatcher, flags.retry_after};

    std::vector<http::Route> routes;
    for (auto part : {catalog_routes(context), booking_routes(context), webhook_routes(context),
                      admin_routes(context, flags.faults)}) {
      for (auto& route : part) routes.push_back(std::move(route));
    }

    http::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = static_cast<std::uint16_t>(*port);
    options.threads = flags.threads;
    options.handle_timeout = std::chrono::milliseconds(std::max(60000, flags.faults.hang_ms + 30000));
    // Anything unrouted gets Nest's own 404 ("Cannot GET /v2/…"), as from Cal.com.
    options.fallback = [&clock](http::Request& request, http::Response& response) {
      response = cannot_route(request, clock.now());
      return true;
    };
    if (flags.verbose) {
      options.on_complete = [](const http::Request& request, const http::Response& response,
                               std::chrono::microseconds elapsed) {
        std::cerr << http::method_name(request.method) << " " << request.path << " " << response.status << " "
                  << elapsed.count() / 1000 << "ms\n";
      };
    }
    http::Server server(options, std::move(routes));
    server.start();
    const std::string address = "127.0.0.1:" + std::to_string(server.bound_port());
    std::cout << "calcom-sim listening on http://" << address << std::endl;
    if (!flags.ready_file.empty()) write_ready_file(flags.ready_file, address);

    int received = 0;
    sigwait(&stop_signals, &received);
    server.stop();
  } catch (const std::exception& error) {
    std::cerr << "calcom-sim: " << error.what() << "\n";
    curl_global_cleanup();
    return 1;
  }
  curl_global_cleanup();
  return 0;
}
