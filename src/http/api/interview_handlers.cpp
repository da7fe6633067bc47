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

Response InterviewHandlers::step(Request& request, const Caller& caller, const Step& run) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    json body = json::object();
    if (request.method != Method::get && !(request.method == Method::post && request.body.empty())) {
      auto parsed = parse_object(request);
      if (!parsed) return tl::unexpected(parsed.error());
      body = std::move(*parsed);
    }
    auto view = run({caller.user(), request.request_id}, *id, body);
    if (!view) return tl::unexpected(view.error());
    return view_response(request, *view);
  }());
}

Response InterviewHandlers::create(Request& request, const Caller& caller) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto draft = read_new_interview(*body);
    if (!draft) return tl::unexpected(draft.error());
    auto view =
        service_.create_draft({caller.user(), request.request_id}, draft->startup_id, draft->contact, draft->title);
    if (!view) return tl::unexpected(view.error());
    Response response = view_response(request, *view, 201);
    response.set_header("Location", "/api/v1/interviews/" + std::to_string(view->interview.id));
    return response;
  }());
}

Response InterviewHandlers::get(Request& request, const Caller& caller) {
  return step(request, caller,
              [&](const scheduling::RequestInfo&, std::int64_t id, const json&) { return views_.get(id); });
}

Response InterviewHandlers::contact(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        auto choice = read_contact_choice(body);
        if (!choice) return tl::unexpected(choice.error());
        return service_.choose_contact(who, id, *choice);
      });
}

Response InterviewHandlers::team(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        auto team = read_team(body);
        if (!team) return tl::unexpected(team.error());
        return service_.assign_team(who, id, team->primary_team_member_id, team->additional_team_member_ids);
      });
}

Response InterviewHandlers::booking(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        auto choice = read_booking_choice(body);
        if (!choice) return tl::unexpected(choice.error());
        return service_.choose_booking(who, id, *choice);
      });
}

Response InterviewHandlers::guests(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        auto choices = read_guest_choices(body);
        if (!choices) return tl::unexpected(choices.error());
        return service_.set_guests(who, id, *choices);
      });
}

Response InterviewHandlers::details(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        auto details = read_details(body);
        if (!details) return tl::unexpected(details.error());
        return service_.set_details(who, id, *details);
      });
}

Response InterviewHandlers::confirm(Request& request, const Caller& caller) {
  return step(request, caller, [&](const scheduling::RequestInfo& who, std::int64_t id, const json&) {
    return service_.confirm(who, id);
  });
}

Response InterviewHandlers::cancel(Request& request, const Caller& caller) {
  return step(
      request, caller,
      [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<interviews::InterviewView> {
        auto reason = read_cancel_reason(body);
        if (!reason) return tl::unexpected(reason.error());
        return service_.cancel(who, id, *reason);
      });
}

Response InterviewHandlers::markdown_preview(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto markdown = read_markdown_preview(*body);
    if (auto valid = domain::check_prep_notes(markdown); !valid) return tl::unexpected(valid.error());
    auto html = scheduling::render_markdown(markdown);
    if (!html) return tl::unexpected(html.error());
    return json_response(200, {{"html", *html}});
  }());
}

}  // namespace poblysh::http::api
