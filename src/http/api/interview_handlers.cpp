#include "http/api/interview_handlers.hpp"

#include "core/zone_time.hpp"
#include "http/api/render_interview.hpp"
#include "http/api/request_bodies.hpp"
#include "scheduling/markdown.hpp"

namespace poblysh::http::api {
namespace {

std::string viewer_zone(const Request& request) {
  auto zone = request.query_param("viewer_timezone");
  if (!zone) {
    if (auto header = request.header("X-Timezone")) zone = std::string(*header);
  }
  return zone && is_known_zone(*zone) ? *zone : "UTC";
}

}  // namespace

Response InterviewHandlers::view_response(const Request& request, const interviews::InterviewView& view,
                                          int status) const {
  // The HTML saved with the notes; notes saved before it was stored are rendered (and kept a while).
  const auto& stored = view.interview.prep_notes_html;
  return Response::json_text(
      status, render_json(view, stored ? *stored : notes_html_.render(view.interview.prep_notes_markdown),
                          viewer_zone(request), calcom_.sandbox()));
}

Response InterviewHandlers::view_with(const Request& request, const interviews::InterviewView& view, const char* key,
                                      json value, int status) const {
  json detail = json::parse(view_response(request, view).body);
  detail[key] = std::move(value);
  return json_response(status, detail);
}

Result<Response> InterviewHandlers::step(Request& request, const Caller& caller, const Step& run) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  json body = json::object();
  if (request.method != Method::get && !(request.method == Method::post && request.body.empty())) {
    ASSIGN_OR_RETURN(auto parsed, parse_object(request));
    body = std::move(parsed);
  }
  ASSIGN_OR_RETURN(auto view, run({caller.user(), request.request_id}, id, body));
  return view_response(request, view);
}

Result<Response> InterviewHandlers::create(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto draft, read_new_interview(body));
  ASSIGN_OR_RETURN(auto view, service_.create_draft({caller.user(), request.request_id}, draft.startup_id,
                                                    draft.contact, draft.title));
  Response response = view_response(request, view, 201);
  response.set_header("Location", "/api/v1/interviews/" + std::to_string(view.interview.id));
  return response;
}

Result<Response> InterviewHandlers::get(Request& request, const Caller& caller) {
  return step(request, caller,
              [&](const scheduling::RequestInfo&, std::int64_t id, const json&) { return views_.get(id); });
}

Result<Response> InterviewHandlers::contact(Request& request, const Caller& caller) {
  return read_then(request, caller, read_contact_choice, &scheduling::InterviewService::choose_contact);
}

Result<Response> InterviewHandlers::team(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        ASSIGN_OR_RETURN(auto team, read_team(body));
        return service_.assign_team(who, id, team.primary_team_member_id, team.additional_team_member_ids);
      });
}

Result<Response> InterviewHandlers::booking(Request& request, const Caller& caller) {
  return read_then(request, caller, read_booking_choice, &scheduling::InterviewService::choose_booking);
}

Result<Response> InterviewHandlers::guests(Request& request, const Caller& caller) {
  return read_then(request, caller, read_guest_choices, &scheduling::InterviewService::set_guests);
}

Result<Response> InterviewHandlers::details(Request& request, const Caller& caller) {
  return read_then(request, caller, read_details, &scheduling::InterviewService::set_details);
}

Result<Response> InterviewHandlers::confirm(Request& request, const Caller& caller) {
  return step(request, caller, [&](const scheduling::RequestInfo& who, std::int64_t id, const json&) {
    return service_.confirm(who, id);
  });
}

Result<Response> InterviewHandlers::cancel(Request& request, const Caller& caller) {
  return read_then(request, caller, read_cancel_reason, &scheduling::InterviewService::cancel);
}

Result<Response> InterviewHandlers::reschedule(Request& request, const Caller& caller) {
  return read_then(request, caller, read_reschedule, &scheduling::InterviewService::reschedule);
}

Result<Response> InterviewHandlers::people(Request& request, const Caller& caller) {
  return read_then(request, caller, read_people_change, &scheduling::InterviewService::change_people);
}

Result<Response> InterviewHandlers::markdown_preview(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  auto markdown = read_markdown_preview(body);
  RETURN_IF_ERROR(domain::check_prep_notes(markdown));
  ASSIGN_OR_RETURN(auto html, scheduling::render_markdown(markdown));
  return json_response(200, {{"html", html}});
}

}  // namespace poblysh::http::api
