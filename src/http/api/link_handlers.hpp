// http/api: /api/v1/links/:token — the public pages of a scheduling link, for a startup's
// contact without an account: what the interview is, the team's free times, and picking,
// moving or cancelling the time. Every answer holds that interview's public facts only.
#pragma once

#include "http/api/context.hpp"
#include "scheduling/scheduling_links.hpp"

namespace poblysh::http::api {

class LinkHandlers {
 public:
  LinkHandlers(const ApiContext& context, scheduling::SchedulingLinks& links, const Clock& clock)
      : context_(context), links_(links), clock_(clock) {}

  Result<Response> get(Request& request, const Caller& caller);
  Result<Response> times(Request& request, const Caller& caller);
  Result<Response> book(Request& request, const Caller& caller);
  Result<Response> reschedule(Request& request, const Caller& caller);
  Result<Response> cancel(Request& request, const Caller& caller);

 private:
  const ApiContext& context_;
  scheduling::SchedulingLinks& links_;
  const Clock& clock_;
};

// What staff and the contact see of a link (its state, rules and times), without its token.
json render_link(const domain::SchedulingLink& link, SystemTime now);
// The contact's page: the link and the interview's public facts.
json render_link_page(const scheduling::LinkPage& page, SystemTime now);

}  // namespace poblysh::http::api
