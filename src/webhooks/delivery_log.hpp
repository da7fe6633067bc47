// webhooks: the delivery log as admins see it — every delivery recorded, and applying one again.
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <functional>
#include <memory>

#include "core/clock.hpp"
#include "store/database.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhooks/event_applier.hpp"
#include "webhooks/webhook_receiver.hpp"

namespace poblysh::webhooks {

class DeliveryLog {
 public:
  // `after_commit` is called after a re-apply that may have queued email (wakes the outbox worker).
  DeliveryLog(store::Database& db, store::WebhookDeliveryRepo& deliveries, EventApplier& applier, const Clock& clock,
              std::function<void()> after_commit, std::shared_ptr<spdlog::logger> log);

  // Newest first, with the outcome and interview the filter asks for.
  Result<store::Page<store::Delivery>> list(const store::DeliveryFilter& filter, const store::PageRequest& page);

  // Applies a recorded delivery again through the same path as a webhook (an admin repair). Its
  // row keeps its first outcome unless this time it changed something; reapplied_at is set
  // either way.
  Result<Receipt> reapply(std::int64_t delivery_id);

 private:
  // The event a delivery brought: an exact replay keeps no body of its own, so its original's.
  Result<CalcomEvent> recorded_event(std::int64_t delivery_id);
  // The re-apply's transaction: the effect, the row's new outcome when it changed something, the
  // time of the re-apply.
  Result<Receipt> apply_again(store::Connection& db, std::int64_t delivery_id, const CalcomEvent& event);

  store::Database& db_;
  store::WebhookDeliveryRepo& deliveries_;
  EventApplier& applier_;
  const Clock& clock_;
  std::function<void()> after_commit_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace poblysh::webhooks
