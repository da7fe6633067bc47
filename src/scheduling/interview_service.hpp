// scheduling: the six-step booking workflow — drafts built step by step, then booked at Cal.com.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calcom/integration.hpp"
#include "core/clock.hpp"
#include "domain/interview.hpp"
#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "domain/user.hpp"
#include "interviews/interview_notices.hpp"
#include "interviews/interview_views.hpp"
#include "jobs/job_planner.hpp"
#include "scheduling/interview_outcome.hpp"
#include "scheduling/primary_change.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store/webhook_delivery_repo.hpp"

namespace poblysh::scheduling {

// Step 1 and 4 may name an existing contact or describe a new one.
struct ContactChoice {
  std::optional<std::int64_t> contact_id;
  std::optional<domain::ContactFields> new_contact;
};

struct GuestChoice {
  std::optional<std::int64_t> contact_id;  // picked from contact search
  domain::Guest typed;                     // or typed: name, email, role, company
};

struct BookingChoice {
  std::int64_t event_type_id = 0;
  std::optional<int> custom_duration_minutes;
  std::optional<SystemTime> start;
};

struct Details {
  std::string prep_notes_markdown;
  std::vector<std::string> custom_questions;
  std::string timezone;
  // Absent: the place stays as it is (the event type's default, chosen in step 3).
  std::optional<domain::PlaceKind> place_kind;
  std::string place_detail;  // the address or the phone number
};

struct RescheduleChoice {
  SystemTime start;
  std::string reason;  // optional; everyone invited reads it
};

// Who joins or leaves a booked interview (see domain/interview_people.hpp).
struct PeopleChoice {
  std::vector<GuestChoice> add_guests;
  std::vector<std::string> remove_guests;  // emails
  std::vector<std::int64_t> add_team;      // additional interviewers
  std::vector<std::int64_t> remove_team;
};

struct RequestInfo {
  domain::User actor;
  std::string request_id;
};

class InterviewService {
 public:
  InterviewService(store::Database& db, store::InterviewRepo& interviews, interviews::InterviewViews& views,
                   store::StartupRepo& startups, store::ContactRepo& contacts, store::TeamMemberRepo& team,
                   calcom::Integration& calcom, interviews::InterviewNotices& notices, jobs::JobPlanner& jobs,
                   const Clock& clock, std::shared_ptr<spdlog::logger> log);

  Result<interviews::InterviewView> create_draft(const RequestInfo& who, std::int64_t startup_id,
                                                 const ContactChoice& contact, std::optional<std::string> title);
  Result<interviews::InterviewView> choose_contact(const RequestInfo& who, std::int64_t id,
                                                   const ContactChoice& contact);
  Result<interviews::InterviewView> assign_team(const RequestInfo& who, std::int64_t id, std::int64_t primary,
                                                const std::vector<std::int64_t>& additional);
  Result<interviews::InterviewView> choose_booking(const RequestInfo& who, std::int64_t id,
                                                   const BookingChoice& choice);
  Result<interviews::InterviewView> set_guests(const RequestInfo& who, std::int64_t id,
                                               const std::vector<GuestChoice>& guests);
  Result<interviews::InterviewView> set_details(const RequestInfo& who, std::int64_t id, const Details& details);
  // Creates the Cal.com booking exactly once, however often it is called (see interview_service_confirm.cpp).
  Result<interviews::InterviewView> confirm(const RequestInfo& who, std::int64_t id);
  Result<interviews::InterviewView> cancel(const RequestInfo& who, std::int64_t id, const std::string& reason);
  // Moves the Cal.com booking to another time exactly once, however often it is called
  // (see interview_service_reschedule.cpp).
  Result<interviews::InterviewView> reschedule(const RequestInfo& who, std::int64_t id, const RescheduleChoice& choice);
  // Records who came once the meeting is over, then tells Cal.com's booking (see interview_service_outcome.cpp).
  Result<RecordedOutcome> record_outcome(const RequestInfo& who, std::int64_t id, const OutcomeChoice& choice);
  // Adds and takes off guests and additional interviewers of a booked interview, exactly once
  // (see interview_service_people.cpp).
  Result<interviews::InterviewView> change_people(const RequestInfo& who, std::int64_t id, const PeopleChoice& choice);
  // A person's own drafts, naming and discarding one (see drafts.cpp).
  Result<store::DraftList> drafts(const RequestInfo& who, std::optional<std::int64_t> startup_id, int limit);
  Result<interviews::InterviewView> rename_draft(const RequestInfo& who, std::int64_t id, const std::string& title);
  Status discard_draft(const RequestInfo& who, std::int64_t id);
  // Books the interview under a new primary interviewer's event type and cancels the old
  // booking, exactly once (see interview_service_primary.cpp).
  Result<PrimaryChanged> change_primary(const RequestInfo& who, std::int64_t id, const PrimaryChoice& choice);

 private:
  using Edit = std::function<Status(domain::Interview&, store::Connection&)>;
  // Loads a draft, applies `edit`, saves it with a history line, and returns the new view.
  Result<interviews::InterviewView> edit_draft(const RequestInfo& who, std::int64_t id, const std::string& action,
                                               const Edit& edit);
  // A title still the default for the draft's old contact follows the new one (drafts.cpp).
  Status retitle_for_contact(store::Connection& db, domain::Interview& interview, const domain::Contact& chosen);
  Result<domain::Contact> resolve_contact(store::Connection& db, std::int64_t startup_id, const ContactChoice& choice);
  Result<interviews::InterviewView> book(const RequestInfo& who, std::int64_t id, bool look_up_first);
  // Cal.com refused what the booking hold was taken for: the hold is released and the history
  // says what failed (`action`, Cal.com's words); nothing else changes. Returns `failure`, or the
  // store's error when even that could not be written.
  tl::unexpected<Error> release_hold_after(const RequestInfo& who, std::int64_t id, const std::string& action,
                                           const Error& failure);

  store::Database& db_;
  store::InterviewRepo& interviews_;
  interviews::InterviewViews& views_;
  store::StartupRepo& startups_;
  store::ContactRepo& contacts_;
  store::TeamMemberRepo& team_;
  calcom::Integration& calcom_;
  interviews::InterviewNotices& notices_;
  jobs::JobPlanner& jobs_;
  const Clock& clock_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace poblysh::scheduling
