#include "domain/interview_calendar.hpp"

#include <algorithm>

namespace poblysh::domain {

void settle_calendar_uid(Interview& interview, std::string_view calcom_uid, std::string_view our_uid) {
  if (!interview.calendar_uid.empty()) return;
  if (calcom_uid.empty()) {
    interview.calendar_uid = our_uid;
    return;
  }
  interview.calendar_uid = calcom_uid;
  // Cal.com's first invitation for its UID has SEQUENCE 0 (or what its last event reported).
  interview.ical_sequence = std::max(interview.ical_sequence, std::max(interview.calcom_sequence, 0) + 1);
}

void raise_calendar_sequence(Interview& interview) {
  interview.ical_sequence = std::max(interview.ical_sequence + 1, interview.calcom_sequence + 1);
}

}  // namespace poblysh::domain
