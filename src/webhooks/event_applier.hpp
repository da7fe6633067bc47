// webhooks: what one Cal.com event does to the interview it is about — the one code path for
// webhooks, re-applied deliveries and reconciliation, idempotent and order-tolerant.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "interviews/interview_notices.hpp"
#include "interviews/interview_views.hpp"
#include "jobs/job_planner.hpp"
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
  EventApplier(store::InterviewRepo& interviews, interviews::InterviewViews& views,
               interviews::InterviewNotices& notices, jobs::JobPlanner& jobs, const Clock& clock)
      : interviews_(interviews), views_(views), notices_(notices), jobs_(jobs), clock_(clock) {}

  // The interview an event is about, and how it was found: by the event's booking, by a booking
  // the interview replaced with its own (a change of the primary: every event of it is stale), by
  // the booking a reschedule replaces, or by the interview id our own bookings carry.
  enum class FoundBy { booking_uid, replaced_booking, reschedule_uid, interview_id };
  struct Match {
    domain::Interview interview;
    FoundBy by = FoundBy::booking_uid;
    bool current_booking = false;  // the event's uid is the booking the interview holds
    domain::Interview as_loaded;   // before the event: only what differs is written
    // The startup, contact and team members its emails name, when read with the match before
    // the transaction (match_ahead()); else save() reads them in the transaction.
    std::optional<interviews::InterviewView> people;
  };

  // Finds the event's interview.
  Result<std::optional<Match>> match(store::Connection& db, const CalcomEvent& event);
  // match() and the people its emails go to, in a read before the transaction: the look-ups
  // leave the writer that runs every webhook's transaction in turn; apply() checks the match.
  // The people are as they were at that read, as they would be had an edit of them (a new email
  // address, say) committed just after the delivery's transaction; who they are (the team, the
  // contact) comes with the interview, which apply() checks.
  Result<std::optional<Match>> match_ahead(store::Connection& db, const CalcomEvent& event);

  // Call inside the transaction that records the delivery. `read_before`: what match() found in
  // an earlier read; it is used only while it is what match() would find now (the interview's
  // row_version unchanged, and no interview holding a booking looked up before it), else the
  // event is matched again here.
  Result<Applied> apply(store::Connection& db, const CalcomEvent& event,
                        const std::optional<Match>& read_before = std::nullopt);

 private:
  Result<bool> still_current(store::Connection& db, const CalcomEvent& event, const Match& read_before);
  Result<Applied> created(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> requested(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> cancelled(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> rescheduled(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> ended(store::Connection& db, const CalcomEvent& event, Match match);
  Result<Applied> no_show(store::Connection& db, const CalcomEvent& event, Match match);
  // The people of the match (read with it, or now): whom a no-show names, and its emails.
  Result<const interviews::InterviewView*> people(store::Connection& db, Match& match);
  // Records the absences `event` reports; the words for its history line, or why not.
  Result<std::string> record_absences(store::Connection& db, const CalcomEvent& event, Match& match, bool& changed);
  // Saves the interview with a history line by Cal.com and returns what its emails need.
  Result<interviews::InterviewView> save(store::Connection& db, Match& match, const std::string& action,
                                         const std::string& detail);

  store::InterviewRepo& interviews_;
  interviews::InterviewViews& views_;
  interviews::InterviewNotices& notices_;
  jobs::JobPlanner& jobs_;  // the interview's timed jobs follow each save
  const Clock& clock_;
};

}  // namespace poblysh::webhooks
