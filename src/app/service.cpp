#include "app/service.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "app/demo_data.hpp"
#include "app/logging.hpp"
#include "auth/auth_service.hpp"
#include "auth/secrets.hpp"
#include "calcom/curl_client.hpp"
#include "calcom/health.hpp"
#include "calcom/health_json.hpp"
#include "core/log_line.hpp"
#include "directory/contact_service.hpp"
#include "directory/startup_service.hpp"
#include "directory/team_service.hpp"
#include "http/api/page_cache.hpp"
#include "http/api/request_limiter.hpp"
#include "http/api/routes.hpp"
#include "http/server.hpp"
#include "interviews/change_feed.hpp"
#include "interviews/interview_notices.hpp"
#include "jobs/complete_interview.hpp"
#include "jobs/job_planner.hpp"
#include "jobs/job_worker.hpp"
#include "notify/email_outbox.hpp"
#include "notify/outbox_worker.hpp"
#include "notify/smtp_mailer.hpp"
#include "scheduling/interview_service.hpp"
#include "scheduling/scheduling_links.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/change_counter.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "webhooks/delivery_log.hpp"
#include "webhooks/reconciler.hpp"

namespace poblysh::app {
namespace {

// Writes `text` to a new file that only this user can read, from its first byte.
bool write_private_file(const std::filesystem::path& file, const std::string& text) {
  ::unlink(file.c_str());  // O_EXCL below refuses to reuse any file (or a link planted there)
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
  const bool written = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (fd >= 0) ::close(fd);
  return written;
}

// The first start creates an admin; its login goes to `initial-admin.txt` (next to the SQLite
// file, or in the working directory), never to the output or the log, which others may read
// (the journal, a terminal log, /proc/PID/fd/1). The password is saved before the account is
// made, under a name of this process's, so that a login is never made and lost, and renamed
// into place only once the account exists (another instance may have made it first).
void bootstrap_admin(auth::AuthService& auth, store::Database& db, const Config& config, spdlog::logger& log) {
  store::AccountRepo accounts;
  auto users = store::read_with(db, [&](store::Connection& c) { return accounts.count_users(c); });
  if (!users || *users > 0) return;
  const auto path = store::sqlite_path_from_url(config.database_url);
  const auto file = std::filesystem::absolute(path ? std::filesystem::path(*path).parent_path() / "initial-admin.txt"
                                                   : std::filesystem::path("initial-admin.txt"));
  auto pending = file;
  pending += "." + std::to_string(::getpid());
  const std::string password = auth::generate_password();
  if (!write_private_file(pending, "email admin@poblysh.local, password " + password + "\n")) {
    log.error(LogLine("could not save the first admin's login: no admin created")
                  .text("file", pending.string())
                  .text("hint", "create one: poblysh-interviews user add --email … --name … --role admin")
                  .str());
    return;
  }
  auto created = auth.create_user({"admin@poblysh.local", "Poblysh Admin", domain::Role::admin}, password);
  if (!created) {
    ::unlink(pending.c_str());
    if (created.error().code == ErrorCode::conflict) {
      // Several instances started at once on an empty database: another one created it first.
      log.info(LogLine("the first admin was created by another instance").str());
    } else {
      log.error(LogLine("could not create the first admin").text("detail", created.error().message).str());
    }
    return;
  }
  std::error_code error;
  std::filesystem::rename(pending, file, error);
  const auto& saved = error ? pending : file;
  log.info(
      LogLine("first admin created").text("email", "admin@poblysh.local").text("login_file", saved.string()).str());
  std::cout << "\n  First start: an admin account (admin@poblysh.local) was created.\n  Its password is in "
            << saved.string() << " (readable by you only).\n\n"
            << std::flush;
}

// Instances starting together on an empty database race to load the demo data; the loser's
// transaction fails (a unique key the winner took) or retries and finds the data there. Trying
// again after a random pause also covers both failing at once.
void load_demo_data_once(store::Database& db, const Clock& clock, spdlog::logger& log) {
  std::mt19937 random(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    auto loaded = load_demo_data(db, clock);
    if (loaded) {
      if (*loaded) log.info(LogLine("demo data loaded").str());
      return;
    }
    const std::string detail = error_detail(loaded.error());
    if (attempt == 3) {
      log.error(
          LogLine("demo data not loaded").text("code", code_name(loaded.error().code)).text("detail", detail).str());
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 500)(random)));
  }
}

// Interviews booked before the job table existed (or loaded as demo data) get their jobs. An
// instance that cannot plan them still serves; the next start tries again.
void plan_missing_jobs(store::Database& db, jobs::JobPlanner& planner, spdlog::logger& log) {
  auto planned = store::transact(db, [&](store::Connection& c) { return planner.plan_missing(c); });
  if (!planned) {
    log.error(LogLine("jobs of booked interviews not planned").text("detail", planned.error().internal).str());
  } else if (*planned > 0) {
    log.info(LogLine("jobs of booked interviews planned").number("jobs", *planned).str());
  }
}

void write_ready_file(const std::string& path, const std::string& address) {
  const auto temporary = path + ".tmp";
  std::ofstream(temporary) << address << "\n";
  std::filesystem::rename(temporary, path);  // readers never see a half-written file
}

// Parts configured so that they cannot work: /readyz reports them (routes.hpp, HealthProbe).
// Without a Cal.com key there is no Cal.com part to be wrong; with one, webhooks need their
// secret. The answer is anonymous, so it names settings, never paths.
std::map<std::string, std::string> configuration_problems(const Config& config, const http::StaticFiles& app_files) {
  std::map<std::string, std::string> problems;
  if (!config.calcom_api_key.empty() && config.calcom_webhook_secret.empty()) {
    problems.emplace("calcom_webhook_secret",
                     "is not set, so Cal.com's webhooks are refused (calcom.webhook_secret_file or "
                     "POBLYSH_CALCOM_WEBHOOK_SECRET_FILE)");
  }
  if (!app_files.has("/index.html")) {
    problems.emplace("app_files", "are missing: http.static_dir held no index.html at start-up");
  }
  return problems;
}

int wait_for_stop_signal() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  int received = 0;
  sigwait(&signals, &received);
  return received;
}

}  // namespace

std::shared_ptr<calcom::Client> make_calcom_client(const Config& config, std::shared_ptr<spdlog::logger> log) {
  if (config.calcom_api_key.empty()) return nullptr;
  calcom::ClientOptions options;
  options.base_url = config.calcom_base_url;
  options.api_key = config.calcom_api_key;
  options.requests_per_minute = instance_requests_per_minute(config);
  calcom::ClientDeps deps;
  deps.logger = std::move(log);
  return std::make_shared<calcom::CurlClient>(std::move(options), std::move(deps));
}

Result<std::unique_ptr<store::Database>> open_database(const Config& config, spdlog::logger& log) {
  const bool postgres = store::is_postgres_url(config.database_url);
  std::unique_ptr<store::Database> db;
  if (postgres) {
    try {
      // libpq takes the URL as it is (?options=-csearch_path%3D..., sslmode=... and so on).
      db = std::make_unique<store::PostgresDatabase>(config.database_url, config.database_pool);
    } catch (const std::exception& error) {
      return fail(ErrorCode::upstream_unavailable, std::string("database.url: ") + error.what());  // password redacted
    }
  } else {
    auto path = store::sqlite_path_from_url(config.database_url);
    if (!path)
      return tl::unexpected(
          Error{ErrorCode::invalid_input, "database.url: " + path.error().fields.begin()->second, {}, {}, {}});
    try {
      db = std::make_unique<store::SqliteDatabase>(*path, config.database_pool);
    } catch (const std::exception& error) {
      return fail(ErrorCode::upstream_unavailable, std::string("database.url: ") + error.what());
    }
  }
  auto version = db->migrate();
  if (!version) return fail(ErrorCode::internal, "database migration failed: " + version.error().internal);
  log.info(LogLine("database ready")
               .text("engine", postgres ? "postgresql" : "sqlite")
               .number("schema_version", *version)
               .str());
  return db;
}

int serve(const Config& config, std::shared_ptr<spdlog::logger> log) {
  // Block the stop signals in every thread; the main thread waits for them with sigwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auth::initialise_crypto();
  SystemClock clock;
  auto db = open_database(config, *log);
  if (!db) {
    log->critical(LogLine("cannot start").text("reason", db.error().message).str());
    return 1;
  }
  store::Database& database = **db;
  if (config.demo_data) {
    load_demo_data_once(database, clock, *log);
  }

  store::AccountRepo accounts;
  store::TeamMemberRepo team_members;
  store::StartupRepo startups;
  store::ContactRepo contacts;
  store::InterviewRepo interviews;
  // Kept list pages and checked sessions need a store that sees every writer's commits:
  // SQLite, one file (with PostgreSQL every request reads).
  std::unique_ptr<store::ChangeCounter> changes;
  if (auto path = store::sqlite_path_from_url(config.database_url)) {
    changes = std::make_unique<store::SqliteChangeCounter>(*path);
  }
  auth::AuthService auth(database, accounts, clock, auth::AuthOptions{}, changes.get());
  bootstrap_admin(auth, database, config, *log);

  calcom::Integration calcom(make_calcom_client(config, log), config.calcom_sandbox);

  // Email: queued with the change it announces, sent by the outbox worker. Without an SMTP
  // relay nothing is sent: messages are held and listed for admins (NotifierOptions::hold).
  auto from = notify::parse_mailbox(config.smtp_from);
  if (!from) {
    log->critical(LogLine("cannot start").text("reason", "smtp.from: " + from.error().message).str());
    return 1;
  }
  store::OutboxRepo outbox;
  store::WebhookDeliveryRepo deliveries;
  notify::Notifier notifier(outbox, clock, {*from, config.smtp_url.empty()});
  std::unique_ptr<notify::Mailer> mailer;
  std::unique_ptr<notify::OutboxWorker> outbox_worker;
  if (!config.smtp_url.empty()) {
    auto endpoint = notify::parse_smtp_url(config.smtp_url);
    if (!endpoint) {
      log->critical(LogLine("cannot start").text("reason", "smtp.url: " + endpoint.error().message).str());
      return 1;
    }
    // One send is bounded by half the lease, so a worker never sends a message whose lease
    // another instance may already have taken over (see OutboxWorker::run_once).
    const std::chrono::milliseconds lease = std::chrono::seconds(config.smtp_lease_seconds);
    notify::SmtpOptions smtp_options;
    smtp_options.envelope_from = from->address;
    smtp_options.total_timeout = std::min(smtp_options.total_timeout, lease / 2);
    smtp_options.connect_timeout = std::min(smtp_options.connect_timeout, smtp_options.total_timeout / 2);
    mailer = std::make_unique<notify::SmtpMailer>(*endpoint, smtp_options);
    // Confirm and cancel do not wake the worker after their commit; a short poll covers them.
    notify::OutboxWorkerOptions worker_options;
    worker_options.poll_interval = std::chrono::seconds(2);
    worker_options.retry.base = std::chrono::seconds(config.smtp_retry_seconds);
    worker_options.claim.lease = lease;
    outbox_worker = std::make_unique<notify::OutboxWorker>(database, outbox, *mailer, clock, worker_options, log);
  }
  auto wake_outbox = [&outbox_worker] {
    if (outbox_worker) outbox_worker->wake();
  };
  interviews::InterviewNotices notices(notifier, {config.public_url, from->address.substr(from->address.find('@') + 1),
                                                  config.calcom_sends_attendee_emails});
  notify::EmailOutbox email_outbox(database, outbox, clock, wake_outbox);
  directory::TeamService team_service(database, team_members, clock);
  directory::StartupService startup_service(database, startups, contacts, interviews, clock);
  directory::ContactService contact_service(database, startups, contacts, clock);
  interviews::InterviewViews views(database, interviews, startups, contacts, team_members, deliveries);
  // Timed jobs: planned with the change to the interview that makes them due, run by the job
  // worker of whichever instance claims them first.
  store::JobRepo job_rows;
  jobs::JobPlanner job_planner(job_rows, clock, {std::chrono::minutes(config.interviews_completion_grace_minutes)});
  jobs::CompleteInterview complete_interview(interviews, job_planner);
  jobs::JobWorkerOptions job_options;
  job_options.poll_interval = std::chrono::seconds(config.jobs_poll_seconds);
  job_options.claim.lease = std::chrono::seconds(config.jobs_lease_seconds);
  jobs::JobWorker job_worker(database, job_rows, {complete_interview}, clock, job_options, log);
  plan_missing_jobs(database, job_planner, *log);
  scheduling::InterviewService interview_service(database, interviews, views, startups, contacts, team_members, calcom,
                                                 notices, job_planner, clock, log);
  store::SchedulingLinkRepo link_rows;
  scheduling::SchedulingLinks scheduling_links(database, interviews, views, link_rows, interview_service, calcom,
                                               notices, {[] { return auth::random_token(32); }, auth::token_digest},
                                               config.calcom_availability_slug, clock);

  // Cal.com events: webhooks, and the periodic sync that repairs the ones that never came.
  webhooks::EventApplier applier(interviews, views, notices, job_planner, clock);
  webhooks::WebhookReceiver receiver(database, deliveries, applier, clock,
                                     {config.calcom_webhook_secret, wake_outbox,
                                      /*match_before_writing=*/database.dialect() == store::Dialect::sqlite},
                                     log);
  webhooks::DeliveryLog delivery_log(database, deliveries, applier, clock, wake_outbox, log);
  webhooks::Reconciler reconciler(database, interviews, deliveries, receiver, calcom, clock, {}, log);
  webhooks::SyncJob sync_job(reconciler, std::chrono::seconds(config.calcom_sync_seconds), log);

  // A scheduling link's pages: each client address and each token get their own share.
  http::api::RequestLimiter link_addresses(clock, {120, std::chrono::seconds(60)});
  http::api::RequestLimiter link_tokens(clock, {60, std::chrono::seconds(60)});
  http::api::ApiContext context(
      auth, log,
      [&receiver](const http::Request& request) {
        return receiver.authenticate(request.body, request.header("X-Cal-Signature-256"));
      },
      [&](const http::Request& request) {
        return http::api::admit_link_request(link_addresses, link_tokens, request);
      });
  http::api::SessionHandlers session_handlers(context,
                                              {config.public_url.starts_with("https://"), std::chrono::hours(24 * 7)});
  http::api::TeamMemberHandlers team_handlers(context, team_service);
  http::api::StartupHandlers startup_handlers(context, startup_service, contact_service);
  http::api::InterviewHandlers interview_handlers(context, interview_service, views, scheduling_links, calcom,
                                                  config.calcom_availability_slug, clock);
  http::api::LinkHandlers link_handlers(context, scheduling_links, clock);
  http::api::IntegrationHandlers integration_handlers(context, calcom, config.calcom_base_url);
  http::api::WebhookHandlers webhook_handlers(context, receiver, delivery_log);
  http::api::EmailHandlers email_handlers(context, email_outbox);
  // Open pages hear of every interview's change, from any instance, within a poll (the feed).
  interviews::ChangeFeed change_feed(database, changes.get());
  // Streams hold connections: at most a quarter of them, so requests are still served.
  http::api::EventStreamOptions stream_options;
  stream_options.overall = std::max<std::size_t>(config.http_max_connections / 4, 1);
  http::api::EventStreams event_streams(change_feed, stream_options);
  http::api::PageCache pages(config.page_cache_mb << 20);
  std::function<http::api::ApiHandler(http::api::ApiHandler)> cached_reads;
  if (changes && config.page_cache_mb > 0) {
    cached_reads = [&](http::api::ApiHandler handler) {
      return http::api::serve_cached(pages, *changes, std::move(handler));
    };
  }
  std::shared_ptr<const http::StaticFiles> app_files;
  try {
    app_files = std::make_shared<const http::StaticFiles>(http::StaticFiles::load(config.static_dir));
  } catch (const std::exception& error) {
    log->critical(LogLine("cannot start").text("reason", "http.static_dir: " + std::string(error.what())).str());
    return 1;
  }
  log->info(LogLine("app files")
                .text("dir", config.static_dir)
                .number("files", app_files->file_count())
                .number("bytes", app_files->total_bytes())
                .str());

  auto routes =
      http::api::routes({context,
                         session_handlers,
                         team_handlers,
                         startup_handlers,
                         interview_handlers,
                         integration_handlers,
                         {[&database] { return database.ping(); }, configuration_problems(config, *app_files)},
                         webhook_handlers,
                         email_handlers,
                         link_handlers,
                         cached_reads,
                         &event_streams});

  http::ServerOptions options;
  options.host = config.http_host;
  options.port = config.http_port;
  options.threads = config.http_threads;
  options.worker_threads = config.http_worker_threads;
  options.reads_inline = database.dialect() == store::Dialect::sqlite;
  options.max_body_bytes = config.max_body_bytes;
  options.max_connections = config.http_max_connections;
  options.static_files = app_files;
  options.trusted_proxies = config.trusted_proxies;
  // The app loads its script, styles and images from its own origin only and is never framed;
  // prepared Markdown is inserted as HTML, so no inline script may ever run.
  options.every_answer = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  };
  options.on_complete = [log](const http::Request& request, const http::Response& response,
                              std::chrono::microseconds elapsed) {
    log->info(LogLine("request")
                  .text("method", http::method_name(request.method))
                  .text("path", http::api::loggable_path(request.path))
                  .number("status", response.status)
                  .decimal("duration_ms", static_cast<double>(elapsed.count()) / 1000.0, 3)
                  .text("request_id", request.request_id)
                  .fields(response.log_fields)
                  .str());
  };
  http::Server server(std::move(options), std::move(routes));
  try {
    server.start();
  } catch (const std::exception& error) {
    log->critical(LogLine("cannot listen")
                      .text("address", config.http_host + ":" + std::to_string(config.http_port))
                      .text("reason", error.what())
                      .str());
    return 1;
  }
  const std::string address = config.http_host + ":" + std::to_string(server.bound_port());
  log->info(LogLine("listening").text("address", address).text("url", "http://" + address + "/").str());
  if (outbox_worker) outbox_worker->start();
  job_worker.start();
  change_feed.start();
  event_streams.start();
  if (calcom.configured() && config.calcom_sync_seconds > 0) sync_job.start();
  // What this instance may do on its own; with several instances these are the figures to check.
  log->info(LogLine("instance budget")
                .number("calcom_requests_per_minute", config.calcom_requests_per_minute)
                .decimal("calcom_request_share", config.calcom_request_share)
                .number("calcom_instance_requests_per_minute", instance_requests_per_minute(config))
                .number("smtp_lease_seconds", config.smtp_lease_seconds)
                .number("jobs_lease_seconds", config.jobs_lease_seconds)
                .flag("outbox_worker", outbox_worker != nullptr)
                .str());
  for (const auto& [part, problem] : configuration_problems(config, *app_files)) {
    log->warn(LogLine("not ready")
                  .text("part", part)
                  .text("problem", problem)
                  .text("static_dir", std::filesystem::absolute(config.static_dir).string())
                  .str());
  }
  if (!config.ready_file.empty()) write_ready_file(config.ready_file, address);
  // Check Cal.com after listening: a slow or broken Cal.com must not delay or stop start-up.
  std::thread health_check([&calcom, log, sandbox = config.calcom_sandbox] {
    auto report = calcom.refresh();
    log->log(report.ok ? spdlog::level::info : spdlog::level::warn,
             LogLine("cal.com health")
                 .flag("ok", report.ok)
                 .flag("sandbox", sandbox)
                 .json("report", calcom::to_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
                 .str());
  });

  const int received = wait_for_stop_signal();
  log->info(LogLine("stopping").number("signal", received).str());
  sync_job.stop();
  server.stop();
  event_streams.stop();
  change_feed.stop();
  if (outbox_worker) outbox_worker->stop();
  job_worker.stop();
  health_check.join();
  return 0;
}

}  // namespace poblysh::app
