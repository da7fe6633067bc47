// domain: who is invited to a booked interview — guests and additional team members added or
// taken off after the booking, and the one primary interviewer who stays.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview.hpp"

namespace poblysh::domain {

// What a user asks for: people to add and people to take off. Adding someone already invited
// or taking off someone who is not changes nothing, so a repeated request is harmless.
struct PeopleChange {
  std::vector<Guest> add_guests;           // name, email, role, company (contact_id when picked)
  std::vector<std::string> remove_guests;  // guests' emails
  std::vector<std::int64_t> add_team;      // additional interviewers (never the primary)
  std::vector<std::int64_t> remove_team;
};

// The part of a change that is not so already: exactly who gets an invitation and who a
// cancellation.
struct PeopleDiff {
  std::vector<Guest> added_guests;
  std::vector<Guest> removed_guests;
  std::vector<std::int64_t> added_team;
  std::vector<std::int64_t> removed_team;
  bool empty() const {
    return added_guests.empty() && removed_guests.empty() && added_team.empty() && removed_team.empty();
  }
};

// At most this many people in one change (Cal.com's add-guests takes 10 per call; we batch).
inline constexpr std::size_t kMaxPeoplePerChange = 30;

// People change on a booked interview only: scheduled, awaiting the host, or confirmed, with a
// Cal.com booking to add guests to.
Status require_booked_for_people(const Interview& interview);

// The request's own shape: something to do, bounded lists, each guest a valid address and
// short texts, nobody both added and taken off.
Status check_people_change(const PeopleChange& change);

// What `change` does to `interview`: the primary interviewer cannot be taken off (or added as
// an additional one; changing the primary is its own flow), nor can the interviewee be added as
// a guest. The result keeps check_guests' and check_team's limits.
Result<PeopleDiff> diff_people(const Interview& interview, const PeopleChange& change,
                               const std::optional<std::string>& interviewee_email);

// Applies a diff from diff_people: added guests count as invited at `now`.
void apply_people(Interview& interview, const PeopleDiff& diff, SystemTime now);

}  // namespace poblysh::domain
