#include "http/api/team_member_handlers.hpp"

#include "http/api/render.hpp"
#include "http/api/request_bodies.hpp"
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
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto member, team_.get(id));
  return json_response(200, render(member));
}

Result<Response> TeamMemberHandlers::create(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  domain::TeamMemberFields fields;  // active by default
  RETURN_IF_ERROR(apply_team_member_fields(body, fields));
  ASSIGN_OR_RETURN(auto saved, team_.create(std::move(fields)));
  Response response = json_response(201, render(saved));
  response.set_header("Location", "/api/v1/team-members/" + std::to_string(saved.id));
  return response;
}

Result<Response> TeamMemberHandlers::update(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto saved, team_.update(id, [&](domain::TeamMemberFields& fields) {
    return apply_team_member_fields(body, fields);
  }));
  return json_response(200, render(saved));
}

Result<Response> TeamMemberHandlers::deactivate(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto saved, team_.deactivate(id));
  return json_response(200, render(saved));
}

}  // namespace poblysh::http::api
