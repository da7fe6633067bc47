// Read-only interview endpoints: the list, team availability and booking options.
#include "http/api/interview_handlers.hpp"
#include "http/api/render_interview.hpp"
#include "http/api/request_queries.hpp"

namespace poblysh::http::api {

Result<Response> InterviewHandlers::list(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto page, read_interview_page(request));
  ASSIGN_OR_RETURN(auto filter, read_interview_filter(request, clock_.now()));
  ASSIGN_OR_RETURN(auto rows, views_.list(filter, page));
  // Written as text, not built as a json DOM and dumped: a page of 50 rows would be ~2,000
  // allocations that way. Same keys and order as page_json.
  JsonWriter out;
  out.begin_object().key("items").begin_array();
  for (const auto& row : rows.items) write_row(out, row);
  out.end_array().key("next_cursor");
  if (rows.has_more && !rows.items.empty()) {
    const auto& last = rows.items.back().interview;
    out.value(encode_cursor(std::to_string(to_unix_ms(last.start ? *last.start : last.created_at)), last.id));
  } else {
    out.value(nullptr);
  }
  out.end_object();
  return Response::json_text(200, out.take());
}

Result<scheduling::AvailabilityRequest> InterviewHandlers::availability_request(const Request& request,
                                                                                std::int64_t id) {
  ASSIGN_OR_RETURN(auto view, views_.get(id));
  ASSIGN_OR_RETURN(auto window, read_availability_window(request, clock_.now()));
  scheduling::AvailabilityRequest out;
  out.request_id = request.request_id;
  out.from = window.from;
  out.to = window.to;
  // The members asked about, or the draft's team.
  std::vector<std::int64_t> ids = std::move(window.members);
  if (ids.empty()) {
    for (const auto& assignment : view.interview.team) ids.push_back(assignment.team_member_id);
  }
  ASSIGN_OR_RETURN(out.members, views_.members(ids));
  out.event_type_id = view.interview.event_type_id;
  out.team_id = calcom_.team_id();
  for (std::size_t i = 0; i < view.team_members.size(); ++i) {
    if (view.interview.team[i].is_primary) out.primary_username = view.team_members[i].fields.calcom_username;
  }
  if (window.primary) {  // the event types another member would host (PrimaryDialog)
    ASSIGN_OR_RETURN(auto primary, views_.members({*window.primary}));
    out.primary_username = primary.front().fields.calcom_username;
    out.event_type_id.reset();
  }
  if (window.event_type_id) out.event_type_id = *window.event_type_id;
  out.duration_minutes = view.interview.duration_minutes > 0 ? view.interview.duration_minutes : 30;
  if (window.duration_minutes) out.duration_minutes = *window.duration_minutes;
  return out;
}

Result<Response> InterviewHandlers::with_availability(Request& request, const AvailabilityQuery& run) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto query, availability_request(request, id));
  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  scheduling::Availability availability(*client, probe_slug_);
  ASSIGN_OR_RETURN(auto body, run(availability, query));
  body["sandbox"] = calcom_.sandbox();
  return json_response(200, body);
}

Result<Response> InterviewHandlers::availability(Request& request, const Caller&) {
  return with_availability(
      request,
      [](scheduling::Availability& availability, const scheduling::AvailabilityRequest& query) -> Result<json> {
        ASSIGN_OR_RETURN(auto result, availability.for_team(query));
        return render(result);
      });
}

Result<Response> InterviewHandlers::booking_options(Request& request, const Caller&) {
  return with_availability(
      request,
      [](scheduling::Availability& availability, const scheduling::AvailabilityRequest& query) -> Result<json> {
        ASSIGN_OR_RETURN(auto options, availability.options(query));
        json event_types = json::array();
        for (const auto& option : options) event_types.push_back(render(option));
        return json{{"event_types", event_types}};
      });
}

}  // namespace poblysh::http::api
