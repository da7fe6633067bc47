// http/api: /api/v1/team-members — everyone signed in reads; admins write.
#pragma once

#include "directory/team_service.hpp"
#include "http/api/context.hpp"

namespace poblysh::http::api {

class TeamMemberHandlers {
 public:
  TeamMemberHandlers(const ApiContext& context, directory::TeamService& team) : context_(context), team_(team) {}

  Result<Response> list(Request& request, const Caller& caller);
  Result<Response> get(Request& request, const Caller& caller);
  Result<Response> create(Request& request, const Caller& caller);
  Result<Response> update(Request& request, const Caller& caller);      // PATCH: only the fields sent change
  Result<Response> deactivate(Request& request, const Caller& caller);  // no hard delete: interviews keep their people

 private:
  const ApiContext& context_;
  directory::TeamService& team_;
};

}  // namespace poblysh::http::api
