// scheduling: the six-step booking workflow — drafts built step by step, then booked at Cal.com.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/interview.hpp"
#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "domain/user.hpp"
#include "calcom/integration.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store/webhook_delivery_repo.hpp"

namespace poblysh::scheduling {

// Everything a page about one interview shows.
struct InterviewView {
  domain::Interview interview;
  domain::Startup startup;
  std::optional<domain::Contact> contact;
  std::vector<domain::TeamMember> team_members;  // in the order of interview.team (primary first)
  std::vector<domain::HistoryEntry> history;
  std::vector<store::DeliverySummary> deliveries;  // Cal.com webhooks about it, oldest first
};

class InterviewNotices;

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
};

struct RequestInfo {
  domain::User actor;
  std::string request_id;
};

class InterviewService {
 public:
  InterviewService(store::Database& db, store::InterviewRepo& interviews, store::StartupRepo& startups,
                   store::ContactRepo& contacts, store::TeamMemberRepo& team, calcom::Integration& calcom,
                   store::WebhookDeliveryRepo& deliveries, InterviewNotices& notices, const Clock& clock);

  Result<InterviewView> create_draft(const RequestInfo& who, std::int64_t startup_id, const ContactChoice& contact,
                                     std::optional<std::string> title);
  Result<InterviewView> choose_contact(const RequestInfo& who, std::int64_t id, const ContactChoice& contact);
  Result<InterviewView> assign_team(const RequestInfo& who, std::int64_t id, std::int64_t primary,
                                    const std::vector<std::int64_t>& additional);
  Result<InterviewView> choose_booking(const RequestInfo& who, std::int64_t id, const BookingChoice& choice);
  Result<InterviewView> set_guests(const RequestInfo& who, std::int64_t id, const std::vector<GuestChoice>& guests);
  Result<InterviewView> set_details(const RequestInfo& who, std::int64_t id, const Details& details);
  // Creates the Cal.com booking exactly once, however often it is called (see confirmation.cpp).
  Result<InterviewView> confirm(const RequestInfo& who, std::int64_t id);
  Result<InterviewView> cancel(const RequestInfo& who, std::int64_t id, const std::string& reason);

  Result<InterviewView> get(std::int64_t id);
  Result<std::vector<domain::TeamMember>> members(const std::vector<std::int64_t>& ids);
  // Everything about one interview on the caller's connection (webhooks read it in their
  // transaction to decide and to address the emails).
  Result<InterviewView> load_view(store::Connection& db, std::int64_t id);
  // What the emails about `interview` need, as it stands in this transaction: its startup,
  // contact and team members (no history or deliveries, which emails do not show).
  Result<InterviewView> people_view(store::Connection& db, domain::Interview interview);

 private:
  using Edit = std::function<Status(domain::Interview&, store::Connection&)>;
  // Loads a draft, applies `edit`, saves it with a history line, and returns the new view.
  Result<InterviewView> edit_draft(const RequestInfo& who, std::int64_t id, const std::string& action, const Edit& edit);
  // The members in the order of `ids` (one query), or not_found when one is missing.
  Result<std::vector<domain::TeamMember>> members_in(store::Connection& db, const std::vector<std::int64_t>& ids);
  Result<domain::Contact> resolve_contact(store::Connection& db, std::int64_t startup_id, const ContactChoice& choice);
  Result<InterviewView> book(const RequestInfo& who, std::int64_t id, bool look_up_first);

  store::Database& db_;
  store::InterviewRepo& interviews_;
  store::StartupRepo& startups_;
  store::ContactRepo& contacts_;
  store::TeamMemberRepo& team_;
  calcom::Integration& calcom_;
  store::WebhookDeliveryRepo& deliveries_;
  InterviewNotices& notices_;
  const Clock& clock_;
};

}  // namespace poblysh::scheduling
