#include "notify/outbox_worker.hpp"

#include <algorithm>

#include "core/log_line.hpp"
#include "notify/notifier.hpp"

namespace poblysh::notify {
namespace {

// The MIME text to send: composed from the queued notice (the same bytes on every attempt, see
// compose_email), or the body a row queued before notices were stored already carries.
// A notice that cannot be composed fails as invalid input: retrying would not help.
Result<std::string> email_of(const store::ClaimedMessage& message) {
  if (!message.notice) return message.body;
  auto queued = notice_from_json(*message.notice);
  auto composed = queued ? compose_email(*queued, {message.id, message.dedupe_key, message.created_at})
                         : Result<std::string>(tl::unexpected(queued.error()));
  if (composed) return composed;
  const Error& error = composed.error();
  std::string detail = error_detail(error);
  for (const auto& [field, problem] : error.fields) detail += " " + field + " " + problem + ";";
  return fail(ErrorCode::invalid_input, "This email could not be composed.", "queued notice: " + detail);
}

}  // namespace

OutboxWorker::OutboxWorker(store::Database& db, store::OutboxRepo& outbox, Mailer& mailer, const Clock& clock,
                           OutboxWorkerOptions options, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      outbox_(outbox),
      mailer_(mailer),
      clock_(clock),
      options_(options),
      log_(std::move(log)),
      retries_(options_.retry, options_.claim.max_attempts) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  thread_.start([this] { return pass(); });
}

void OutboxWorker::stop() { thread_.stop(); }

void OutboxWorker::wake() { thread_.wake(); }

std::chrono::milliseconds OutboxWorker::pass() {
  auto outcome = run_once();
  if (!outcome) log_->error(LogLine("outbox pass failed").text("detail", outcome.error().internal).str());
  // A full batch suggests more are due: go again at once. A retry due before the next poll is
  // not left waiting for it.
  const bool full =
      outcome && outcome->sent + outcome->retrying + outcome->dead + outcome->lost >= options_.claim.limit;
  return wait_before_next_pass(full, outcome ? outcome->next_due_at : std::nullopt, clock_.now(),
                               options_.poll_interval);
}

Result<PassOutcome> OutboxWorker::run_once() {
  std::lock_guard pass(pass_mutex_);
  const SystemTime claimed_at = clock_.now();
  const auto claim = [&](store::Connection& c) { return outbox_.claim_due(c, claimed_at, options_.claim); };
  ASSIGN_OR_RETURN(auto claimed, store::transact(db_, claim));
  // A send may take up to half the lease (the SMTP timeout), so one started after this point
  // could outlive the lease while another instance takes the message over and sends it too.
  // The rest of the batch is left to expire and be claimed again.
  const SystemTime last_start = claimed_at + options_.claim.lease / 2;
  PassOutcome outcome;
  for (const auto& message : claimed) {
    if (clock_.now() > last_start) {
      ++outcome.lost;
      continue;
    }
    auto body = email_of(message);
    const Status sent = body ? mailer_.send({{message.recipient}, *body}) : Status(tl::unexpected(body.error()));
    RETURN_IF_ERROR(record(message, sent, outcome));
  }
  ASSIGN_OR_RETURN(auto due, store::read_with(db_, [&](store::Connection& c) { return outbox_.next_due_at(c); }));
  outcome.next_due_at = due;
  return outcome;
}

Status OutboxWorker::record(const store::ClaimedMessage& message, const Status& sent, PassOutcome& outcome) {
  const SystemTime now = clock_.now();
  if (sent) {
    const auto mark = [&](store::Connection& c) { return outbox_.mark_sent(c, message.id, message.attempts, now); };
    ASSIGN_OR_RETURN(auto marked, store::transact(db_, mark));
    ++(marked ? outcome.sent : outcome.lost);
    log_->info(LogLine("email sent").number("outbox_id", message.id).number("attempt", message.attempts).str());
    return {};
  }
  // A refusal for good (5xx to this message) or the last allowed attempt ends it; anything
  // else (relay down, timeouts, 4xx) is retried later with backoff.
  const bool permanent = sent.error().code == ErrorCode::unprocessable || sent.error().code == ErrorCode::invalid_input;
  const auto failed = retries_.after_failure(message.attempts, now, sent.error(), permanent);
  const auto mark = [&](store::Connection& c) {
    return outbox_.mark_failed(c, message.id, message.attempts, failed.detail, failed.retry_at, now);
  };
  ASSIGN_OR_RETURN(auto marked, store::transact(db_, mark));
  failed.count(marked, outcome);
  log_->warn(failed.log_line(LogLine("email not sent").number("outbox_id", message.id), message.attempts));
  return {};
}

}  // namespace poblysh::notify
