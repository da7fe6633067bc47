#include "domain/interview_changes.hpp"

#include "domain/validation.hpp"

namespace poblysh::domain {

Status check_reschedule(const Interview& interview, SystemTime start, const std::string& reason, SystemTime now) {
  const auto status = interview.status;
  if (status != InterviewStatus::scheduled && status != InterviewStatus::confirmed &&
      status != InterviewStatus::awaiting_host && status != InterviewStatus::reschedule_requested) {
    return fail(ErrorCode::conflict,
                std::string("An interview that is ") + status_name(interview.status) + " cannot be rescheduled.");
  }
  if (interview.calcom_booking_uid.empty()) {
    return fail(ErrorCode::conflict, "This interview has no Cal.com booking to move yet; reload the page.");
  }
  FieldErrors errors;
  if (start <= now) errors.add("start_time", "choose a time that is still ahead");
  errors.optional_text("reason", reason, 500);
  return errors.result();
}

Status settle_rescheduled_status(Interview& interview, bool awaits_host) {
  if (awaits_host) {
    return interview.status == InterviewStatus::awaiting_host ? Status{}
                                                              : move(interview, InterviewStatus::awaiting_host);
  }
  if (interview.status == InterviewStatus::awaiting_host || interview.status == InterviewStatus::reschedule_requested) {
    return move(interview, InterviewStatus::scheduled);
  }
  return {};
}

}  // namespace poblysh::domain
