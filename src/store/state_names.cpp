// store: the names of stored states, as the rows hold them and the API shows them. Pure, so the
// fuzzed query readers (http/api/request_queries.cpp) use them without the store.
#include "core/enum_names.hpp"
#include "store/outbox_repo.hpp"
#include "store/webhook_delivery_repo.hpp"

namespace poblysh::store {

namespace {

constexpr EnumName<OutboxStatus> kOutboxStatusNames[] = {{OutboxStatus::pending, "pending"},
                                                         {OutboxStatus::sending, "sending"},
                                                         {OutboxStatus::sent, "sent"},
                                                         {OutboxStatus::dead, "dead"},
                                                         {OutboxStatus::held, "held"}};

constexpr EnumName<DeliveryOutcome> kOutcomeNames[] = {
    {DeliveryOutcome::applied, "applied"}, {DeliveryOutcome::duplicate, "duplicate"},
    {DeliveryOutcome::ignored, "ignored"}, {DeliveryOutcome::unmatched, "unmatched"},
    {DeliveryOutcome::stale, "stale"},     {DeliveryOutcome::rejected, "rejected"}};

}  // namespace

const char* outbox_status_name(OutboxStatus status) { return name_in(kOutboxStatusNames, status, "dead"); }

std::optional<OutboxStatus> parse_outbox_status(std::string_view name) { return value_in(kOutboxStatusNames, name); }

const char* outcome_name(DeliveryOutcome outcome) { return name_in(kOutcomeNames, outcome, "ignored"); }

std::optional<DeliveryOutcome> parse_outcome(std::string_view name) { return value_in(kOutcomeNames, name); }

}  // namespace poblysh::store
