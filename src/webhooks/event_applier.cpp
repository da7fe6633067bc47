#include "webhooks/event_applier.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "domain/interview_calendar.hpp"

namespace poblysh::webhooks {
namespace {

using domain::InterviewStatus;
using store::DeliveryOutcome;

constexpr const char* kActor = "cal.com";

Applied result(DeliveryOutcome outcome, const domain::Interview& interview, std::string detail) {
  return Applied{outcome, interview.id, std::move(detail)};
}

// Whether `event` is older than what the interview already took from Cal.com: a lower
// iCalSequence, or the same one with an earlier createdAt.
bool older(const domain::Interview& interview, const CalcomEvent& event) {
  if (event.ical_sequence && interview.calcom_sequence >= 0 && *event.ical_sequence != interview.calcom_sequence) {
    return *event.ical_sequence < interview.calcom_sequence;
  }
  return event.created_at && interview.calcom_event_at && *event.created_at < *interview.calcom_event_at;
}

// A booking of this interview other than the one it holds only counts when it is newer (a
// reschedule we have not heard of yet); an older one was replaced long ago.
bool newer_booking(const domain::Interview& interview, const CalcomEvent& event) {
  return event.ical_sequence && *event.ical_sequence > interview.calcom_sequence;
}

void note_applied(domain::Interview& interview, const CalcomEvent& event) {
  if (event.ical_sequence) interview.calcom_sequence = std::max(interview.calcom_sequence, *event.ical_sequence);
  if (event.created_at && (!interview.calcom_event_at || *event.created_at > *interview.calcom_event_at)) {
    interview.calcom_event_at = event.created_at;
  }
  if (!event.ical_uid.empty()) interview.ical_uid = event.ical_uid;
}

void take_booking(domain::Interview& interview, const CalcomEvent& event) {
  interview.calcom_booking_uid = event.uid;
  if (event.booking_id) interview.calcom_booking_id = event.booking_id;
  if (event.start && event.end) {
    interview.start = event.start;
    interview.end = event.end;
  }
}

void take_meeting(domain::Interview& interview, const CalcomEvent& event) {
  if (!event.meeting_url.empty()) interview.meeting_url = event.meeting_url;
  if (!event.meeting_provider.empty()) interview.meeting_provider = event.meeting_provider;
}

std::string change_key(const domain::Interview& interview, const std::string& change) {
  return "interview:" + std::to_string(interview.id) + ":" + change;
}

Status move_to(domain::Interview& interview, InterviewStatus to) {
  // A webhook can beat our own confirm to the database: the draft is then booked already.
  if (interview.status == InterviewStatus::draft && to != InterviewStatus::cancelled) {
    RETURN_IF_ERROR(domain::move(interview, InterviewStatus::scheduled));
  }
  if (interview.status == to) return {};
  return domain::move(interview, to);
}

bool finished(const domain::Interview& interview) {
  return interview.status == InterviewStatus::cancelled || interview.status == InterviewStatus::completed;
}

}  // namespace

Result<std::optional<EventApplier::Match>> EventApplier::match(store::Connection& db, const CalcomEvent& event) {
  ASSIGN_OR_RETURN(auto current, interviews_.find_by_booking_uid(db, event.uid));
  if (current) return std::optional<Match>(Match{std::move(*current), FoundBy::booking_uid, true, {}, std::nullopt});
  if (!event.reschedule_uid.empty()) {
    ASSIGN_OR_RETURN(auto previous, interviews_.find_by_booking_uid(db, event.reschedule_uid));
    if (previous)
      return std::optional<Match>(Match{std::move(*previous), FoundBy::reschedule_uid, false, {}, std::nullopt});
  }
  // Bookings we made carry the interview id: this finds one whose booking we have not recorded
  // yet (the webhook overtook our confirm) or whose earlier events were lost.
  if (event.interview_id) {
    ASSIGN_OR_RETURN(auto by_id, interviews_.find(db, *event.interview_id));
    if (by_id) return std::optional<Match>(Match{std::move(*by_id), FoundBy::interview_id, false, {}, std::nullopt});
  }
  return std::optional<Match>{};
}

Result<std::optional<EventApplier::Match>> EventApplier::match_ahead(store::Connection& db, const CalcomEvent& event) {
  auto found = match(db, event);
  if (!found || !*found) return found;
  ASSIGN_OR_RETURN(auto people, views_.people_view(db, (*found)->interview));
  (*found)->people = std::move(people);
  return found;
}

Result<bool> EventApplier::still_current(store::Connection& db, const CalcomEvent& event, const Match& read_before) {
  // Unsaved since the read: the same row, team, guests and questions, and the same bookings.
  ASSIGN_OR_RETURN(auto version, interviews_.row_version(db, read_before.interview.id));
  if (version != read_before.interview.row_version) return false;
  // match() looks bookings up in order: one found earlier in that order now would win.
  std::vector<const std::string*> looked_up_before;
  if (read_before.by != FoundBy::booking_uid) looked_up_before.push_back(&event.uid);
  if (read_before.by == FoundBy::interview_id && !event.reschedule_uid.empty()) {
    looked_up_before.push_back(&event.reschedule_uid);
  }
  for (const std::string* uid : looked_up_before) {
    ASSIGN_OR_RETURN(auto holder, interviews_.id_by_booking_uid(db, *uid));
    if (holder) return false;
  }
  return true;
}

Result<interviews::InterviewView> EventApplier::save(store::Connection& db, Match& match, const std::string& action,
                                                     const std::string& detail) {
  auto& interview = match.interview;
  interview.confirm_lock_until.reset();
  interview.updated_at = clock_.now();
  RETURN_IF_ERROR(interviews_.save(db, interview, match.as_loaded));
  RETURN_IF_ERROR(jobs_.replan(db, interview));
  RETURN_IF_ERROR(interviews_.add_history(db, interview.id, {clock_.now(), kActor, action, detail}));
  if (match.people) {  // read with the match, whose team and contact apply() checked
    interviews::InterviewView view = std::move(*match.people);
    match.people.reset();
    view.interview = interview;
    return view;
  }
  return views_.people_view(db, interview);
}

Result<Applied> EventApplier::apply(store::Connection& db, const CalcomEvent& event,
                                    const std::optional<Match>& read_before) {
  if (!event.acts())
    return Applied{DeliveryOutcome::ignored, std::nullopt, "trigger " + event.trigger + " is not used"};
  Result<std::optional<Match>> found = std::optional<Match>{};
  if (read_before) {
    ASSIGN_OR_RETURN(auto current, still_current(db, event, *read_before));
    if (current) found = read_before;
  }
  if (!*found) found = match(db, event);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Applied{DeliveryOutcome::unmatched, std::nullopt, "no interview has booking " + event.uid};
  Match matched = std::move(**found);
  matched.as_loaded = matched.interview;
  if (event.trigger == kBookingCreated) return created(db, event, std::move(matched));
  if (event.trigger == kBookingRequested) return requested(db, event, std::move(matched));
  if (event.trigger == kBookingRescheduled) return rescheduled(db, event, std::move(matched));
  return cancelled(db, event, std::move(matched));  // BOOKING_CANCELLED and BOOKING_REJECTED
}

Result<Applied> EventApplier::created(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (finished(interview)) {
    return result(DeliveryOutcome::stale, interview,
                  std::string("the interview is already ") + status_name(interview.status));
  }
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    if (older(interview, event))
      return result(DeliveryOutcome::stale, interview, "booking " + event.uid + " was replaced");
    return result(DeliveryOutcome::unmatched, interview, "the interview holds booking " + interview.calcom_booking_uid);
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  if (interview.status == InterviewStatus::confirmed) {
    return result(DeliveryOutcome::duplicate, interview, "already confirmed");
  }
  RETURN_IF_ERROR(move_to(interview, InterviewStatus::confirmed));
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  take_meeting(interview, event);
  note_applied(interview, event);
  domain::settle_calendar_uid(interview, event.ical_uid, notices_.calendar_uid(interview.id));
  std::string detail = "Cal.com confirmed booking " + event.uid;
  if (!interview.meeting_provider.empty()) detail += " (" + interview.meeting_provider + ")";
  ASSIGN_OR_RETURN(auto view, save(db, match, "confirmed", detail));
  RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::confirmed, interviews::Audience::team,
                                    change_key(interview, "confirmed:" + event.uid)));
  return result(DeliveryOutcome::applied, interview, detail);
}

Result<Applied> EventApplier::requested(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (finished(interview) || interview.status == InterviewStatus::confirmed) {
    return result(DeliveryOutcome::stale, interview,
                  std::string("the interview is already ") + status_name(interview.status));
  }
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    return result(DeliveryOutcome::unmatched, interview, "the interview holds booking " + interview.calcom_booking_uid);
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  // Awaiting the host's acceptance is still "scheduled" for us; the history says why it waits.
  RETURN_IF_ERROR(move_to(interview, InterviewStatus::scheduled));
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  note_applied(interview, event);
  const std::string detail = "Cal.com booking " + event.uid + " awaits the host's confirmation";
  RETURN_IF_ERROR(save(db, match, "requested", detail));
  return result(DeliveryOutcome::applied, interview, detail);
}

Result<Applied> EventApplier::cancelled(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  const bool rejected = event.trigger == kBookingRejected;
  if (interview.status == InterviewStatus::cancelled)
    return result(DeliveryOutcome::duplicate, interview, "already cancelled");
  if (interview.status == InterviewStatus::completed)
    return result(DeliveryOutcome::stale, interview, "the interview took place");
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    if (!newer_booking(interview, event)) {
      return result(DeliveryOutcome::stale, interview,
                    "booking " + event.uid + " is no longer the interview's booking");
    }
    take_booking(interview, event);  // cancelled after a reschedule whose webhook has not arrived
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  RETURN_IF_ERROR(domain::move(interview, InterviewStatus::cancelled));
  std::string reason =
      event.reason.empty() ? (rejected ? "Rejected in Cal.com" : "Cancelled in Cal.com") : event.reason;
  if (reason.size() > 500) reason.resize(500);
  interview.cancellation_reason = reason;
  note_applied(interview, event);
  domain::raise_calendar_sequence(interview);  // a CANCEL must outrank every invitation, ours and Cal.com's
  std::string detail = reason;
  if (!event.changed_by.empty()) detail += " (by " + event.changed_by + ")";
  ASSIGN_OR_RETURN(auto view, save(db, match, rejected ? "rejected" : "cancelled", detail));
  // The same key as a cancel made through our API: people hear about it once either way.
  RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::cancelled, interviews::Audience::everyone,
                                    change_key(interview, "cancelled")));
  return result(DeliveryOutcome::applied, interview, detail);
}

Result<Applied> EventApplier::rescheduled(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (match.current_booking && interview.start == event.start && interview.end == event.end) {
    return result(DeliveryOutcome::duplicate, interview, "already moved to booking " + event.uid);
  }
  if (finished(interview)) {
    return result(DeliveryOutcome::stale, interview,
                  std::string("the interview is already ") + status_name(interview.status));
  }
  if (!match.current_booking && !interview.calcom_booking_uid.empty() &&
      interview.calcom_booking_uid != event.reschedule_uid && !newer_booking(interview, event)) {
    return result(DeliveryOutcome::stale, interview,
                  "booking " + event.reschedule_uid + " is no longer the interview's booking");
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  const std::optional<interviews::PreviousTime> previous =
      interview.start && interview.end ? std::optional(interviews::PreviousTime{*interview.start, *interview.end})
                                       : std::nullopt;
  const std::string old_uid = interview.calcom_booking_uid;
  take_booking(interview, event);
  take_meeting(interview, event);
  const bool awaiting_host = event.status == "PENDING" && interview.status != InterviewStatus::confirmed;
  RETURN_IF_ERROR(move_to(interview, awaiting_host ? InterviewStatus::scheduled : InterviewStatus::confirmed));
  note_applied(interview, event);
  domain::raise_calendar_sequence(interview);  // same UID, a SEQUENCE above ours and Cal.com's
  std::string detail = "Moved to " + format_iso8601_utc(*event.start);
  if (previous) detail += " (was " + format_iso8601_utc(previous->start) + ")";
  detail += "; booking " + (old_uid.empty() ? event.reschedule_uid : old_uid) + " \u2192 " + event.uid;
  if (!event.changed_by.empty()) detail += " by " + event.changed_by;
  ASSIGN_OR_RETURN(auto view, save(db, match, "rescheduled", detail));
  RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::rescheduled, interviews::Audience::everyone,
                                    change_key(interview, "rescheduled:" + event.uid), previous));
  return result(DeliveryOutcome::applied, interview, detail);
}

}  // namespace poblysh::webhooks
