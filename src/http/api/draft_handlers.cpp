// http/api: the caller's drafts (GET /drafts), a draft's title (PUT /interviews/:id/title) and
// discarding a draft (DELETE /interviews/:id); the rules are the service's (scheduling/drafts.cpp).
#include "core/time.hpp"
#include "http/api/interview_handlers.hpp"
#include "http/api/request_bodies.hpp"
#include "http/api/request_queries.hpp"

namespace poblysh::http::api {

Result<Response> InterviewHandlers::drafts(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto asked, read_drafts_query(request));
  ASSIGN_OR_RETURN(auto list, service_.drafts({caller.user(), request.request_id}, asked.startup_id, asked.limit));
  json items = json::array();
  for (const auto& draft : list.items) {
    items.push_back(
        {{"id", draft.id},
         {"title", draft.title},
         {"status", "draft"},
         {"startup", {{"id", draft.startup_id}, {"name", draft.startup_name}}},
         {"contact", draft.contact_id ? json{{"id", *draft.contact_id}, {"name", draft.contact_name}} : json(nullptr)},
         {"created_at", format_iso8601_utc(draft.created_at)},
         {"updated_at", format_iso8601_utc(draft.updated_at)}});
  }
  return json_response(200, {{"items", std::move(items)}, {"total", list.total}});
}

Result<Response> InterviewHandlers::title(Request& request, const Caller& caller) {
  return read_then(request, caller, read_draft_title, &scheduling::InterviewService::rename_draft);
}

Result<Response> InterviewHandlers::discard(Request& request, const Caller& caller) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  RETURN_IF_ERROR(service_.discard_draft({caller.user(), request.request_id}, id));
  return Response::no_content();
}

}  // namespace poblysh::http::api
