// interviews: everything a page or an email about one interview shows, read in one place for
// the booking workflow (scheduling) and Cal.com's events (webhooks) alike.
#pragma once

#include <optional>
#include <vector>

#include "domain/interview.hpp"
#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "store/webhook_delivery_repo.hpp"

namespace poblysh::interviews {

struct InterviewView {
  domain::Interview interview;
  domain::Startup startup;
  std::optional<domain::Contact> contact;
  std::vector<domain::TeamMember> team_members;  // in the order of interview.team (primary first)
  std::vector<domain::HistoryEntry> history;
  std::vector<store::DeliverySummary> deliveries;  // Cal.com webhooks about it, oldest first
};

}  // namespace poblysh::interviews
