// http/api: the handler shapes a team member's, startup's and contact's routes share: read the
// body's fields (request_bodies.hpp), save through a directory service, render (render.hpp).
#pragma once

#include <string>
#include <utility>

#include "http/api/render.hpp"
#include "http/api/request_bodies.hpp"

namespace poblysh::http::api {

// POST: fresh fields from the body, created by `create(fields)`, answered 201 at
// `collection`/<id>.
template <typename Fields, typename Create>
Result<Response> create_from_body(Request& request, const std::string& collection, Create&& create) {
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  Fields fields;
  RETURN_IF_ERROR(apply_fields(body, fields));
  ASSIGN_OR_RETURN(auto saved, create(std::move(fields)));
  return created_response(render(saved), collection + "/" + std::to_string(saved.id));
}

// PATCH: `update(id, patch)` applies the body's fields to the record at the path's id.
template <typename Update>
Result<Response> update_from_body(Request& request, Update&& update) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto body, parse_object(request));
  const auto patch = [&](auto& fields) { return apply_fields(body, fields); };
  ASSIGN_OR_RETURN(auto saved, update(id, patch));
  return json_response(200, render(saved));
}

// GET or a POST without a body: `act(id)` on the record at the path's id, rendered.
template <typename Act>
Result<Response> answer_for_id(Request& request, Act&& act) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto result, act(id));
  return json_response(200, render(result));
}

}  // namespace poblysh::http::api
