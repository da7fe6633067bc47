#include "webhooks/event_applier.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "domain/interview_calendar.hpp"
#include "domain/validation.hpp"

namespace poblysh::webhooks {
namespace {

using domain::InterviewStatus;
using store::DeliveryOutcome;

constexpr const char* kActor = "cal.com";

Applied result(DeliveryOutcome outcome, const domain::Interview& interview, std::string detail) {
  return Applied{outcome, interview.id, std::move(detail)};
}

// An event about an interview that is completed or cancelled changes nothing.
Applied already_over(const domain::Interview& interview) {
  return result(DeliveryOutcome::stale, interview,
                std::string("the interview is already ") + status_name(interview.status));
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
  // Cal.com's booking is where people go: an address or number it reports is the place.
  if (event.place) interview.place = *event.place;
}

std::string change_key(const domain::Interview& interview, const std::string& change) {
  return "interview:" + std::to_string(interview.id) + ":" + change;
}

Status move_to(domain::Interview& interview, InterviewStatus to) {
  // A webhook can beat our own confirm to the database: the draft is then booked already.
  if (domain::before_booking(interview.status) && to != InterviewStatus::cancelled) {
    RETURN_IF_ERROR(domain::move(interview, InterviewStatus::scheduled));
  }
  if (interview.status == to) return {};
  return domain::move(interview, to);
}

bool finished(const domain::Interview& interview) {
  return interview.status == InterviewStatus::cancelled || interview.status == InterviewStatus::completed;
}

// What the interview shows as the latest Cal.com event: `words`, when Cal.com sent the event
// (else when it reached us).
void note_event(domain::Interview& interview, const CalcomEvent& event, const std::string& words, SystemTime now) {
  interview.calcom_last_event = words;
  interview.calcom_last_event_at = event.created_at.value_or(now);
}

// "Lena Fischer (the startup's contact)", "Ivy (guest)", "Alice Martin (interviewer)".
std::string describe(const interviews::InterviewView& people, const domain::NoShow& who) {
  using domain::AbsentParty;
  switch (who.party) {
    case AbsentParty::contact:
      return (people.contact ? people.contact->fields.name + " " : std::string()) + "(the startup's contact)";
    case AbsentParty::guest:
      for (const auto& guest : people.interview.guests) {
        if (domain::normalize_email(guest.email) == who.guest_email && !guest.name.empty())
          return guest.name + " (guest)";
      }
      return who.guest_email + " (guest)";
    case AbsentParty::interviewer:
      for (const auto& member : people.team_members) {
        if (member.id == who.team_member_id) return member.fields.name + " (interviewer)";
      }
      return "team member " + std::to_string(who.team_member_id) + " (interviewer)";
  }
  return "someone";
}

// Addresses a no-show named that are not on the interview, for the history (bounded: the list
// and each address come from the delivery).
std::string strangers(const std::vector<std::string>& emails) {
  std::string out;
  for (std::size_t i = 0; i < emails.size() && i < 3; ++i) {
    out += (out.empty() ? "" : ", ") + domain::bounded_text(emails[i], 80);
  }
  if (emails.size() > 3) out += " and " + std::to_string(emails.size() - 3) + " more";
  return out;
}

}  // namespace

Result<std::optional<EventApplier::Match>> EventApplier::match(store::Connection& db, const CalcomEvent& event) {
  ASSIGN_OR_RETURN(auto current, interviews_.find_by_booking_uid(db, event.uid));
  if (current) return std::optional<Match>(Match{std::move(*current), FoundBy::booking_uid, true, {}, std::nullopt});
  // Before the interview id our bookings carry: a booking we replaced carries it too.
  ASSIGN_OR_RETURN(auto replaced_by, interviews_.id_by_replaced_booking(db, event.uid));
  if (replaced_by) {
    ASSIGN_OR_RETURN(auto replacer, interviews_.find(db, *replaced_by));
    if (replacer)
      return std::optional<Match>(Match{std::move(*replacer), FoundBy::replaced_booking, false, {}, std::nullopt});
  }
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
  if (matched.by == FoundBy::replaced_booking) {
    return result(DeliveryOutcome::stale, matched.interview,
                  "booking " + event.uid + " was replaced by booking " + matched.interview.calcom_booking_uid +
                      " when the primary interviewer changed");
  }
  if (event.trigger == kBookingCreated) return created(db, event, std::move(matched));
  if (event.trigger == kBookingRequested) return requested(db, event, std::move(matched));
  if (event.trigger == kBookingRescheduled) return rescheduled(db, event, std::move(matched));
  if (event.trigger == kMeetingEnded) return ended(db, event, std::move(matched));
  if (event.reports_no_show()) return no_show(db, event, std::move(matched));
  return cancelled(db, event, std::move(matched));  // BOOKING_CANCELLED and BOOKING_REJECTED
}

Result<Applied> EventApplier::created(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (finished(interview)) return already_over(interview);
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    if (older(interview, event))
      return result(DeliveryOutcome::stale, interview, "booking " + event.uid + " was replaced");
    return result(DeliveryOutcome::unmatched, interview, "the interview holds booking " + interview.calcom_booking_uid);
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  if (interview.status == InterviewStatus::confirmed) {
    return result(DeliveryOutcome::duplicate, interview, "already confirmed");
  }
  if (interview.status == InterviewStatus::reschedule_requested) {
    return result(DeliveryOutcome::stale, interview, "booking " + event.uid + " was cancelled for a new time");
  }
  RETURN_IF_ERROR(move_to(interview, InterviewStatus::confirmed));
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  take_meeting(interview, event);
  note_applied(interview, event);
  domain::settle_calendar_uid(interview, event.ical_uid, notices_.calendar_uid(interview.id));
  note_event(interview, event, "Cal.com confirmed the booking", clock_.now());
  std::string detail = "Cal.com confirmed booking " + event.uid;
  if (!interview.meeting_provider.empty()) detail += " (" + interview.meeting_provider + ")";
  ASSIGN_OR_RETURN(auto view, save(db, match, "confirmed", detail));
  RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::confirmed, interviews::Audience::team,
                                    change_key(interview, "confirmed:" + event.uid)));
  return result(DeliveryOutcome::applied, interview, detail);
}

Result<Applied> EventApplier::requested(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (finished(interview)) return already_over(interview);
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    // A new booking replacing the one we hold (a reschedule through the API, or the time the
    // startup picked after the host asked for one) that waits for the host: a reschedule.
    if (!event.reschedule_uid.empty() || newer_booking(interview, event))
      return rescheduled(db, event, std::move(match));
    return result(DeliveryOutcome::unmatched, interview, "the interview holds booking " + interview.calcom_booking_uid);
  }
  if (interview.status == InterviewStatus::confirmed) {
    return result(DeliveryOutcome::stale, interview, "the host already accepted booking " + event.uid);
  }
  if (interview.status == InterviewStatus::awaiting_host && match.current_booking) {
    return result(DeliveryOutcome::duplicate, interview, "already awaiting the host");
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  RETURN_IF_ERROR(move_to(interview, InterviewStatus::awaiting_host));
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  note_applied(interview, event);
  note_event(interview, event, "The booking awaits the host's confirmation in Cal.com", clock_.now());
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
  // Its booking was cancelled already, for a new time: that booking cannot be cancelled again.
  if (interview.status == InterviewStatus::reschedule_requested && match.current_booking)
    return result(DeliveryOutcome::duplicate, interview, "the host already asked for a new time");
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    if (!newer_booking(interview, event)) {
      return result(DeliveryOutcome::stale, interview,
                    "booking " + event.uid + " is no longer the interview's booking");
    }
    take_booking(interview, event);  // cancelled after a reschedule whose webhook has not arrived
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  // The host's "request reschedule" cancels the booking and asks the startup for a new time;
  // where that move is not allowed (a booking still awaiting the host) it is a cancellation.
  if (domain::before_booking(interview.status)) RETURN_IF_ERROR(domain::move(interview, InterviewStatus::scheduled));
  const bool new_time = event.request_reschedule && !rejected &&
                        domain::can_move(interview.status, InterviewStatus::reschedule_requested);
  RETURN_IF_ERROR(
      domain::move(interview, new_time ? InterviewStatus::reschedule_requested : InterviewStatus::cancelled));
  std::string reason = domain::bounded_text(event.reason, 500);
  if (reason.empty()) {
    reason = new_time ? "The host asked for a new time" : rejected ? "Rejected in Cal.com" : "Cancelled in Cal.com";
  }
  interview.cancellation_reason = reason;
  note_applied(interview, event);
  domain::raise_calendar_sequence(interview);  // a CANCEL must outrank every invitation, ours and Cal.com's
  note_event(interview, event,
             new_time   ? "The host asked the startup for a new time in Cal.com"
             : rejected ? "The host declined the booking in Cal.com"
                        : "Cancelled in Cal.com",
             clock_.now());
  std::string detail = new_time ? "New time needed: " + reason : reason;
  if (!event.changed_by.empty()) detail += " (by " + domain::bounded_text(event.changed_by, 200) + ")";
  const char* action = new_time ? "reschedule_requested" : rejected ? "rejected" : "cancelled";
  ASSIGN_OR_RETURN(auto view, save(db, match, action, detail));
  if (new_time) {
    // The old time is off for everyone; the invitation for the new one follows its booking.
    RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::reschedule_requested,
                                      interviews::Audience::everyone,
                                      change_key(interview, "reschedule_requested:" + event.uid)));
    return result(DeliveryOutcome::applied, interview, detail);
  }
  // The same key as a cancel made through our API: people hear about it once either way.
  RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::cancelled, interviews::Audience::everyone,
                                    change_key(interview, "cancelled")));
  return result(DeliveryOutcome::applied, interview, detail);
}

Result<Applied> EventApplier::rescheduled(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  // A PENDING booking waits for the host (a reschedule of an event type that needs confirming).
  const InterviewStatus target =
      event.status == "PENDING" ? InterviewStatus::awaiting_host : InterviewStatus::confirmed;
  if (match.current_booking && interview.start == event.start && interview.end == event.end &&
      (interview.status == target || finished(interview))) {
    return result(DeliveryOutcome::duplicate, interview, "already moved to booking " + event.uid);
  }
  if (finished(interview)) return already_over(interview);
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
  if (interview.status == InterviewStatus::reschedule_requested) interview.cancellation_reason.clear();
  RETURN_IF_ERROR(move_to(interview, target));
  note_applied(interview, event);
  domain::raise_calendar_sequence(interview);  // same UID, a SEQUENCE above ours and Cal.com's
  const bool awaiting_host = target == InterviewStatus::awaiting_host;
  note_event(interview, event,
             awaiting_host ? "A new time awaits the host's confirmation in Cal.com" : "Moved to a new time in Cal.com",
             clock_.now());
  std::string detail = "Moved to " + format_iso8601_utc(*event.start);
  if (previous) detail += " (was " + format_iso8601_utc(previous->start) + ")";
  const std::string from_uid = old_uid.empty() ? event.reschedule_uid : old_uid;
  if (!from_uid.empty()) detail += "; booking " + from_uid + " \u2192 " + event.uid;
  if (!event.changed_by.empty()) detail += " by " + domain::bounded_text(event.changed_by, 200);
  if (awaiting_host) detail += "; awaits the host's confirmation";
  ASSIGN_OR_RETURN(auto view, save(db, match, "rescheduled", detail));
  RETURN_IF_ERROR(notices_.announce(db, view, notify::NoticeKind::rescheduled, interviews::Audience::everyone,
                                    change_key(interview, "rescheduled:" + event.uid), previous));
  return result(DeliveryOutcome::applied, interview, detail);
}

Result<const interviews::InterviewView*> EventApplier::people(store::Connection& db, Match& match) {
  if (!match.people) {
    ASSIGN_OR_RETURN(auto view, views_.people_view(db, match.interview));
    match.people = std::move(view);
  }
  match.people->interview = match.interview;
  return &*match.people;
}

Result<std::string> EventApplier::record_absences(store::Connection& db, const CalcomEvent& event, Match& match,
                                                  bool& changed) {
  auto& interview = match.interview;
  ASSIGN_OR_RETURN(const interviews::InterviewView* view, people(db, match));
  std::vector<domain::NoShowMark> marks;
  std::vector<std::string> unknown;
  for (const auto& mark : event.marks) {
    std::optional<domain::NoShow> who;
    if (mark.email.empty()) {  // the booking's host: our primary interviewer runs it
      if (auto primary = interview.primary_interviewer())
        who = domain::NoShow{domain::AbsentParty::interviewer, "", *primary};
    } else {
      who = domain::party_of(interview, view->contact, view->team_members, mark.email);
    }
    if (who) {
      marks.push_back({*who, mark.absent});
    } else {
      unknown.push_back(mark.email.empty() ? "the host" : mark.email);
    }
  }
  if (event.every_attendee_absent) {  // no guest joined: the startup's side, not our team
    if (view->contact) marks.push_back({{domain::AbsentParty::contact, "", 0}, true});
    for (const auto& guest : interview.guests) {
      marks.push_back({{domain::AbsentParty::guest, domain::normalize_email(guest.email), 0}, true});
    }
  }
  // Cal.com's clock says the meeting began when it sent a no-show; ours may lag behind it.
  const SystemTime now = std::max(clock_.now(), event.created_at.value_or(clock_.now()));
  const std::string note = event.reports_no_show() ? domain::bounded_text(event.message, 500) : std::string();
  // A report naming nobody of this interview says nothing about its meeting.
  changed = false;
  if (!marks.empty()) {
    ASSIGN_OR_RETURN(changed, domain::record_no_shows(interview, marks, note, now));
  }
  std::string absent;
  std::string present;
  for (const auto& mark : marks) {
    std::string& list = mark.absent ? absent : present;
    list += (list.empty() ? "" : ", ") + describe(*view, mark.who);
  }
  std::string words;
  if (!absent.empty()) words = "absent: " + absent;
  if (!present.empty()) words += (words.empty() ? "" : "; ") + std::string("present after all: ") + present;
  if (!unknown.empty())
    words += (words.empty() ? "" : "; ") + std::string("not on this interview: ") + strangers(unknown);
  return words;
}

Result<Applied> EventApplier::ended(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (interview.status == InterviewStatus::cancelled || interview.status == InterviewStatus::reschedule_requested) {
    return result(DeliveryOutcome::stale, interview,
                  std::string("the interview is ") + status_name(interview.status) + "; no meeting took place");
  }
  if (!match.current_booking && !interview.calcom_booking_uid.empty()) {
    return result(DeliveryOutcome::stale, interview, "booking " + event.uid + " is no longer the interview's booking");
  }
  if (interview.status == InterviewStatus::completed && event.marks.empty()) {
    return result(DeliveryOutcome::duplicate, interview, "already completed");
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  const bool was_completed = interview.status == InterviewStatus::completed;
  RETURN_IF_ERROR(move_to(interview, InterviewStatus::completed));
  if (interview.calcom_booking_uid.empty()) take_booking(interview, event);
  bool absences_changed = false;
  std::string absences;
  if (!event.marks.empty()) {
    ASSIGN_OR_RETURN(absences, record_absences(db, event, match, absences_changed));
  }
  if (was_completed && !absences_changed) return result(DeliveryOutcome::duplicate, interview, "already completed");
  note_applied(interview, event);
  note_event(interview, event, "Cal.com reported that the meeting ended", clock_.now());
  std::string detail = "Cal.com reported that the meeting ended";
  if (!absences.empty()) detail += "; " + absences;
  RETURN_IF_ERROR(save(db, match, "completed", detail));
  return result(DeliveryOutcome::applied, interview, detail);  // the meeting is over: nobody is emailed
}

Result<Applied> EventApplier::no_show(store::Connection& db, const CalcomEvent& event, Match match) {
  auto& interview = match.interview;
  if (!match.current_booking) {
    return result(DeliveryOutcome::stale, interview, "booking " + event.uid + " is no longer the interview's booking");
  }
  if (older(interview, event)) return result(DeliveryOutcome::stale, interview, "a newer Cal.com event was applied");
  const InterviewStatus before = interview.status;
  bool changed = false;
  auto words = record_absences(db, event, match, changed);
  if (!words) {
    if (words.error().code != ErrorCode::conflict) return tl::unexpected(words.error());
    return result(DeliveryOutcome::stale, interview, words.error().message);  // no meeting to have missed
  }
  if (!changed) {
    return result(DeliveryOutcome::duplicate, interview,
                  words->empty() ? std::string("names nobody on this interview") : "nothing new: " + *words);
  }
  note_applied(interview, event);
  const bool host = event.trigger == kHostsNoShow;
  note_event(interview, event,
             event.trigger == kNoShowUpdated ? "Cal.com updated who did not attend"
             : host                          ? "Cal Video reported that a host did not join"
                                             : "Cal Video reported that the guests did not join",
             clock_.now());
  std::string detail = "Cal.com no-show: " + *words;
  if (interview.status != before) detail += "; the meeting is over";
  RETURN_IF_ERROR(save(db, match, "no_show", detail));
  return result(DeliveryOutcome::applied, interview, detail);  // an outcome, not a change anyone is emailed about
}

}  // namespace poblysh::webhooks
