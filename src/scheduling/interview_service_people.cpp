// Adding guests and interviewers to a booked interview, and taking them off, exactly once.
//
// Cal.com can add guests to a booking (POST /v2/bookings/{uid}/guests) but has no way to take
// one off: a person we take off stays on Cal.com's booking. So every addition goes to Cal.com
// (an additional interviewer joins as a Cal.com guest, as at booking), and every removal is
// ours alone: the person gets our cancellation of the same calendar event.
#include "domain/interview_calendar.hpp"
#include "domain/interview_people.hpp"
#include "domain/validation.hpp"
#include "scheduling/booking_hold.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::scheduling {
namespace {

struct PeopleClaim {
  Claim claim = Claim::busy;
  std::string booking_uid;
  std::vector<calcom::GuestInput> calcom_guests;  // the people Cal.com is asked to add
};

// The guests and team members a change names, read from the store (contacts picked by id,
// interviewers who must exist and, when added, be active).
Result<domain::PeopleChange> resolve_change(store::Connection& db, store::ContactRepo& contacts,
                                            store::TeamMemberRepo& team, const PeopleChoice& choice) {
  domain::PeopleChange change;
  domain::FieldErrors errors;
  for (std::size_t i = 0; i < choice.add_guests.size(); ++i) {
    domain::Guest guest = choice.add_guests[i].typed;
    if (const auto contact_id = choice.add_guests[i].contact_id) {
      ASSIGN_OR_RETURN(auto contact, contacts.find(db, *contact_id));
      if (!contact) {
        errors.add("add_guests[" + std::to_string(i) + "].contact_id", "this contact does not exist");
        continue;
      }
      guest = {};
      guest.name = contact->fields.name;
      guest.email = contact->fields.email;
      guest.role = contact->fields.title;
      guest.company = contact->fields.company;
      guest.contact_id = contact->id;
    }
    guest.name = domain::trimmed(guest.name);
    guest.email = domain::trimmed(guest.email);
    if (guest.name.empty()) guest.name = guest.email.substr(0, guest.email.find('@'));
    change.add_guests.push_back(std::move(guest));
  }
  for (const auto& email : choice.remove_guests) change.remove_guests.push_back(domain::trimmed(email));
  for (auto id : choice.add_team) {
    ASSIGN_OR_RETURN(auto member, team.find(db, id));
    if (!member)
      errors.add("add_team_member_ids", "team member " + std::to_string(id) + " does not exist");
    else if (!member->fields.active)
      errors.add("add_team_member_ids", member->fields.name + " is no longer active");
  }
  RETURN_IF_ERROR(errors.result());
  change.add_team = choice.add_team;
  change.remove_team = choice.remove_team;
  return change;
}

std::optional<std::string> interviewee(const interviews::InterviewView& view) {
  if (!view.contact) return std::nullopt;
  return view.contact->fields.email;
}

std::string who_is(const std::string& name, const std::string& email) {
  return name.empty() || name == email ? email : name + " <" + email + ">";
}

}  // namespace

Result<interviews::InterviewView> InterviewService::change_people(const RequestInfo& who, std::int64_t id,
                                                                  const PeopleChoice& choice) {
  domain::PeopleChange change;
  // The hold makes a second click wait for the first; it then finds everybody added or taken
  // off already (an empty diff) and neither calls Cal.com nor sends anything.
  const auto claim = [&](store::Connection& db) -> Result<PeopleClaim> {
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    const auto& interview = view.interview;
    RETURN_IF_ERROR(domain::require_booked_for_people(interview));
    ASSIGN_OR_RETURN(change, resolve_change(db, contacts_, team_, choice));
    ASSIGN_OR_RETURN(auto diff, domain::diff_people(interview, change, interviewee(view)));
    if (diff.empty()) return PeopleClaim{Claim::done, {}, {}};
    const auto now = clock_.now();
    if (interview.confirm_lock_until && *interview.confirm_lock_until > now) return PeopleClaim{Claim::busy, {}, {}};
    PeopleClaim result{Claim::claimed, interview.calcom_booking_uid, {}};
    for (const auto& guest : diff.added_guests) result.calcom_guests.push_back({guest.email, guest.name, {}});
    for (auto member_id : diff.added_team) {
      ASSIGN_OR_RETURN(auto member, store::found(team_.find(db, member_id), "team member"));
      result.calcom_guests.push_back({member.fields.email, member.fields.name, {}});
    }
    // Taking people off asks nothing of Cal.com (it cannot), so it works while Cal.com does not.
    if (!result.calcom_guests.empty()) RETURN_IF_ERROR(calcom_.usable());
    auto held = interview;
    held.confirm_lock_until = now + kBookingHold;
    RETURN_IF_ERROR(interviews_.save(db, held));
    return result;
  };
  ASSIGN_OR_RETURN(auto claimed, claim_when_free(clock_, db_, claim));
  if (claimed.claim == Claim::done) return views_.get(id);

  // Cal.com takes at most 10 guests per call; a failure part-way leaves the first batches on
  // Cal.com's booking, and the retry's add of them changes nothing there.
  if (!claimed.calcom_guests.empty()) {
    ASSIGN_OR_RETURN(auto client, calcom_.usable());
    for (std::size_t at = 0; at < claimed.calcom_guests.size(); at += 10) {
      const auto end = std::min(at + 10, claimed.calcom_guests.size());
      std::vector<calcom::GuestInput> batch(claimed.calcom_guests.begin() + static_cast<std::ptrdiff_t>(at),
                                            claimed.calcom_guests.begin() + static_cast<std::ptrdiff_t>(end));
      auto added = client->add_guests(claimed.booking_uid, batch, {who.request_id});
      if (!added) return release_hold_after(who, id, "people_change_failed", added.error());
    }
  }

  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
    auto& interview = current.interview;
    interview.confirm_lock_until.reset();
    const auto now = clock_.now();
    // Under the hold nobody else changed the people; Cal.com's webhooks never do.
    ASSIGN_OR_RETURN(auto diff, domain::diff_people(interview, change, interviewee(current)));
    interviews::NoticeRecipients added;
    interviews::NoticeRecipients removed;
    std::vector<domain::HistoryEntry> history;
    for (const auto& guest : diff.added_guests) {
      added.outside.push_back({guest.name, guest.email});
      history.push_back({now, who.actor.email, "guest_added", who_is(guest.name, guest.email)});
    }
    for (const auto& guest : diff.removed_guests) {
      removed.outside.push_back({guest.name, guest.email});
      history.push_back({now, who.actor.email, "guest_removed",
                         who_is(guest.name, guest.email) + "; still on Cal.com's booking, which cannot drop a guest"});
    }
    for (const auto* ids : {&diff.added_team, &diff.removed_team}) {
      const bool adding = ids == &diff.added_team;
      for (auto member_id : *ids) {
        ASSIGN_OR_RETURN(auto member, store::found(team_.find(db, member_id), "team member"));
        (adding ? added : removed).team.push_back({member.fields.name, member.fields.email});
        history.push_back({now, who.actor.email, adding ? "team_member_added" : "team_member_removed",
                           who_is(member.fields.name, member.fields.email)});
      }
    }
    domain::apply_people(interview, diff, now);
    if (!diff.empty()) domain::raise_calendar_sequence(interview);  // the invitations outrank the last ones
    interview.updated_at = now;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    RETURN_IF_ERROR(jobs_.replan(db, interview));
    for (const auto& entry : history) RETURN_IF_ERROR(interviews_.add_history(db, id, entry));
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    // Only the people added and taken off hear of it. Cal.com emails the guests it adds itself
    // (unless its emails are off); nobody tells those taken off but us.
    const std::string key = "interview:" + std::to_string(id) + ":people:" + std::to_string(interview.ical_sequence);
    RETURN_IF_ERROR(notices_.announce_to(db, view, notify::NoticeKind::added, added, true, key + ":added"));
    RETURN_IF_ERROR(notices_.announce_to(db, view, notify::NoticeKind::removed, removed, false, key + ":removed"));
    return view;
  });
}

}  // namespace poblysh::scheduling
