#include "domain/interview_people.hpp"

#include <algorithm>
#include <set>

#include "domain/validation.hpp"

namespace poblysh::domain {
namespace {

bool same_email(std::string_view a, std::string_view b) { return normalize_email(a) == normalize_email(b); }

const Guest* find_guest(const std::vector<Guest>& guests, std::string_view email) {
  for (const auto& guest : guests) {
    if (same_email(guest.email, email)) return &guest;
  }
  return nullptr;
}

bool on_team(const std::vector<TeamAssignment>& team, std::int64_t member) {
  return std::any_of(team.begin(), team.end(), [&](const TeamAssignment& a) { return a.team_member_id == member; });
}

}  // namespace

Status require_booked_for_people(const Interview& interview) {
  const auto status = interview.status;
  if (status != InterviewStatus::scheduled && status != InterviewStatus::awaiting_host &&
      status != InterviewStatus::confirmed) {
    return fail(ErrorCode::conflict,
                std::string("The people of an interview that is ") + status_name(status) + " cannot be changed here.");
  }
  if (interview.calcom_booking_uid.empty()) {
    return fail(ErrorCode::conflict, "This interview has no Cal.com booking yet; reload the page.");
  }
  return {};
}

Status check_people_change(const PeopleChange& change) {
  FieldErrors errors;
  const std::size_t total =
      change.add_guests.size() + change.remove_guests.size() + change.add_team.size() + change.remove_team.size();
  if (total == 0) errors.add("people", "add or remove at least one person");
  if (total > kMaxPeoplePerChange) {
    errors.add("people", "change at most " + std::to_string(kMaxPeoplePerChange) + " people at once");
    return errors.result();  // the lists are not worth reading one by one
  }
  std::set<std::string> added;
  for (std::size_t i = 0; i < change.add_guests.size(); ++i) {
    const auto prefix = "add_guests[" + std::to_string(i) + "].";
    const auto& guest = change.add_guests[i];
    errors.require_email(prefix + "email", guest.email);
    errors.optional_text(prefix + "name", guest.name, 200);
    errors.optional_text(prefix + "role", guest.role, 200);
    errors.optional_text(prefix + "company", guest.company, 200);
    if (!added.insert(normalize_email(guest.email)).second) errors.add(prefix + "email", "is listed twice");
  }
  for (std::size_t i = 0; i < change.remove_guests.size(); ++i) {
    const auto field = "remove_guests[" + std::to_string(i) + "]";
    errors.require_email(field, change.remove_guests[i]);
    if (added.count(normalize_email(change.remove_guests[i]))) errors.add(field, "is also being added");
  }
  std::set<std::int64_t> members(change.add_team.begin(), change.add_team.end());
  if (members.size() != change.add_team.size()) errors.add("add_team_member_ids", "lists a member twice");
  for (auto member : change.remove_team) {
    if (members.count(member)) errors.add("remove_team_member_ids", "lists a member who is also being added");
  }
  return errors.result();
}

Result<PeopleDiff> diff_people(const Interview& interview, const PeopleChange& change,
                               const std::optional<std::string>& interviewee_email) {
  RETURN_IF_ERROR(check_people_change(change));
  FieldErrors errors;
  PeopleDiff diff;
  const auto primary = interview.primary_interviewer();
  for (std::size_t i = 0; i < change.add_guests.size(); ++i) {
    const auto& guest = change.add_guests[i];
    if (interviewee_email && same_email(guest.email, *interviewee_email)) {
      errors.add("add_guests[" + std::to_string(i) + "].email",
                 "is the person being interviewed, who is invited already");
    } else if (!find_guest(interview.guests, guest.email)) {
      diff.added_guests.push_back(guest);
    }
  }
  for (const auto& email : change.remove_guests) {
    if (const auto* guest = find_guest(interview.guests, email)) diff.removed_guests.push_back(*guest);
  }
  for (auto member : change.add_team) {
    if (primary && member == *primary) {
      errors.add("add_team_member_ids", "names the primary interviewer, who is on the interview already");
    } else if (!on_team(interview.team, member)) {
      diff.added_team.push_back(member);
    }
  }
  for (auto member : change.remove_team) {
    const bool takes_off_primary = primary && member == *primary;
    if (takes_off_primary) {
      errors.add("remove_team_member_ids",
                 "names the primary interviewer: an interview keeps exactly one; change the primary instead");
    } else if (on_team(interview.team, member)) {
      diff.removed_team.push_back(member);
    }
  }
  RETURN_IF_ERROR(errors.result());
  // The result within the booking's limits (a guest list of at most 30, a team of at most 20).
  Interview after = interview;
  apply_people(after, diff, SystemTime{});
  RETURN_IF_ERROR(check_guests(after.guests));
  RETURN_IF_ERROR(check_team(after.team));
  return diff;
}

void apply_people(Interview& interview, const PeopleDiff& diff, SystemTime now) {
  auto& guests = interview.guests;
  for (const auto& removed : diff.removed_guests) {
    guests.erase(std::remove_if(guests.begin(), guests.end(),
                                [&](const Guest& guest) { return same_email(guest.email, removed.email); }),
                 guests.end());
  }
  for (auto guest : diff.added_guests) {
    if (find_guest(guests, guest.email)) continue;
    guest.id = 0;
    guest.invitation = GuestInvitation::sent;
    guest.invited_at = now;
    guest.last_sent_at = now;
    guests.push_back(std::move(guest));
  }
  auto& team = interview.team;
  for (auto member : diff.removed_team) {
    team.erase(std::remove_if(team.begin(), team.end(),
                              [&](const TeamAssignment& a) { return a.team_member_id == member && !a.is_primary; }),
               team.end());
  }
  for (auto member : diff.added_team) {
    if (!on_team(team, member)) team.push_back({member, false});
  }
}

}  // namespace poblysh::domain
