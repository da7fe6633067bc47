#include "http/api/startup_handlers.hpp"

#include "http/api/record_handlers.hpp"
#include "http/api/render_interview.hpp"

namespace poblysh::http::api {
namespace {

auto by_name = [](const auto& item) { return std::pair(domain::sort_key(item.fields.name), item.id); };

// The startup's page: the startup's own fields, then its contacts and interviews.
json render_record(const directory::StartupRecord& record) {
  json body = render(record.startup);
  body["contacts"] = json::array();
  for (const auto& contact : record.contacts) body["contacts"].push_back(render(contact));
  body["interviews"] = json::array();
  for (const auto& row : record.interviews) body["interviews"].push_back(render_row(row));
  return body;
}

// A search result names the contact's startup.
json render_match(const store::ContactMatch& match) {
  auto out = render(match.contact);
  out["startup_name"] = match.startup_name;
  return out;
}

}  // namespace

Result<Response> StartupHandlers::search(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto page, page_request(request));
  ASSIGN_OR_RETURN(auto text, search_text(request));
  ASSIGN_OR_RETURN(auto found, startups_.search(text, page));
  return json_response(200, page_json(
                                found, [](const auto& s) { return render(s); }, by_name));
}

Result<Response> StartupHandlers::get(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto record, startups_.record(id));
  return json_response(200, render_record(record));
}

Result<Response> StartupHandlers::create(Request& request, const Caller&) {
  return create_from_body<domain::StartupFields>(request, "/api/v1/startups",
                                                 [&](auto fields) { return startups_.create(std::move(fields)); });
}

Result<Response> StartupHandlers::update(Request& request, const Caller&) {
  return update_from_body(request, [&](std::int64_t id, const auto& patch) { return startups_.update(id, patch); });
}

Result<Response> StartupHandlers::list_contacts(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto id, path_id(request));
  ASSIGN_OR_RETURN(auto page, page_request(request));
  ASSIGN_OR_RETURN(auto found, contacts_.list_for_startup(id, page));
  return json_response(200, page_json(
                                found, [](const auto& c) { return render(c); }, by_name));
}

Result<Response> StartupHandlers::create_contact(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto startup_id, path_id(request));
  return create_from_body<domain::ContactFields>(
      request, "/api/v1/contacts", [&](auto fields) { return contacts_.create(startup_id, std::move(fields)); });
}

Result<Response> StartupHandlers::get_contact(Request& request, const Caller&) {
  return answer_for_id(request, [&](std::int64_t id) { return contacts_.get(id); });
}

Result<Response> StartupHandlers::update_contact(Request& request, const Caller&) {
  return update_from_body(request, [&](std::int64_t id, const auto& patch) { return contacts_.update(id, patch); });
}

Result<Response> StartupHandlers::search_contacts(Request& request, const Caller&) {
  ASSIGN_OR_RETURN(auto page, page_request(request));
  ASSIGN_OR_RETURN(auto text, search_text(request));
  ASSIGN_OR_RETURN(auto found, contacts_.search(text, page));
  return json_response(200, page_json(
                                found, [](const store::ContactMatch& match) { return render_match(match); },
                                [](const store::ContactMatch& match) {
                                  return std::pair(domain::sort_key(match.contact.fields.name), match.contact.id);
                                }));
}

}  // namespace poblysh::http::api
