// /api/v1/interviews/:id/scheduling-link: staff send, read and revoke the link with which the
// contact picks the time.
#include "http/api/interview_handlers.hpp"
#include "http/api/link_bodies.hpp"
#include "http/api/link_handlers.hpp"

namespace poblysh::http::api {

Result<Response> InterviewHandlers::send_link(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto wanted, read_link_request(body));
  ASSIGN_OR_RETURN(auto sent, links_.send({caller.user(), request.request_id}, id, wanted));
  auto link = render_link(sent.link, clock_.now());
  link["url"] = sent.url;  // shown this once: only the token's digest is stored
  return view_with(request, sent.view, "scheduling_link", std::move(link), 201);
}

Result<Response> InterviewHandlers::scheduling_link(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto view, views_.get(id));  // not_found for an interview that does not exist
  ASSIGN_OR_RETURN(auto link, links_.latest(view.interview.id));
  if (!link) return fail(ErrorCode::not_found, "This interview has no scheduling link.");
  return json_response(200, render_link(*link, clock_.now()));
}

Result<Response> InterviewHandlers::revoke_link(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto view, links_.revoke({caller.user(), request.request_id}, id));
  return view_response(request, view);
}

}  // namespace poblysh::http::api
