// scheduling: a person's drafts — listed so that an abandoned wizard is resumed rather than
// started again, named, and discarded. Only a draft is ever deleted: a booked interview has
// people invited and a Cal.com booking, and is cancelled instead.
#include "domain/interview_title.hpp"
#include "domain/validation.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::scheduling {
using interviews::found;

Result<store::DraftList> InterviewService::drafts(const RequestInfo& who, std::optional<std::int64_t> startup_id,
                                                  int limit) {
  return store::read_with(db_, [&](store::Connection& db) -> Result<store::DraftList> {
    return interviews_.drafts_of(db, who.actor.id, startup_id, limit);
  });
}

Status InterviewService::retitle_for_contact(store::Connection& db, domain::Interview& interview,
                                             const domain::Contact& chosen) {
  if (interview.contact_id == chosen.id) return {};
  ASSIGN_OR_RETURN(auto startup, found(startups_.find(db, interview.startup_id), "startup"));
  std::string old_contact;
  if (interview.contact_id) {
    ASSIGN_OR_RETURN(auto contact, contacts_.find(db, *interview.contact_id));
    if (contact) old_contact = contact->fields.name;
  }
  // A title the person chose stays; one they never touched names the contact it is now with.
  if (interview.title == domain::default_title(startup.fields.name, old_contact) ||
      interview.title == domain::default_title(startup.fields.name, "")) {
    interview.title = domain::default_title(startup.fields.name, chosen.fields.name);
  }
  return {};
}

Result<interviews::InterviewView> InterviewService::rename_draft(const RequestInfo& who, std::int64_t id,
                                                                 const std::string& title) {
  if (const auto problem = domain::title_problem(title); !problem.empty()) return invalid_field("title", problem);
  return edit_draft(who, id, "title_changed", [&](domain::Interview& interview, store::Connection& db) -> Status {
    auto wanted = domain::trimmed(title);
    if (wanted.empty()) {
      // Emptied: back to the name it would have had.
      ASSIGN_OR_RETURN(auto startup, found(startups_.find(db, interview.startup_id), "startup"));
      std::string contact_name;
      if (interview.contact_id) {
        ASSIGN_OR_RETURN(auto contact, contacts_.find(db, *interview.contact_id));
        if (contact) contact_name = contact->fields.name;
      }
      wanted = domain::default_title(startup.fields.name, contact_name);
    }
    interview.title = std::move(wanted);
    return {};
  });
}

Status InterviewService::discard_draft(const RequestInfo& who, std::int64_t id) {
  return store::transact(db_, [&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto interview, found(interviews_.find(db, id), "interview"));
    if (interview.status != domain::InterviewStatus::draft) {
      return fail(ErrorCode::conflict, std::string("This interview is ") + domain::status_name(interview.status) +
                                           ", not a draft: only a draft can be discarded. Cancel it instead.");
    }
    // Cal.com may hold a booking made for it whose answer was lost, and its webhooks name this
    // id: deleting it would leave people invited to a meeting nobody here can see. Sending again
    // looks that booking up first.
    if (interview.booking_attempted_at ||
        (interview.confirm_lock_until && *interview.confirm_lock_until > clock_.now())) {
      return fail(ErrorCode::conflict,
                  "Cal.com was asked to book this draft and may hold that booking, so the draft is kept: open "
                  "it and send the invitation again, which finds the booking if Cal.com made it.");
    }
    const bool own = interview.created_by && *interview.created_by == who.actor.id;
    if (!own && who.actor.role != domain::Role::admin) {
      return fail(ErrorCode::forbidden, "Only the person who started this draft, or an admin, can discard it.");
    }
    ASSIGN_OR_RETURN(auto deleted, interviews_.delete_draft(db, id));
    if (!deleted) return fail(ErrorCode::conflict, "This draft changed meanwhile; reload and try again.");
    log_->info("interview {} discarded by user {}", id, who.actor.id);
    return Status{};
  });
}

}  // namespace poblysh::scheduling
