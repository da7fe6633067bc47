#include "http/api/team_member_handlers.hpp"

#include "http/api/record_handlers.hpp"
#include "http/api/request_queries.hpp"

namespace poblysh::http::api {

Result<Response> TeamMemberHandlers::list(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto page, page_request(request));
  ASSIGN_OR_RETURN(auto filter, read_team_member_filter(request));
  ASSIGN_OR_RETURN(auto members, team_.list(filter, page));
  return json_response(200, page_json(
                                members, [](const auto& m) { return render(m); },
                                [](const auto& m) { return std::pair(domain::sort_key(m.fields.name), m.id); }));
}

Result<Response> TeamMemberHandlers::get(Request& request, const Caller&) {
  return answer_for_id(request, [&](std::int64_t id) { return team_.get(id); });
}

Result<Response> TeamMemberHandlers::create(Request& request, const Caller&) {
  return create_from_body<domain::TeamMemberFields>(request, "/api/v1/team-members",
                                                    [&](auto fields) { return team_.create(std::move(fields)); });
}

Result<Response> TeamMemberHandlers::update(Request& request, const Caller&) {
  return update_from_body(request, [&](std::int64_t id, const auto& patch) { return team_.update(id, patch); });
}

Result<Response> TeamMemberHandlers::deactivate(Request& request, const Caller&) {
  return answer_for_id(request, [&](std::int64_t id) { return team_.deactivate(id); });
}

}  // namespace poblysh::http::api
