// app: configuration from a TOML file with POBLYSH_* environment overrides.
// Secrets (API key, webhook secret, SMTP password) come only from the
// environment or a file.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace poblysh::app {

struct Config {
  std::string http_host = "127.0.0.1";
  std::uint16_t http_port = 8080;
  // HTTP threads parse, route and write, and run the handlers that answer from memory or one
  // read of the database: about one per core (more only adds context switches). Handlers that
  // may wait (a commit, Cal.com, a password hash) run on the worker threads, enough that a few
  // slow Cal.com calls never stall the rest (http::Route).
  std::size_t http_threads = std::max<std::size_t>(2, std::thread::hardware_concurrency());
  std::size_t http_worker_threads = 16;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t http_max_connections = 512;  // more wait in the listen queue (http::ServerOptions)
  std::string static_dir = "web/dist";
  std::string public_url;  // https://… makes session cookies Secure
  std::string ready_file;  // the bound address is written here once listening
  // Reverse proxies in front of this instance (IP addresses): their
  // X-Forwarded-For names the client, so per-address login limits count
  // clients, not the proxy.
  std::vector<std::string> trusted_proxies;
  // Pages of the interview list kept until the next write (SQLite only: with
  // PostgreSQL another instance's writes could not be seen); 0 turns it off.
  std::size_t page_cache_mb = 8;

  std::string database_url = "sqlite://data/poblysh.db";
  std::size_t database_pool = 4;
  bool demo_data = false;  // load demo startups, contacts and team members into
                           // an empty database

  std::string calcom_base_url = "https://api.cal.com";
  std::string calcom_api_key;         // secret
  std::string calcom_webhook_secret;  // secret
  int calcom_requests_per_minute = 120;
  // This instance's part of that budget: N instances sharing one key each take
  // 1/N, so together they stay under the key's limit. 0 < share <= 1.
  double calcom_request_share = 1.0;
  bool calcom_sandbox = false;  // the base URL is our Cal.com simulator: say so everywhere
  // Cal.com emails a booking's attendee and guests itself (its default): ours go to the team only.
  bool calcom_sends_attendee_emails = true;
  // Every Cal.com user has this event type (Cal.com creates it); individual
  // availability is read through it.
  std::string calcom_availability_slug = "30min";
  // Reconciliation: how often to ask Cal.com for bookings changed since the
  // last run, to repair webhooks that never arrived (Cal.com does not retry
  // them). 0 turns the periodic job off.
  int calcom_sync_seconds = 300;

  std::string smtp_url;  // empty: emails are kept for admins instead of sent
  std::string smtp_from = "Poblysh Interviews <interviews@poblysh.local>";
  int smtp_retry_seconds = 30;  // first retry after a failed send; doubles up to an hour
  // How long a worker owns the emails it claimed. If the instance dies, another
  // one takes them over after this; one SMTP send is bounded by half of it.
  int smtp_lease_seconds = 300;

  // A booked interview still open this long after its end is completed by the clock (a job
  // planned with the booking), unless Cal.com's MEETING_ENDED or a person said so first.
  int interviews_completion_grace_minutes = 120;
  // How often the job worker looks for due jobs planned by other instances (it also wakes for
  // the earliest one it knows of).
  int jobs_poll_seconds = 30;
  // How long an instance owns the jobs it claimed; another takes them over after that if it dies.
  int jobs_lease_seconds = 300;

  std::string log_level = "info";
};

// The requests a minute this instance may send to Cal.com: requests_per_minute
// × request_share, rounded down, so N instances with share 1/N never exceed
// requests_per_minute together.
int instance_requests_per_minute(const Config& config);

// The process's POBLYSH_* variables, by name: every one must be a setting.
using Environment = std::map<std::string, std::string>;
Environment process_environment();

// Reads `toml_path` (if given), then the environment. A bad value is an error
// whose message names the key, e.g. "POBLYSH_HTTP_ADDRESS: expected host:port
// such as 127.0.0.1:8080"; so is a key, table or POBLYSH_* variable that is no
// setting (with the nearest known name), and a file that does not say which
// database to use (the embedded default is for trying the service, not for a
// deployment that meant another database).
Result<Config> load_config(const std::optional<std::string>& toml_path, const Environment& environment);

}  // namespace poblysh::app
