#include "interviews/interview_views.hpp"

namespace poblysh::interviews {

InterviewViews::InterviewViews(store::Database& db, store::InterviewRepo& interviews, store::StartupRepo& startups,
                               store::ContactRepo& contacts, store::TeamMemberRepo& team,
                               store::WebhookDeliveryRepo& deliveries)
    : db_(db),
      interviews_(interviews),
      startups_(startups),
      contacts_(contacts),
      team_(team),
      deliveries_(deliveries) {}

Result<std::vector<domain::TeamMember>> InterviewViews::members_in(store::Connection& db,
                                                                   const std::vector<std::int64_t>& ids) {
  ASSIGN_OR_RETURN(auto members, team_.find_many(db, ids));
  if (members.size() != ids.size()) return fail(ErrorCode::not_found, "This team member does not exist.");
  return members;
}

Result<InterviewView> InterviewViews::load_view(store::Connection& db, std::int64_t id) {
  ASSIGN_OR_RETURN(auto read, found(interviews_.find_with_people(db, id), "interview"));
  // As people_view answers, from the rows read with the interview's.
  if (!read.startup) return fail(ErrorCode::not_found, "This startup does not exist.");
  if (read.team_members.size() != read.interview.team.size()) {
    return fail(ErrorCode::not_found, "This team member does not exist.");
  }
  InterviewView view;
  view.interview = std::move(read.interview);
  view.startup = std::move(*read.startup);
  view.contact = std::move(read.contact);
  view.team_members = std::move(read.team_members);
  ASSIGN_OR_RETURN(auto history, interviews_.history(db, id));
  view.history = std::move(history);
  ASSIGN_OR_RETURN(auto deliveries, deliveries_.for_interview(db, id));
  view.deliveries = std::move(deliveries);
  return view;
}

Result<InterviewView> InterviewViews::people_view(store::Connection& db, domain::Interview interview) {
  InterviewView view;
  view.interview = std::move(interview);
  ASSIGN_OR_RETURN(auto startup, found(startups_.find(db, view.interview.startup_id), "startup"));
  view.startup = std::move(startup);
  if (view.interview.contact_id) {
    ASSIGN_OR_RETURN(auto contact, contacts_.find(db, *view.interview.contact_id));
    view.contact = std::move(contact);
  }
  std::vector<std::int64_t> ids;
  for (const auto& assignment : view.interview.team) ids.push_back(assignment.team_member_id);
  ASSIGN_OR_RETURN(auto members, members_in(db, ids));
  view.team_members = std::move(members);
  return view;
}

Result<store::Page<store::InterviewRow>> InterviewViews::list(const store::InterviewFilter& filter,
                                                              const store::PageRequest& page) {
  return store::read_with(db_, [&](store::Connection& db) { return interviews_.list(db, filter, page); });
}

Result<InterviewView> InterviewViews::get(std::int64_t id) {
  return store::read_with(db_, [&](store::Connection& db) { return load_view(db, id); });
}

Result<std::vector<domain::TeamMember>> InterviewViews::members(const std::vector<std::int64_t>& ids) {
  return store::read_with(db_, [&](store::Connection& db) { return members_in(db, ids); });
}

}  // namespace poblysh::interviews
