// domain: a team member's account of a meeting that is over — it took place, or someone did not come.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview.hpp"

namespace poblysh::domain {

enum class Outcome { completed, no_show };
const char* outcome_name(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);

// Whether `interview` may take a team member's outcome at `now`: once its end has passed, when
// it is booked (scheduled, awaiting the host, confirmed) or completed already — Cal.com's
// MEETING_ENDED or the clock often complete it before anyone writes down who came. 409 else.
Status check_outcome_allowed(const Interview& interview, SystemTime now);

// Records the account: `absent` is everyone who did not come (empty for `completed`, at least
// one for `no_show`, each on this interview); it replaces the no-shows recorded before (anyone
// recorded absent and not named now was present after all) and `note` replaces the outcome
// note. A booked interview becomes completed. Returns the marks that changed someone's
// attendance, for Cal.com (record_no_shows does the recording).
Result<std::vector<NoShowMark>> record_outcome(Interview& interview, Outcome outcome, const std::vector<NoShow>& absent,
                                               const std::string& note, SystemTime now);

}  // namespace poblysh::domain
