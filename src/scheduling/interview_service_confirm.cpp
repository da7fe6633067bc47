// The last step: booking at Cal.com exactly once, and cancelling.
#include "core/log_line.hpp"
#include "core/time.hpp"
#include "domain/interview_calendar.hpp"
#include "domain/validation.hpp"
#include "interviews/interview_notices.hpp"
#include "scheduling/booking_hold.hpp"
#include "scheduling/booking_place.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::scheduling {
namespace {

struct ClaimResult {
  Claim claim = Claim::busy;
  bool look_up_first = false;
};

calcom::CreateBookingRequest booking_request(const interviews::InterviewView& view) {
  const auto& interview = view.interview;
  calcom::CreateBookingRequest request;
  request.interview_id = std::to_string(interview.id);
  request.event_type_id = *interview.event_type_id;
  request.start = *interview.start;
  request.attendee.name = view.contact->fields.name;
  request.attendee.email = view.contact->fields.email;
  request.attendee.time_zone = interview.timezone;
  // The event type's host runs the meeting; everyone else on the Poblysh side joins as a guest.
  for (std::size_t i = 0; i < view.team_members.size(); ++i) {
    if (!interview.team[i].is_primary) request.guests.push_back(view.team_members[i].fields.email);
  }
  for (const auto& guest : interview.guests) request.guests.push_back(guest.email);
  if (interview.custom_duration) request.length_in_minutes = interview.duration_minutes;
  request.metadata["poblysh_startup"] = view.startup.fields.name.substr(0, 500);
  if (!interview.prep_notes_markdown.empty()) {
    request.booking_fields_responses["notes"] = interview.prep_notes_markdown;
  }
  return request;
}

}  // namespace

Result<interviews::InterviewView> InterviewService::confirm(const RequestInfo& who, std::int64_t id) {
  RETURN_IF_ERROR(calcom_.usable());
  // Claims the interview in one short transaction, so two clicks or two tabs cannot both book.
  const auto claim = [&](store::Connection& db) -> Result<ClaimResult> {
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    auto& interview = view.interview;
    if (interview.status == domain::InterviewStatus::scheduled ||
        interview.status == domain::InterviewStatus::awaiting_host ||
        interview.status == domain::InterviewStatus::confirmed) {
      return ClaimResult{Claim::done, false};
    }
    // A draft, or one whose contact picked the time through a scheduling link.
    if (interview.status != domain::InterviewStatus::awaiting_contact)
      RETURN_IF_ERROR(domain::require_draft(interview));
    RETURN_IF_ERROR(domain::check_ready_to_confirm(interview, clock_.now()));
    const auto now = clock_.now();
    if (interview.confirm_lock_until && *interview.confirm_lock_until > now) return ClaimResult{Claim::busy, false};
    ClaimResult result{Claim::claimed, interview.booking_attempted_at.has_value()};
    interview.confirm_lock_until = now + kBookingHold;
    interview.booking_attempted_at = now;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    return result;
  };
  ASSIGN_OR_RETURN(
      auto claimed,
      claim_when_free(clock_, db_, claim, "This interview is being sent right now. Reload the page in a moment."));
  if (claimed.claim == Claim::done) return views_.get(id);  // booked already
  return book(who, id, claimed.look_up_first);
}

Result<interviews::InterviewView> InterviewService::book(const RequestInfo& who, std::int64_t id, bool look_up_first) {
  auto view = views_.get(id);
  if (!view) return view;
  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  auto request = booking_request(*view);
  request.look_up_first = look_up_first;
  if (auto location = booking_location_for(*client, *view, calcom_.team_id(), who.request_id)) {
    request.location = *location;
  } else if (log_) {
    // The booking goes ahead with Cal.com's default location; our invitations still carry ours.
    log_->warn(
        LogLine("event type locations unreadable").number("interview_id", id).text("request_id", who.request_id).str());
  }
  auto booking = client->create_booking(request, {who.request_id});

  // The draft stays as it was; booking_attempted_at makes the next try look for the booking first.
  if (!booking) return release_hold_after(who, id, "confirm_failed", booking.error());

  // Cal.com answers with the booking as it made it: held for the host's acceptance, or at
  // another time than asked (its own rounding or slot rules). Neither is taken silently.
  const bool awaits_host = booking->status == calcom::BookingStatus::pending;
  const SystemTime asked = request.start;
  if (booking->start != asked && log_) {
    log_->warn(LogLine("cal.com booked another time than asked")
                   .number("interview_id", id)
                   .text("booking_uid", booking->uid)
                   .text("asked", format_iso8601_utc(asked))
                   .text("booked", format_iso8601_utc(booking->start))
                   .text("request_id", who.request_id)
                   .str());
  }
  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
    auto& interview = current.interview;
    interview.confirm_lock_until.reset();
    const auto now = clock_.now();
    // Cal.com may already have told us (webhook first): never move backwards.
    if (domain::before_booking(interview.status)) {
      RETURN_IF_ERROR(domain::move(
          interview, awaits_host ? domain::InterviewStatus::awaiting_host : domain::InterviewStatus::scheduled));
    }
    interview.calcom_booking_id = booking->id;
    interview.calcom_booking_uid = booking->uid;
    interview.start = booking->start;
    interview.end = booking->end;
    domain::settle_calendar_uid(interview, booking->ical_uid, notices_.calendar_uid(id));
    for (auto& guest : interview.guests) {
      guest.invitation = domain::GuestInvitation::sent;
      if (!guest.invited_at) guest.invited_at = now;
      guest.last_sent_at = now;
    }
    interview.updated_at = now;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    RETURN_IF_ERROR(jobs_.replan(db, interview));
    std::string detail = "Cal.com booking " + booking->uid + " for " + format_iso8601_utc(booking->start);
    if (awaits_host) detail += "; it awaits the host's confirmation";
    RETURN_IF_ERROR(interviews_.add_history(db, id, {now, who.actor.email, "scheduled", detail}));
    if (booking->start != asked) {
      RETURN_IF_ERROR(interviews_.add_history(db, id,
                                              {now, "cal.com", "time_changed",
                                               "Cal.com booked " + format_iso8601_utc(booking->start) +
                                                   " instead of the time asked for, " + format_iso8601_utc(asked)}));
    }
    auto booked = views_.load_view(db, id);
    if (!booked) return booked;
    // The calendar invitations go out with the change that makes them true: queued in this
    // transaction, keyed by the booking so a repeated confirm invites nobody twice.
    RETURN_IF_ERROR(notices_.announce(db, *booked, notify::NoticeKind::created, interviews::Audience::everyone,
                                      "interview:" + std::to_string(id) + ":created:" + booking->uid));
    return booked;
  });
}

Result<interviews::InterviewView> InterviewService::cancel(const RequestInfo& who, std::int64_t id,
                                                           const std::string& reason_in) {
  const std::string reason = domain::trimmed(reason_in);
  if (reason.empty()) return invalid_field("reason", "say why the interview is cancelled (the people invited see it)");
  if (reason.size() > 500) return invalid_field("reason", "must be at most 500 characters");
  auto view = views_.get(id);
  if (!view) return view;
  if (!domain::can_move(view->interview.status, domain::InterviewStatus::cancelled)) {
    return tl::unexpected(domain::move(view->interview, domain::InterviewStatus::cancelled).error());
  }
  // After the host's request for a new time, Cal.com's booking is cancelled already.
  if (!view->interview.calcom_booking_uid.empty() &&
      view->interview.status != domain::InterviewStatus::reschedule_requested) {
    ASSIGN_OR_RETURN(auto client, calcom_.usable());
    RETURN_IF_ERROR(client->cancel_booking(view->interview.calcom_booking_uid, reason, {who.request_id}));
  }
  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
    auto& interview = current.interview;
    if (interview.status != domain::InterviewStatus::cancelled) {
      RETURN_IF_ERROR(domain::move(interview, domain::InterviewStatus::cancelled));
      interview.cancellation_reason = reason;
      interview.updated_at = clock_.now();
      domain::raise_calendar_sequence(interview);  // a CANCEL must outrank every invitation before it
      RETURN_IF_ERROR(interviews_.save(db, interview));
      RETURN_IF_ERROR(jobs_.replan(db, interview));
      RETURN_IF_ERROR(interviews_.add_history(db, id, {clock_.now(), who.actor.email, "cancelled", reason}));
      auto cancelled = views_.load_view(db, id);
      if (!cancelled) return cancelled;
      // Same key as the BOOKING_CANCELLED webhook that follows: whichever comes first tells people.
      RETURN_IF_ERROR(notices_.announce(db, *cancelled, notify::NoticeKind::cancelled, interviews::Audience::everyone,
                                        "interview:" + std::to_string(id) + ":cancelled"));
      return cancelled;
    }
    return views_.load_view(db, id);
  });
}

}  // namespace poblysh::scheduling
