// webhooks: what one Cal.com event does to the interview it is about — the one code path for
// webhooks, re-applied deliveries and reconciliation, idempotent and order-tolerant.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "scheduling/interview_notices.hpp"
#include "scheduling/interview_service.hpp"
#include "store/interview_repo.hpp"
#include "store/webhook_delivery_repo.hpp"
#include "webhooks/calcom_event.hpp"

namespace poblysh::webhooks {

struct Applied {
  store::DeliveryOutcome outcome = store::DeliveryOutcome::ignored;
  std::optional<std::int64_t> interview_id;
  std::string detail;  // for admins: why nothing changed, or what did
};

// Order: Cal.com's iCalSequence decides (a reschedule raises it), then the event's createdAt.
// An event older than what the interview already took from Cal.com is `stale`; one whose
// effect is already there is `duplicate`. Emails are queued with keys naming the change, so
// however often an event is applied, each person hears about each change once.
class EventApplier {
 public:
  EventApplier(store::InterviewRepo& interviews, scheduling::InterviewService& views,
               scheduling::InterviewNotices& notices, const Clock& clock)
      : interviews_(interviews), views_(views), notices_(notices), clock_(clock) {}

  // Call inside the transaction that records the delivery.
  Result<Applied> apply(store::Connection& db, const CalcomEvent& event);

 private:
  struct Match {
    domain::Interview interview;
    bool current_booking = false;  // the event's uid is the booking the interview holds
    domain::Interview as_loaded;   // before the event: only what differs is written
  };
  Result<std::optional<Match>> match(store::Connection& db, const CalcomEvent& event);
  Result<Applied> created(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> requested(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> cancelled(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> rescheduled(store::Connection& db, const CalcomEvent& event, Match match);
  // Saves the interview with a history line by Cal.com and returns what its emails need.
  Result<scheduling::InterviewView> save(store::Connection& db, Match& match, const std::string& action,
                                         const std::string& detail);

  store::InterviewRepo& interviews_;
  scheduling::InterviewService& views_;
  scheduling::InterviewNotices& notices_;
  const Clock& clock_;
};

}  // namespace poblysh::webhooks
