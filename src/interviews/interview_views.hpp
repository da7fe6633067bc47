// interviews: reads an interview with its people, on the caller's connection or on its own.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "interviews/interview_view.hpp"
#include "store/database.hpp"
#include "store/interview_repo.hpp"
#include "store/startup_repo.hpp"
#include "store/team_member_repo.hpp"

namespace poblysh::interviews {

class InterviewViews {
 public:
  InterviewViews(store::Database& db, store::InterviewRepo& interviews, store::StartupRepo& startups,
                 store::ContactRepo& contacts, store::TeamMemberRepo& team, store::WebhookDeliveryRepo& deliveries);

  // A page of the interview list, each row with the names the list shows.
  Result<store::Page<store::InterviewRow>> list(const store::InterviewFilter& filter, const store::PageRequest& page);
  // Everything about one interview, with its history and the Cal.com events about it.
  Result<InterviewView> get(std::int64_t id);
  Result<InterviewView> load_view(store::Connection& db, std::int64_t id);
  // What the emails about `interview` need, as it stands in this transaction: its startup,
  // contact and team members (no history or deliveries, which emails do not show).
  Result<InterviewView> people_view(store::Connection& db, domain::Interview interview);

  // The members in the order of `ids` (one query), or not_found when one is missing.
  Result<std::vector<domain::TeamMember>> members(const std::vector<std::int64_t>& ids);
  Result<std::vector<domain::TeamMember>> members_in(store::Connection& db, const std::vector<std::int64_t>& ids);

 private:
  store::Database& db_;
  store::InterviewRepo& interviews_;
  store::StartupRepo& startups_;
  store::ContactRepo& contacts_;
  store::TeamMemberRepo& team_;
  store::WebhookDeliveryRepo& deliveries_;
};

// Called unqualified here and in scheduling: one message for a missing row in every area.
using store::found;

}  // namespace poblysh::interviews
