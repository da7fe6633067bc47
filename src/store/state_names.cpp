// store: the names of stored states, as the rows hold them and the API shows them. Pure, so the
// fuzzed query readers (http/api/request_queries.cpp) use them without the store.
#include "store/outbox_repo.hpp"
#include "store/webhook_delivery_repo.hpp"

namespace poblysh::store {

const char* outbox_status_name(OutboxStatus status) {
  switch (status) {
    case OutboxStatus::pending: return "pending";
    case OutboxStatus::sending: return "sending";
    case OutboxStatus::sent: return "sent";
    case OutboxStatus::dead: return "dead";
    case OutboxStatus::held: return "held";
  }
  return "dead";
}

std::optional<OutboxStatus> parse_outbox_status(std::string_view name) {
  for (auto status : kOutboxStatuses) {
    if (name == outbox_status_name(status)) return status;
  }
  return std::nullopt;
}

const char* outcome_name(DeliveryOutcome outcome) {
  switch (outcome) {
    case DeliveryOutcome::applied: return "applied";
    case DeliveryOutcome::duplicate: return "duplicate";
    case DeliveryOutcome::ignored: return "ignored";
    case DeliveryOutcome::unmatched: return "unmatched";
    case DeliveryOutcome::stale: return "stale";
    case DeliveryOutcome::rejected: return "rejected";
  }
  return "ignored";
}

std::optional<DeliveryOutcome> parse_outcome(std::string_view name) {
  for (auto outcome : {DeliveryOutcome::applied, DeliveryOutcome::duplicate, DeliveryOutcome::ignored,
                       DeliveryOutcome::unmatched, DeliveryOutcome::stale, DeliveryOutcome::rejected}) {
    if (name == outcome_name(outcome)) return outcome;
  }
  return std::nullopt;
}

}  // namespace poblysh::store
