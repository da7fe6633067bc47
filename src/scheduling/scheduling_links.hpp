// scheduling: the startup's contact picks the interview's time through a personal link — staff
// send and revoke it; the contact opens it, sees the team's common free times, books one (the
// same booking, exactly once, as staff's confirm), and later moves or cancels it within the rules.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/scheduling_link.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/interview_service.hpp"
#include "store/scheduling_link_repo.hpp"

namespace poblysh::scheduling {

// What a link's page shows: the link, its state, and the interview it is about (the renderer
// picks the public facts).
struct LinkPage {
  domain::SchedulingLink link;
  domain::LinkState state = domain::LinkState::active;
  interviews::InterviewView view;
  // Until when the contact may still move or cancel (booked, with a start).
  std::optional<SystemTime> changes_until;
};

struct LinkSent {
  interviews::InterviewView view;
  domain::SchedulingLink link;
  std::string url;  // shown once to the staff member who sent it; only its digest is stored
};

struct PickChoice {
  SystemTime start;
  std::string note;                    // optional, for the team
  std::optional<domain::Guest> guest;  // optional: name and email
};

struct LinkTokens {
  std::function<std::string()> make;                    // ≥ 128 random bits, URL-safe
  std::function<std::string(std::string_view)> digest;  // what the table stores
};

class SchedulingLinks {
 public:
  SchedulingLinks(store::Database& db, store::InterviewRepo& interviews, interviews::InterviewViews& views,
                  store::SchedulingLinkRepo& links, InterviewService& service, calcom::Integration& calcom,
                  interviews::InterviewNotices& notices, LinkTokens tokens, std::string probe_slug, const Clock& clock);

  // Staff: a draft with its contact, team and length chosen becomes awaiting_contact, and the
  // contact (and the guests, when the rules say so) get the link by email. Sending again
  // replaces the earlier link.
  Result<LinkSent> send(const RequestInfo& who, std::int64_t id, const domain::SchedulingLinkRequest& request);
  // Staff: the link stops serving; an interview still waiting for the contact is a draft again.
  Result<interviews::InterviewView> revoke(const RequestInfo& who, std::int64_t id);
  Result<std::optional<domain::SchedulingLink>> latest(std::int64_t id);

  // The contact. A token no link has is not_found; every answer names nothing but that link's interview.
  Result<LinkPage> open(std::string_view token);
  // The times the contact may pick between `from` and `to` (clipped to the rules).
  Result<std::vector<TimeRange>> free_times(std::string_view token, SystemTime from, SystemTime to,
                                            const std::string& request_id);
  Result<LinkPage> pick(std::string_view token, const PickChoice& choice, const std::string& request_id);
  Result<LinkPage> reschedule(std::string_view token, SystemTime start, const std::string& reason,
                              const std::string& request_id);
  Result<LinkPage> cancel(std::string_view token, const std::string& reason, const std::string& request_id);

 private:
  Result<LinkPage> page(std::string_view token);
  // The common free times of the interview's team, as the wizard's step 3 shows them.
  Result<std::vector<TimeRange>> team_free(const interviews::InterviewView& view, SystemTime from, SystemTime to,
                                           const std::string& request_id);
  // Whether `start` is still free for the whole team (Cal.com is asked again, not a cache).
  Result<bool> still_free(const interviews::InterviewView& view, SystemTime start, const std::string& request_id);
  static RequestInfo as_contact(const LinkPage& page, const std::string& request_id);
  // Takes back a choice whose booking Cal.com refused (its time, the guest it added).
  Status forget_choice(std::int64_t id, const PickChoice& choice);

  store::Database& db_;
  store::InterviewRepo& interviews_;
  interviews::InterviewViews& views_;
  store::SchedulingLinkRepo& links_;
  InterviewService& service_;
  calcom::Integration& calcom_;
  interviews::InterviewNotices& notices_;
  LinkTokens tokens_;
  std::string probe_slug_;
  const Clock& clock_;
};

}  // namespace poblysh::scheduling
