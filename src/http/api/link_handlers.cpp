#include "http/api/link_handlers.hpp"

#include "core/time.hpp"
#include "http/api/link_bodies.hpp"
#include "http/api/render_interview.hpp"
#include "http/api/request_queries.hpp"

namespace poblysh::http::api {
namespace {

json time_or_null(const std::optional<SystemTime>& time) {
  return time ? json(format_iso8601_utc(*time)) : json(nullptr);
}

std::string token_of(const Request& request) {
  const auto found = request.path_params.find("token");
  return found == request.path_params.end() ? std::string() : found->second;
}

// The interview as its contact may see it: no notes, questions, history, emails of the team,
// other people's addresses or internal ids.
json public_interview(const interviews::InterviewView& view) {
  const auto& interview = view.interview;
  json team = json::array();
  for (std::size_t i = 0; i < view.team_members.size() && i < interview.team.size(); ++i) {
    team.push_back({{"name", view.team_members[i].fields.name},
                    {"role", view.team_members[i].fields.role},
                    {"primary", interview.team[i].is_primary}});
  }
  json place{{"kind", domain::place_kind_name(interview.place.kind)}};
  if (interview.place.kind == domain::PlaceKind::video) {
    place["provider"] = interview.meeting_provider.empty() ? json(nullptr) : json(interview.meeting_provider);
  } else {
    place["detail"] = interview.place.detail;
  }
  json out{{"title", interview.title},
           {"organization", "Poblysh"},
           {"startup", view.startup.fields.name},
           {"contact_name", view.contact ? json(view.contact->fields.name) : json(nullptr)},
           {"team", team},
           {"duration_minutes", interview.duration_minutes > 0 ? interview.duration_minutes : 30},
           {"meeting_time_zone", interview.timezone},
           {"place", place},
           {"status", domain::status_name(interview.status)},
           {"start_time", time_or_null(interview.start)},
           {"end_time", time_or_null(interview.end)}};
  const bool booked =
      interview.status == domain::InterviewStatus::confirmed || interview.status == domain::InterviewStatus::scheduled;
  out["meeting_url"] = booked && !interview.meeting_url.empty() ? json(interview.meeting_url) : json(nullptr);
  return out;
}

}  // namespace

json render_link(const domain::SchedulingLink& link, SystemTime now) {
  json shortlist = json::array();
  for (SystemTime slot : link.rules.shortlist) shortlist.push_back(format_iso8601_utc(slot));
  return {{"state", domain::link_state_name(link.state(now))},
          {"window_start", format_iso8601_utc(domain::earliest_pick(link.rules, std::max(now, link.created_at)))},
          {"window_end", format_iso8601_utc(link.rules.window_end)},
          {"min_notice_hours", link.rules.min_notice.count() / 60},
          {"change_notice_hours", link.rules.change_notice.count() / 60},
          {"invite_guests", link.rules.invite_guests},
          {"shortlist", shortlist},
          {"sent_at", format_iso8601_utc(link.created_at)},
          {"expires_at", format_iso8601_utc(link.expires_at)},
          {"opened_at", time_or_null(link.opened_at)},
          {"booked_at", time_or_null(link.booked_at)},
          {"revoked_at", time_or_null(link.revoked_at)}};
}

json render_link_page(const scheduling::LinkPage& page, SystemTime now) {
  json out = render_link(page.link, now);
  out["state"] = domain::link_state_name(page.state);  // as the page found it (a cancelled interview's link is revoked)
  // Staff's own bookkeeping is not the contact's business.
  for (const char* internal : {"sent_at", "opened_at", "booked_at", "revoked_at", "invite_guests"}) {
    out.erase(internal);
  }
  out["interview"] = public_interview(page.view);
  out["changes_until"] = time_or_null(page.changes_until);
  out["can_change"] = page.changes_until && *page.changes_until > now;
  return out;
}

Result<Response> LinkHandlers::get(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto page, links_.open(token_of(request)));
  return json_response(200, render_link_page(page, clock_.now()));
}

Result<Response> LinkHandlers::times(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto window, read_availability_window(request, clock_.now()));
  ASSIGN_OR_RETURN(auto free, links_.free_times(token_of(request), window.from, window.to, request.request_id));
  return json_response(200, {{"slots", render_ranges(free)}});
}

Result<Response> LinkHandlers::book(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto choice, read_pick(body));
  ASSIGN_OR_RETURN(auto page, links_.pick(token_of(request), choice, request.request_id));
  return json_response(200, render_link_page(page, clock_.now()));
}

Result<Response> LinkHandlers::reschedule(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto change, read_contact_change(body, true));
  ASSIGN_OR_RETURN(auto page, links_.reschedule(token_of(request), *change.start, change.reason, request.request_id));
  return json_response(200, render_link_page(page, clock_.now()));
}

Result<Response> LinkHandlers::cancel(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto change, read_contact_change(body, false));
  ASSIGN_OR_RETURN(auto page, links_.cancel(token_of(request), change.reason, request.request_id));
  return json_response(200, render_link_page(page, clock_.now()));
}

}  // namespace poblysh::http::api
