#include "http/api/team_member_handlers.hpp"

#include "http/api/render.hpp"
#include "http/api/request_bodies.hpp"
#include "http/api/request_queries.hpp"

namespace poblysh::http::api {
namespace {

Result<domain::TeamMember> found_or_404(Result<std::optional<domain::TeamMember>> found) {
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, "This team member does not exist.");
  return **found;
}

}  // namespace

Response TeamMemberHandlers::list(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto page = page_request(request);
    if (!page) return tl::unexpected(page.error());
    auto filter = read_team_member_filter(request);
    if (!filter) return tl::unexpected(filter.error());
    auto members =
        store::read_with(db_, [&](store::Connection& connection) { return repo_.list(connection, *filter, *page); });
    if (!members) return tl::unexpected(members.error());
    return json_response(200, page_json(
                                  *members, [](const auto& m) { return render(m); },
                                  [](const auto& m) { return std::pair(domain::sort_key(m.fields.name), m.id); }));
  }());
}

Response TeamMemberHandlers::get(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto member =
        store::read_with(db_, [&](store::Connection& connection) { return found_or_404(repo_.find(connection, *id)); });
    if (!member) return tl::unexpected(member.error());
    return json_response(200, render(*member));
  }());
}

Response TeamMemberHandlers::create(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    domain::TeamMemberFields fields;  // active by default
    if (auto applied = apply_team_member_fields(*body, fields); !applied) return tl::unexpected(applied.error());
    auto saved = insert(std::move(fields));
    if (!saved) return tl::unexpected(saved.error());
    Response response = json_response(201, render(*saved));
    response.set_header("Location", "/api/v1/team-members/" + std::to_string(saved->id));
    return response;
  }());
}

Response TeamMemberHandlers::update(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    return patch(request, *body);
  }());
}

Response TeamMemberHandlers::deactivate(Request& request, const Caller&) {
  return context_.respond(request, patch(request, json{{"active", false}}));
}

Result<Response> TeamMemberHandlers::patch(const Request& request, const json& body) {
  auto id = path_id(request);
  if (!id) return tl::unexpected(id.error());
  auto saved = store::transact(db_, [&](store::Connection& connection) -> Result<domain::TeamMember> {
    auto current = found_or_404(repo_.find(connection, *id));
    if (!current) return tl::unexpected(current.error());
    auto fields = current->fields;
    if (auto applied = apply_team_member_fields(body, fields); !applied) return tl::unexpected(applied.error());
    auto valid = domain::validated(std::move(fields));
    if (!valid) return tl::unexpected(valid.error());
    return repo_.update(connection, *id, *valid, clock_.now());
  });
  if (!saved) return tl::unexpected(saved.error());
  return json_response(200, render(*saved));
}

Result<domain::TeamMember> TeamMemberHandlers::insert(domain::TeamMemberFields fields) {
  auto valid = domain::validated(std::move(fields));
  if (!valid) return tl::unexpected(valid.error());
  auto saved = store::transact(db_, [&](store::Connection& connection) -> Result<domain::TeamMember> {
    return repo_.insert(connection, *valid, clock_.now());
  });
  if (!saved) return tl::unexpected(saved.error());
  return saved;
}

}  // namespace poblysh::http::api
