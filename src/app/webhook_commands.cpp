#include "app/webhook_commands.hpp"

#include "app/service.hpp"
#include "auth/secrets.hpp"
#include "interviews/interview_notices.hpp"
#include "interviews/interview_views.hpp"
#include "jobs/job_planner.hpp"
#include "notify/notifier.hpp"
#include "webhooks/reconciler.hpp"

namespace poblysh::app {
namespace {

const std::vector<std::string>& our_triggers() {
  static const std::vector<std::string> kTriggers{"BOOKING_CREATED",
                                                  "BOOKING_CANCELLED",
                                                  "BOOKING_RESCHEDULED",
                                                  "BOOKING_REQUESTED",
                                                  "BOOKING_REJECTED",
                                                  "MEETING_ENDED",
                                                  "BOOKING_NO_SHOW_UPDATED",
                                                  "AFTER_HOSTS_CAL_VIDEO_NO_SHOW",
                                                  "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"};
  return kTriggers;
}

std::string trigger_list() {
  std::string text;
  for (const auto& trigger : our_triggers()) text += (text.empty() ? "" : ", ") + trigger;
  return text;
}

}  // namespace

int calcom_sync(const Config& config, std::shared_ptr<spdlog::logger> log, std::ostream& out) {
  auto client = make_calcom_client(config, log);
  if (!client) {
    out << "No Cal.com API key is configured (POBLYSH_CALCOM_API_KEY): there is nothing to sync with.\n";
    return 1;
  }
  auto from = notify::parse_mailbox(config.smtp_from);
  if (!from) {
    out << "smtp.from: " << from.error().message << "\n";
    return 2;
  }
  auto db = open_database(config, *log);
  if (!db) {
    out << db.error().message << "\n";
    return 1;
  }
  store::Database& database = **db;
  SystemClock clock;
  store::InterviewRepo interviews;
  store::StartupRepo startups;
  store::ContactRepo contacts;
  store::TeamMemberRepo team_members;
  store::WebhookDeliveryRepo deliveries;
  store::OutboxRepo outbox;
  // Emails are queued like the service queues them; its outbox worker sends them.
  notify::Notifier notifier(outbox, clock, {*from, config.smtp_url.empty()});
  interviews::InterviewNotices notices(notifier, {config.public_url, from->address.substr(from->address.find('@') + 1),
                                                  config.calcom_sends_attendee_emails});
  calcom::Integration calcom(std::move(client), config.calcom_sandbox);
  interviews::InterviewViews views(database, interviews, startups, contacts, team_members, deliveries);
  // A sync that books or moves an interview plans its jobs as the service does.
  store::JobRepo job_rows;
  jobs::JobPlanner job_planner(job_rows, clock, {std::chrono::minutes(config.interviews_completion_grace_minutes)});
  webhooks::EventApplier applier(interviews, views, notices, job_planner, clock);
  webhooks::WebhookReceiver receiver(database, deliveries, applier, clock, {config.calcom_webhook_secret, {}}, log);
  webhooks::Reconciler reconciler(database, interviews, deliveries, receiver, calcom, clock, {}, log);
  auto report = reconciler.run_once();
  if (!report) {
    out << "Sync failed: " << report.error().message << "\n";
    return 1;
  }
  out << "Bookings changed since the last sync: " << report->bookings_seen << "\n"
      << "Interviews checked: " << report->interviews_checked << "\n"
      << "Changes applied: " << report->applied << "\n"
      << "Already up to date: " << report->unchanged << "\n"
      << "Failed (retried next time): " << report->failed << "\n";
  return report->failed == 0 ? 0 : 1;
}

int calcom_webhooks_install(const Config& config, std::shared_ptr<spdlog::logger> log, const std::string& url,
                            bool rotate_secret, std::ostream& out) {
  if (!url.starts_with("https://") && !url.starts_with("http://")) {
    out << "--url must be the full address of our endpoint, e.g. https://interviews.example.com/webhooks/calcom\n";
    return 2;
  }
  auto client = make_calcom_client(config, log);
  if (!client) {
    out << "No Cal.com API key is configured (POBLYSH_CALCOM_API_KEY).\n";
    return 1;
  }
  auth::initialise_crypto();
  // Keep the configured secret so installing again does not break the running service.
  const bool reuse = !config.calcom_webhook_secret.empty() && !rotate_secret;
  const std::string secret = reuse ? config.calcom_webhook_secret : auth::random_token(32);

  auto existing = client->list_webhooks();
  if (!existing) {
    out << "Could not list the Cal.com webhooks: " << existing.error().message << "\n";
    return 1;
  }
  std::optional<std::string> id;
  for (const auto& webhook : *existing) {
    if (webhook.subscriber_url == url) id = webhook.id;
  }
  if (id && !reuse && !rotate_secret) {
    out << "A Cal.com webhook for " << url << " is already registered, and no webhook secret is configured here.\n"
        << "Installing would sign its deliveries with a new secret that the running instances do not hold, so\n"
        << "they would refuse every one. Configure the secret they use (POBLYSH_CALCOM_WEBHOOK_SECRET_FILE or\n"
        << "calcom.webhook_secret_file) and run this again, or pass --rotate-secret to make a new one and then\n"
        << "give it to every instance.\n";
    return 1;
  }
  Result<calcom::Webhook> saved = fail(ErrorCode::internal, "");
  if (id) {
    calcom::WebhookPatch patch;
    patch.triggers = our_triggers();
    patch.active = true;
    patch.secret = secret;
    saved = client->update_webhook(*id, patch);
  } else {
    calcom::WebhookInput input;
    input.subscriber_url = url;
    input.triggers = our_triggers();
    input.active = true;
    input.secret = secret;
    saved = client->create_webhook(input);
  }
  if (!saved) {
    out << "Cal.com refused the webhook: " << saved.error().message << "\n";
    return 1;
  }
  out << (id ? "Updated" : "Registered") << " Cal.com webhook " << saved->id << " for " << url << "\n"
      << "Triggers: " << trigger_list() << "\n";
  if (url.starts_with("http://")) out << "Note: Cal.com's hosted service only delivers to https:// addresses.\n";
  if (reuse) {
    out << "It is signed with the secret already configured (POBLYSH_CALCOM_WEBHOOK_SECRET): nothing to change.\n";
  } else {
    // Printed for the operator to copy; never logged.
    out << "Put this in the service's environment (or calcom.webhook_secret_file) and restart it:\n"
        << "  POBLYSH_CALCOM_WEBHOOK_SECRET=" << secret << "\n";
  }
  return 0;
}

}  // namespace poblysh::app
