// POST /api/v1/interviews/:id/primary: the interview's detail, and what is left to do by hand.
#include "http/api/interview_handlers.hpp"
#include "http/api/request_bodies.hpp"

namespace poblysh::http::api {

Result<Response> InterviewHandlers::primary(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto choice, read_primary_change(body));
  ASSIGN_OR_RETURN(auto changed, service_.change_primary({caller.user(), request.request_id}, id, choice));
  // The detail every interview write answers, with one member more: when Cal.com kept the old
  // booking, the user must hear that it is theirs to cancel.
  json detail = json::parse(view_response(request, changed.view).body);
  detail["old_booking_problem"] =
      changed.old_booking_problem.empty() ? json(nullptr) : json(changed.old_booking_problem);
  return json_response(200, detail);
}

}  // namespace poblysh::http::api
