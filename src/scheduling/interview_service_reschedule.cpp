// Moving a booked interview to another time at Cal.com, exactly once however often it is asked.
#include "core/time.hpp"
#include "domain/interview_calendar.hpp"
#include "domain/interview_changes.hpp"
#include "domain/validation.hpp"
#include "scheduling/booking_hold.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::scheduling {
namespace {

struct ClaimResult {
  Claim claim = Claim::busy;
  std::string booking_uid;
};

}  // namespace

Result<interviews::InterviewView> InterviewService::reschedule(const RequestInfo& who, std::int64_t id,
                                                               const RescheduleChoice& choice) {
  RETURN_IF_ERROR(calcom_.usable());
  const std::string reason = domain::trimmed(choice.reason);
  // A second click, a retry after a lost answer, or Cal.com's webhook that came first all find
  // the interview at the new time already: nothing is asked of Cal.com twice.
  const auto claim = [&](store::Connection& db) -> Result<ClaimResult> {
    ASSIGN_OR_RETURN(auto interview, store::found(interviews_.find(db, id), "interview"));
    if (interview.start == choice.start) return ClaimResult{Claim::done, {}};
    const auto now = clock_.now();
    RETURN_IF_ERROR(domain::check_reschedule(interview, choice.start, reason, now));
    if (interview.confirm_lock_until && *interview.confirm_lock_until > now) return ClaimResult{Claim::busy, {}};
    interview.confirm_lock_until = now + kBookingHold;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    return ClaimResult{Claim::claimed, interview.calcom_booking_uid};
  };
  ASSIGN_OR_RETURN(auto claimed, claim_when_free(clock_, db_, claim));
  if (claimed.claim == Claim::done) return views_.get(id);

  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  auto moved = client->reschedule_booking(claimed.booking_uid, {choice.start, reason, std::nullopt}, {who.request_id});
  if (!moved) return release_hold_after(who, id, "reschedule_failed", moved.error());  // it keeps its time

  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
    auto& interview = current.interview;
    interview.confirm_lock_until.reset();
    const auto now = clock_.now();
    interview.updated_at = now;
    std::string detail;
    if (!reason.empty()) detail = ": " + reason;
    if (interview.calcom_booking_uid == moved->uid) {
      // Cal.com's webhook applied the move first (and told people); the history still says who
      // asked for it and why.
      RETURN_IF_ERROR(interviews_.save(db, interview));
      RETURN_IF_ERROR(interviews_.add_history(
          db, id, {now, who.actor.email, "rescheduled", "Moved to " + format_iso8601_utc(moved->start) + detail}));
      return views_.load_view(db, id);
    }
    std::optional<interviews::PreviousTime> previous;
    if (interview.start && interview.end) previous = interviews::PreviousTime{*interview.start, *interview.end};
    const std::string old_uid = interview.calcom_booking_uid;
    interview.calcom_booking_id = moved->id;
    interview.calcom_booking_uid = moved->uid;
    interview.start = moved->start;
    interview.end = moved->end;
    RETURN_IF_ERROR(domain::settle_rescheduled_status(interview, moved->status == calcom::BookingStatus::pending));
    domain::raise_calendar_sequence(interview);  // same UID, higher SEQUENCE: calendars move the event
    RETURN_IF_ERROR(interviews_.save(db, interview));
    RETURN_IF_ERROR(jobs_.replan(db, interview));
    detail = "Moved to " + format_iso8601_utc(moved->start) +
             (previous ? " (was " + format_iso8601_utc(previous->start) + ")" : std::string()) + "; booking " +
             old_uid + " \u2192 " + moved->uid + detail;
    RETURN_IF_ERROR(interviews_.add_history(db, id, {now, who.actor.email, "rescheduled", detail}));
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    // Keyed like Cal.com's BOOKING_RESCHEDULED for the new booking: whichever is applied first
    // tells people, once.
    RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::rescheduled, interviews::Audience::everyone,
                                      "interview:" + std::to_string(id) + ":rescheduled:" + moved->uid, previous));
    return view;
  });
}

}  // namespace poblysh::scheduling
