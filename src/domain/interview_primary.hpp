// domain: changing the primary interviewer of a booked interview. Cal.com's booking belongs to
// its host's event type, so a new primary means a new booking (at the same time or another) and
// the old booking cancelled; these rules say what the change does to the interview's team.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview.hpp"

namespace poblysh::domain {

struct PrimaryChange {
  std::int64_t new_primary = 0;     // a team member, on the interview already or not
  bool keep_previous = false;       // the previous primary stays on as an additional interviewer
  std::optional<SystemTime> start;  // absent: the meeting keeps its time
  std::string reason;               // optional; the history keeps it
};

// What a change does: the team after it, who joins and who leaves, and the booking's time.
struct PrimaryPlan {
  std::int64_t previous_primary = 0;
  std::vector<TeamAssignment> team;  // the new primary first
  bool new_joins = false;            // the new primary was not on the interview
  bool previous_leaves = false;      // the previous primary is taken off
  SystemTime start{};
  bool time_changes = false;
};

// Whether the change is done already (its primary is primary): a repeat of the request, a
// second click, finds nothing left to do.
bool primary_change_done(const Interview& interview, const PrimaryChange& change);

// The change's plan for a booked interview (scheduled, awaiting the host, or confirmed, holding a
// Cal.com booking), its new time ahead of `now`, its team within check_team's limits.
Result<PrimaryPlan> plan_primary_change(const Interview& interview, const PrimaryChange& change, SystemTime now);

}  // namespace poblysh::domain
