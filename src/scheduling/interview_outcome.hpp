// scheduling: what a team member sends to record a meeting's outcome, and what came of it.
#pragma once

#include <string>
#include <vector>

#include "domain/interview_outcome.hpp"
#include "interviews/interview_view.hpp"

namespace poblysh::scheduling {

struct OutcomeChoice {
  domain::Outcome outcome = domain::Outcome::completed;
  std::vector<domain::NoShow> absent;  // a guest by e-mail (normalized), an interviewer by id
  std::string note;
};

// Whether Cal.com's booking was told who did not come. The outcome is ours to keep, so it is
// saved first and stays when Cal.com cannot be told: the answer says so, and so does the history.
enum class CalcomMirror { not_needed, sent, failed };
const char* calcom_mirror_name(CalcomMirror mirror);

struct RecordedOutcome {
  interviews::InterviewView view;
  CalcomMirror calcom = CalcomMirror::not_needed;
  std::string calcom_problem;  // what Cal.com's failure was, in words for the user
};

}  // namespace poblysh::scheduling
