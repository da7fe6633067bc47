// POST /api/v1/interviews/:id/outcome: the interview's detail, and whether Cal.com was told.
#include "http/api/interview_handlers.hpp"
#include "http/api/request_bodies.hpp"

namespace poblysh::http::api {

Result<Response> InterviewHandlers::outcome(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto choice, read_outcome(body));
  ASSIGN_OR_RETURN(auto recorded, service_.record_outcome({caller.user(), request.request_id}, id, choice));
  // The detail every interview write answers, with one member more: a success whose mirror at
  // Cal.com failed must say so, or the user would believe Cal.com's reports.
  return view_with(request, recorded.view, "calcom_mark_absent",
                   {{"status", scheduling::calcom_mirror_name(recorded.calcom)},
                    {"message", recorded.calcom_problem.empty() ? json(nullptr) : json(recorded.calcom_problem)}});
}

}  // namespace poblysh::http::api
