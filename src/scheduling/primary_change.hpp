// scheduling: what a team member sends to change the primary interviewer of a booked interview,
// and what came of it (see interview_service_primary.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/interview_primary.hpp"
#include "interviews/interview_view.hpp"

namespace poblysh::scheduling {

struct PrimaryChoice {
  domain::PrimaryChange change;    // who, whether the previous primary stays, when, why
  std::int64_t event_type_id = 0;  // one of the new primary's Cal.com event types
};

struct PrimaryChanged {
  interviews::InterviewView view;
  // Empty, or why Cal.com's old booking is still there: the interview holds the new booking and
  // someone must cancel the old one in Cal.com (the history says so too).
  std::string old_booking_problem;
};

}  // namespace poblysh::scheduling
