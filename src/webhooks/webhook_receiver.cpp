#include "webhooks/webhook_receiver.hpp"

#include "core/log_line.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::webhooks {
namespace {

using store::DeliveryOutcome;

std::string describe(const Error& error) {
  std::string text = error.message;
  for (const auto& [field, problem] : error.fields) text += " " + field + " " + problem + ".";
  return text;
}

}  // namespace

WebhookReceiver::WebhookReceiver(store::Database& db, store::WebhookDeliveryRepo& deliveries, EventApplier& applier,
                                 const Clock& clock, ReceiverOptions options, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      deliveries_(deliveries),
      applier_(applier),
      clock_(clock),
      options_(std::move(options)),
      signature_(options_.secret),
      log_(std::move(log)) {}

std::string log_fields(const Receipt& receipt) {
  auto fields = LogLine::fragment()
                    .text("trigger", receipt.trigger)
                    .text("booking_uid", receipt.booking_uid)
                    .number("delivery_id", receipt.delivery_id)
                    .text("outcome", store::outcome_name(receipt.outcome));
  if (receipt.interview_id) return fields.number("interview_id", *receipt.interview_id).str();
  return fields.null("interview_id").str();
}

void log_receipt(spdlog::logger& log, const char* source, const Receipt& receipt) {
  log.info(LogLine("cal.com event").text("source", source).fields(log_fields(receipt)).str());
}

Status WebhookReceiver::authenticate(std::string_view body, std::optional<std::string_view> signature) const {
  if (options_.secret.empty()) {
    return fail(ErrorCode::upstream_unavailable,
                "Cal.com webhooks are not set up on this server: configure POBLYSH_CALCOM_WEBHOOK_SECRET.",
                "webhook refused: no secret configured");
  }
  if (!signature_.matches(body, signature)) {
    log_->warn(LogLine("cal.com webhook refused")
                   .text("reason", signature ? "signature mismatch" : "signature missing")
                   .number("bytes", body.size())
                   .str());
    return fail(ErrorCode::unauthenticated, "The webhook signature is missing or wrong.");
  }
  return {};
}

void WebhookReceiver::receive(std::string_view body, Resume resume, ReceiptCallback done) {
  auto event = parse_event(body);
  if (!event) {
    record_rejected(body, event.error());  // rare (Cal.com signed it): waits for its commit here
    done(tl::unexpected(event.error()));
    return;
  }
  auto recording = std::make_shared<Recording>(
      prepare(*event, std::string(body), dedupe_key(*event, body), store::DeliverySource::webhook));
  // Read here, on this thread, so the one writer only checks the version (ReceiverOptions,
  // EventApplier::match_ahead and apply).
  if (event->acts() && options_.match_before_writing) {
    auto found =
        store::read_with(db_, [&](store::Connection& db) { return applier_.match_ahead(db, recording->event); });
    if (found && *found) recording->read_before = std::move(**found);  // else matched in the transaction
  }
  db_.transaction_async([this, recording](store::Connection& db) { return record(db, *recording); },
                        // Called on the database's writer thread: everything after the commit runs on the caller's.
                        [this, recording, resume, done = std::move(done)](Status committed) mutable {
                          resume([this, recording, committed = std::move(committed), done = std::move(done)]() mutable {
                            done(finish(*recording, std::move(committed)));
                          });
                        });
}

void WebhookReceiver::record_rejected(std::string_view body, const Error& error) {
  store::NewDelivery row;
  row.dedupe_key = "rejected:" + sha256_hex(body);
  row.received_at = clock_.now();
  row.outcome = DeliveryOutcome::rejected;
  row.raw_body = std::string(body);
  row.detail = describe(error);
  auto recorded = store::transact(db_, [&](store::Connection& db) { return deliveries_.insert(db, row); });
  if (!recorded) {
    log_->error(LogLine("could not record a rejected webhook").text("detail", recorded.error().internal).str());
    return;
  }
  log_->warn(LogLine("cal.com webhook rejected").number("delivery_id", recorded->id).text("detail", row.detail).str());
}

WebhookReceiver::Recording WebhookReceiver::prepare(const CalcomEvent& event, std::string body, std::string key,
                                                    store::DeliverySource source) const {
  Recording recording{event, std::nullopt, {}, false, Receipt{}};
  auto& row = recording.row;
  row.dedupe_key = std::move(key);
  row.source = source;
  row.trigger = event.trigger;
  row.booking_uid = event.uid;
  row.event_created_at = event.created_at;
  row.received_at = clock_.now();
  row.raw_body = std::move(body);
  return recording;
}

Status WebhookReceiver::record(store::Connection& db, Recording& recording) {
  // The delivery row is written once, after the event was applied, with its outcome: it carries
  // the raw body, and rewriting it to set the outcome wrote the body and two indexes twice.
  recording.receipt = [&]() -> Result<Receipt> {
    const auto& row = recording.row;
    const auto& event = recording.event;
    ASSIGN_OR_RETURN(auto original, deliveries_.find_by_dedupe_key(db, *row.dedupe_key));
    if (original) {
      const auto interview_id = original->interview_id;
      const std::string detail = "repeat of delivery " + std::to_string(original->id);
      // The reconciler finds the same difference until the cursor moves past it: no new rows.
      if (row.source == store::DeliverySource::sync) {
        return Receipt{original->id, DeliveryOutcome::duplicate, interview_id, detail, event.trigger, event.uid};
      }
      store::NewDelivery repeat = row;
      repeat.dedupe_key.reset();
      repeat.duplicate_of = original->id;
      // An exact replay keeps no second copy of the body: its reference to the original says
      // what it was (20 replays of a 900 KB body stored 18 MB more). A repeat whose bytes differ
      // is a distinct delivery and keeps its own.
      ASSIGN_OR_RETURN(auto first, deliveries_.find(db, original->id));
      if (first && first->raw_body == repeat.raw_body) repeat.raw_body.clear();
      repeat.outcome = DeliveryOutcome::duplicate;
      repeat.interview_id = interview_id;
      repeat.detail = detail;
      ASSIGN_OR_RETURN(auto again, deliveries_.insert(db, repeat));
      return Receipt{again.id, DeliveryOutcome::duplicate, interview_id, detail, event.trigger, event.uid};
    }
    ASSIGN_OR_RETURN(auto applied, applier_.apply(db, event, recording.read_before));
    store::NewDelivery done = row;
    done.outcome = applied.outcome;
    done.interview_id = applied.interview_id;
    done.detail = applied.detail;
    ASSIGN_OR_RETURN(auto inserted, deliveries_.insert(db, done));
    if (!inserted.created) {
      // Another instance recorded the same delivery after our look-up (PostgreSQL): undo what
      // we applied and answer as for a repeat.
      recording.recorded_meanwhile = true;
      return fail(ErrorCode::conflict, "This delivery was recorded meanwhile.",
                  "dedupe key taken during the transaction");
    }
    return Receipt{inserted.id, applied.outcome, applied.interview_id, applied.detail, event.trigger, event.uid};
  }();
  if (!recording.receipt) return tl::unexpected(recording.receipt.error());
  return {};
}

Result<Receipt> WebhookReceiver::finish(Recording& recording, Status committed) {
  if (!committed && recording.recorded_meanwhile) {
    committed = db_.transaction([&](store::Connection& db) { return record(db, recording); });
  }
  const auto& event = recording.event;
  if (!committed) {
    const Error& error = committed.error();
    // Rolled back: nothing changed. Keep the delivery for an admin to re-apply once fixed.
    log_->error(LogLine("cal.com event not applied")
                    .text("trigger", event.trigger)
                    .text("booking_uid", event.uid)
                    .text("code", code_name(error.code))
                    .text("detail", error_detail(error))
                    .str());
    // The sender hears an error, so it may send the same delivery again: the row kept for
    // admins must not take its dedupe key, or the re-sent one would count as a duplicate. When
    // the database itself is unavailable (locked, disk full) that row could not be written
    // either, and trying would only hold the answer for another busy timeout.
    if (error.code != ErrorCode::upstream_unavailable) {
      auto row = recording.row;
      row.dedupe_key.reset();
      row.outcome = DeliveryOutcome::rejected;
      row.detail = "not applied: " + error.message;
      (void)store::transact(db_, [&](store::Connection& db) { return deliveries_.insert(db, row); });
    }
    return tl::unexpected(error);
  }
  const auto& receipt = *recording.receipt;
  // A webhook's receipt is told by its request's access line (see log_fields).
  if (recording.row.source == store::DeliverySource::sync) log_receipt(*log_, "sync", receipt);
  if (receipt.outcome == DeliveryOutcome::applied && options_.after_commit) options_.after_commit();
  return receipt;
}

Result<Receipt> WebhookReceiver::record_and_apply(const CalcomEvent& event, std::string body, std::string key,
                                                  store::DeliverySource source) {
  auto recording = prepare(event, std::move(body), std::move(key), source);
  auto committed = db_.transaction([&](store::Connection& db) { return record(db, recording); });
  return finish(recording, std::move(committed));
}

Result<Receipt> WebhookReceiver::apply_synced(const CalcomEvent& event) {
  const std::string key = "sync:" + event.trigger + ":" + event.uid + ":" +
                          (event.ical_sequence ? std::to_string(*event.ical_sequence) : std::string("-"));
  return record_and_apply(event, to_body(event), key, store::DeliverySource::sync);
}

}  // namespace poblysh::webhooks
