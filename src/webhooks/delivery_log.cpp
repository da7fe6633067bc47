#include "webhooks/delivery_log.hpp"

namespace poblysh::webhooks {

using store::DeliveryOutcome;

DeliveryLog::DeliveryLog(store::Database& db, store::WebhookDeliveryRepo& deliveries, EventApplier& applier,
                         const Clock& clock, std::function<void()> after_commit, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      deliveries_(deliveries),
      applier_(applier),
      clock_(clock),
      after_commit_(std::move(after_commit)),
      log_(std::move(log)) {}

Result<store::Page<store::Delivery>> DeliveryLog::list(const store::DeliveryFilter& filter,
                                                       const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) { return deliveries_.list(db, filter, page); });
}

Result<CalcomEvent> DeliveryLog::recorded_event(std::int64_t delivery_id) {
  const auto find = [&](store::Connection& db) {
    return store::found(deliveries_.find(db, delivery_id), "webhook delivery");
  };
  ASSIGN_OR_RETURN(auto row, store::read_with(db_, find));
  if (row.raw_body.empty() && row.duplicate_of) {  // an exact replay: its body is the original's
    const auto find_original = [&](store::Connection& db) { return deliveries_.find(db, *row.duplicate_of); };
    ASSIGN_OR_RETURN(auto original, store::read_with(db_, find_original));
    if (original) row.raw_body = std::move(original->raw_body);
  }
  auto event = parse_event(row.raw_body);
  if (!event)
    return fail(ErrorCode::unprocessable, "This delivery could not be read, so there is nothing to re-apply.");
  return event;
}

Result<Receipt> DeliveryLog::apply_again(store::Connection& db, std::int64_t delivery_id, const CalcomEvent& event) {
  ASSIGN_OR_RETURN(auto applied, applier_.apply(db, event));
  if (applied.outcome == DeliveryOutcome::applied) {
    RETURN_IF_ERROR(deliveries_.set_outcome(db, delivery_id, applied.outcome, applied.interview_id, applied.detail));
  }
  RETURN_IF_ERROR(deliveries_.mark_reapplied(db, delivery_id, clock_.now()));
  return Receipt{delivery_id, applied.outcome, applied.interview_id, applied.detail, event.trigger, event.uid};
}

Result<Receipt> DeliveryLog::reapply(std::int64_t delivery_id) {
  ASSIGN_OR_RETURN(auto event, recorded_event(delivery_id));
  ASSIGN_OR_RETURN(auto receipt,
                   store::transact(db_, [&](store::Connection& db) { return apply_again(db, delivery_id, event); }));
  log_receipt(*log_, "reapply", receipt);
  if (receipt.outcome == DeliveryOutcome::applied && after_commit_) after_commit_();
  return receipt;
}

}  // namespace poblysh::webhooks
