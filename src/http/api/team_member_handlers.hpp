// http/api: /api/v1/team-members — everyone signed in reads; admins write.
#pragma once

#include "core/clock.hpp"
#include "http/api/context.hpp"
#include "store/team_member_repo.hpp"

namespace poblysh::http::api {

class TeamMemberHandlers {
 public:
  TeamMemberHandlers(const ApiContext& context, store::Database& db, store::TeamMemberRepo& repo, const Clock& clock)
      : context_(context), db_(db), repo_(repo), clock_(clock) {}

  Response list(Request& request, const Caller& caller);
  Response get(Request& request, const Caller& caller);
  Response create(Request& request, const Caller& caller);
  Response update(Request& request, const Caller& caller);      // PATCH: only the fields sent change
  Response deactivate(Request& request, const Caller& caller);  // no hard delete: interviews keep their people

 private:
  Result<domain::TeamMember> insert(domain::TeamMemberFields fields);
  Result<Response> patch(const Request& request, const json& body);
  const ApiContext& context_;
  store::Database& db_;
  store::TeamMemberRepo& repo_;
  const Clock& clock_;
};

}  // namespace poblysh::http::api
