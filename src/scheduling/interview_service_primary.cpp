// Changing the primary interviewer of a booked interview, exactly once however often it is asked.
//
// Cal.com's booking belongs to its host's event type. Its reassign endpoints
// (POST /v2/bookings/{uid}/reassign[/{userId}]) only serve round-robin team bookings, and ours are
// the host's own event types; so the change books the same people under the new primary's event
// type, records that booking, and then cancels the old one. Cal.com refusing the new booking
// changes nothing; Cal.com refusing to cancel the old one leaves the interview on the new booking
// and says the old one must be cancelled by hand: the new booking is never lost. The old booking
// is remembered as replaced, so its cancellation's webhook (which carries our interview id) is
// stale rather than the interview's cancellation.
#include "core/log_line.hpp"
#include "core/time.hpp"
#include "domain/interview_calendar.hpp"
#include "domain/interview_changes.hpp"
#include "domain/validation.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/booking_hold.hpp"
#include "scheduling/booking_place.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::scheduling {
namespace {

struct PrimaryClaim {
  Claim claim = Claim::busy;
  domain::PrimaryPlan plan;
  interviews::InterviewView view;  // as it was claimed: the booking's people
};

std::string who_is(const domain::TeamMember& member) {
  return member.fields.name.empty() ? member.fields.email : member.fields.name;
}

// The interview's people booked again under `type`: the contact as the attendee, everyone else
// but the new primary (the host) as a guest, as confirm books them.
calcom::CreateBookingRequest new_booking(const interviews::InterviewView& view, const domain::PrimaryPlan& plan,
                                         const std::vector<domain::TeamMember>& team, const calcom::EventType& type) {
  const auto& interview = view.interview;
  calcom::CreateBookingRequest request;
  request.interview_id = std::to_string(interview.id);
  request.event_type_id = type.id;
  request.start = plan.start;
  request.attendee.name = view.contact->fields.name;
  request.attendee.email = view.contact->fields.email;
  request.attendee.time_zone = interview.timezone;
  for (std::size_t i = 0; i < plan.team.size() && i < team.size(); ++i) {
    if (!plan.team[i].is_primary) request.guests.push_back(team[i].fields.email);
  }
  for (const auto& guest : interview.guests) request.guests.push_back(guest.email);
  // The meeting keeps its length where the new type offers it; else it takes the type's own.
  const auto& options = type.length_in_minutes_options;
  if (interview.duration_minutes != type.length_in_minutes &&
      std::find(options.begin(), options.end(), interview.duration_minutes) != options.end()) {
    request.length_in_minutes = interview.duration_minutes;
  }
  request.metadata["poblysh_startup"] = view.startup.fields.name.substr(0, 500);
  request.metadata["poblysh_replaces"] = interview.calcom_booking_uid.substr(0, 500);
  if (!interview.prep_notes_markdown.empty()) request.booking_fields_responses["notes"] = interview.prep_notes_markdown;
  if (interview.place.kind != domain::PlaceKind::video) request.location = booking_location(interview.place, type);
  return request;
}

}  // namespace

Result<PrimaryChanged> InterviewService::change_primary(const RequestInfo& who, std::int64_t id,
                                                        const PrimaryChoice& choice) {
  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  const auto& change = choice.change;
  ASSIGN_OR_RETURN(auto before, views_.get(id));
  // A repeat (a second click after the first finished, a retry after a lost answer) asks
  // Cal.com nothing.
  if (domain::primary_change_done(before.interview, change)) return PrimaryChanged{std::move(before), {}};
  // Checked before Cal.com is asked anything: the person and their event type.
  if (auto planned = domain::plan_primary_change(before.interview, change, clock_.now()); !planned) {
    return tl::unexpected(planned.error());
  }
  auto members = views_.members({change.new_primary});
  if (!members && members.error().code == ErrorCode::not_found)
    return invalid_field("primary_team_member_id", "this team member does not exist");
  if (!members) return tl::unexpected(members.error());
  const domain::TeamMember new_primary = members->front();
  if (!new_primary.fields.active) {
    return invalid_field("primary_team_member_id", new_primary.fields.name + " is no longer active");
  }
  if (!new_primary.fields.calcom_username || new_primary.fields.calcom_username->empty()) {
    return invalid_field("primary_team_member_id",
                         new_primary.fields.name + " has no Cal.com username, so Cal.com cannot host the meeting");
  }
  ASSIGN_OR_RETURN(
      auto types, bookable_event_types(*client, new_primary.fields.calcom_username, calcom_.team_id(), who.request_id));
  const calcom::EventType* type = nullptr;
  for (const auto& candidate : types) {
    if (candidate.id == choice.event_type_id) type = &candidate;
  }
  if (!type) {
    return invalid_field("event_type_id",
                         "is not one of the Cal.com event types " + new_primary.fields.name + " can host");
  }

  // The hold makes a second click wait for the first; it then finds the change done.
  const auto claim = [&](store::Connection& db) -> Result<PrimaryClaim> {
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    if (domain::primary_change_done(view.interview, change)) return PrimaryClaim{Claim::done, {}, {}};
    const auto now = clock_.now();
    ASSIGN_OR_RETURN(auto plan, domain::plan_primary_change(view.interview, change, now));
    if (!view.contact) return fail(ErrorCode::conflict, "This interview has no contact to book; reload the page.");
    auto& interview = view.interview;
    if (interview.confirm_lock_until && *interview.confirm_lock_until > now) return PrimaryClaim{Claim::busy, {}, {}};
    interview.confirm_lock_until = now + kBookingHold;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    return PrimaryClaim{Claim::claimed, std::move(plan), std::move(view)};
  };
  ASSIGN_OR_RETURN(auto claimed, claim_when_free(clock_, db_, claim));
  if (claimed.claim == Claim::done) {
    ASSIGN_OR_RETURN(auto done, views_.get(id));
    return PrimaryChanged{std::move(done), {}};
  }
  const auto& plan = claimed.plan;
  const std::string old_uid = claimed.view.interview.calcom_booking_uid;
  std::vector<std::int64_t> team_ids;
  for (const auto& assignment : plan.team) team_ids.push_back(assignment.team_member_id);
  auto team = views_.members(team_ids);
  if (!team) return release_hold_after(who, id, "primary_change_failed", team.error());

  auto booked = client->create_booking(new_booking(claimed.view, plan, *team, *type), {who.request_id});
  // After an unknown outcome the client looks the booking up by our interview id: the old
  // booking carries it too, and is no new booking.
  if (booked && booked->uid == old_uid) {
    booked = fail(ErrorCode::upstream_failed, "Cal.com answered with the interview's current booking, not a new one.");
  }
  if (!booked) {
    Error refused = booked.error();
    refused.message =
        "Cal.com did not book the interview for " + who_is(new_primary) + ", so nothing changed: " + refused.message;
    return release_hold_after(who, id, "primary_change_failed", refused);
  }
  if (booked->start != plan.start && log_) {
    log_->warn(LogLine("cal.com booked another time than asked")
                   .number("interview_id", id)
                   .text("booking_uid", booked->uid)
                   .text("asked", format_iso8601_utc(plan.start))
                   .text("booked", format_iso8601_utc(booked->start))
                   .text("request_id", who.request_id)
                   .str());
  }

  auto recorded = store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
    auto& interview = current.interview;
    interview.confirm_lock_until.reset();
    const auto now = clock_.now();
    const std::optional<interviews::PreviousTime> previous =
        interviews::PreviousTime{*claimed.view.interview.start, *claimed.view.interview.end};
    // Under the hold only Cal.com's events changed it; the team is ours alone.
    interview.team = plan.team;
    interview.calcom_booking_id = booked->id;
    interview.calcom_booking_uid = booked->uid;
    interview.start = booked->start;
    interview.end = booked->end;
    interview.event_type_id = type->id;
    interview.event_type_slug = type->slug;
    interview.event_type_title = type->title;
    interview.duration_minutes =
        static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(booked->end - booked->start).count());
    interview.custom_duration = interview.duration_minutes != type->length_in_minutes;
    if (interview.place.kind == domain::PlaceKind::video) {
      interview.place = default_place(*type);
      interview.meeting_url = booked->meeting_url;  // the old booking's call ends with it
    }
    if (interview.status != domain::InterviewStatus::scheduled &&
        interview.status != domain::InterviewStatus::confirmed &&
        interview.status != domain::InterviewStatus::awaiting_host) {
      // Cancelled or over while Cal.com booked: the new booking stays for someone to cancel.
      return fail(ErrorCode::conflict, "The interview became " + std::string(domain::status_name(interview.status)) +
                                           " meanwhile; cancel Cal.com booking " + booked->uid + " in Cal.com.");
    }
    RETURN_IF_ERROR(domain::settle_rescheduled_status(interview, booked->status == calcom::BookingStatus::pending));
    domain::raise_calendar_sequence(interview);  // same UID, a SEQUENCE above every earlier one
    // A new booking starts Cal.com's own order of events again (its iCalSequence from 0).
    interview.calcom_sequence = -1;
    interview.calcom_event_at.reset();
    interview.updated_at = now;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    RETURN_IF_ERROR(interviews_.add_replaced_booking(db, id, old_uid, now));
    RETURN_IF_ERROR(jobs_.replan(db, interview));
    std::string previous_name = "team member " + std::to_string(plan.previous_primary);
    for (const auto& person : claimed.view.team_members) {
      if (person.id == plan.previous_primary) previous_name = who_is(person);
    }
    std::string detail =
        "Primary interviewer changed from " + previous_name + " to " + who_is(new_primary) + "; " +
        (plan.previous_leaves ? previous_name + " left the interview" : previous_name + " stays on it") + "; booking " +
        old_uid + " \u2192 " + booked->uid;
    if (booked->start != previous->start) {
      detail +=
          "; moved to " + format_iso8601_utc(booked->start) + " (was " + format_iso8601_utc(previous->start) + ")";
    }
    const std::string reason = domain::trimmed(change.reason);
    if (!reason.empty()) detail += ": " + reason;
    RETURN_IF_ERROR(interviews_.add_history(db, id, {now, who.actor.email, "primary_changed", detail}));
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));

    // Only those the change is about hear of it: the new primary is invited, the previous one
    // (when taken off) gets a cancellation naming only them, and the others an update only when
    // the time moved. Cal.com tells the contact and guests of its new booking itself when its
    // emails are on.
    const std::string key = "interview:" + std::to_string(id) + ":primary:" + booked->uid;
    interviews::NoticeRecipients invited;
    interviews::NoticeRecipients removed;
    interviews::NoticeRecipients others;
    invited.team.push_back({new_primary.fields.name, new_primary.fields.email});
    for (const auto& person : claimed.view.team_members) {
      if (person.id == plan.previous_primary && plan.previous_leaves)
        removed.team.push_back({person.fields.name, person.fields.email});
    }
    for (const auto& person : view.team_members) {
      if (person.id != new_primary.id) others.team.push_back({person.fields.name, person.fields.email});
    }
    if (view.contact) others.outside.push_back({view.contact->fields.name, view.contact->fields.email});
    for (const auto& guest : view.interview.guests) others.outside.push_back({guest.name, guest.email});
    RETURN_IF_ERROR(notices_.announce_to(db, view, notify::NoticeKind::added, invited, true, key + ":added"));
    RETURN_IF_ERROR(notices_.announce_to(db, view, notify::NoticeKind::removed, removed, true, key + ":removed"));
    if (booked->start != previous->start || booked->end != previous->end) {
      RETURN_IF_ERROR(notices_.announce_to(db, view, notify::NoticeKind::rescheduled, others, true,
                                           key + ":rescheduled", previous));
    }
    return view;
  });
  if (!recorded) {
    // The new booking exists at Cal.com and the interview does not hold it: say which it is.
    if (log_) {
      log_->error(LogLine("primary change booked but not recorded")
                      .number("interview_id", id)
                      .text("booking_uid", booked->uid)
                      .text("request_id", who.request_id)
                      .str());
    }
    return release_hold_after(who, id, "primary_change_failed", recorded.error());
  }

  // The interview holds the new booking; now the old one goes.
  auto cancelled = client->cancel_booking(
      old_uid, "Replaced by booking " + booked->uid + ": the primary interviewer is now " + who_is(new_primary),
      {who.request_id});
  if (cancelled) return PrimaryChanged{std::move(*recorded), {}};
  const std::string problem = "Cal.com booking " + old_uid + " was not cancelled (" + cancelled.error().message +
                              "); cancel it in Cal.com: the interview now holds booking " + booked->uid + ".";
  auto noted = store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    RETURN_IF_ERROR(
        interviews_.add_history(db, id, {clock_.now(), who.actor.email, "old_booking_not_cancelled", problem}));
    return views_.load_view(db, id);
  });
  return PrimaryChanged{noted ? std::move(*noted) : std::move(*recorded), problem};
}

}  // namespace poblysh::scheduling
