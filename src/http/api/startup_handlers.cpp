#include "http/api/startup_handlers.hpp"

#include "http/api/render.hpp"
#include "http/api/render_interview.hpp"
#include "http/api/request_bodies.hpp"

namespace poblysh::http::api {
namespace {

template <class T>
Result<T> found_or_404(Result<std::optional<T>> found, const char* what) {
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail(ErrorCode::not_found, std::string("This ") + what + " does not exist.");
  return **found;
}

auto by_name = [](const auto& item) { return std::pair(domain::sort_key(item.fields.name), item.id); };

}  // namespace

Response StartupHandlers::search(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto page = page_request(request);
    if (!page) return tl::unexpected(page.error());
    auto text = search_text(request);
    if (!text) return tl::unexpected(text.error());
    auto found = store::read_with(db_, [&](store::Connection& connection) { return startups_.search(connection, *text, *page); });
    if (!found) return tl::unexpected(found.error());
    return json_response(200, page_json(*found, [](const auto& s) { return render(s); }, by_name));
  }());
}

Response StartupHandlers::get(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    json body;
    auto read = db_.read([&](store::Connection& connection) -> Status {
      auto startup = found_or_404(startups_.find(connection, *id), "startup");
      if (!startup) return tl::unexpected(startup.error());
      auto contacts = contacts_.list_for_startup(connection, *id, store::PageRequest{200, {}, {}});
      if (!contacts) return tl::unexpected(contacts.error());
      body = render(*startup);
      body["contacts"] = json::array();
      for (const auto& contact : contacts->items) body["contacts"].push_back(render(contact));
      store::InterviewFilter filter;
      filter.startup_id = *id;
      auto interviews = interviews_.list(connection, filter, store::PageRequest{100, {}, {}});
      if (!interviews) return tl::unexpected(interviews.error());
      body["interviews"] = json::array();
      for (const auto& row : interviews->items) body["interviews"].push_back(render_row(row));
      return {};
    });
    if (!read) return tl::unexpected(read.error());
    return json_response(200, body);
  }());
}

Response StartupHandlers::create(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    domain::StartupFields fields;
    if (auto applied = apply_startup_fields(*body, fields); !applied) return tl::unexpected(applied.error());
    auto valid = domain::validated(std::move(fields));
    if (!valid) return tl::unexpected(valid.error());
    auto saved = store::transact(db_, [&](store::Connection& connection) -> Result<domain::Startup> {
      return startups_.insert(connection, *valid, clock_.now());
    });
    if (!saved) return tl::unexpected(saved.error());
    Response response = json_response(201, render(*saved));
    response.set_header("Location", "/api/v1/startups/" + std::to_string(saved->id));
    return response;
  }());
}

Response StartupHandlers::update(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto saved = store::transact(db_, [&](store::Connection& connection) -> Result<domain::Startup> {
      auto current = found_or_404(startups_.find(connection, *id), "startup");
      if (!current) return tl::unexpected(current.error());
      auto fields = current->fields;
      if (auto applied = apply_startup_fields(*body, fields); !applied) return tl::unexpected(applied.error());
      auto valid = domain::validated(std::move(fields));
      if (!valid) return tl::unexpected(valid.error());
      return startups_.update(connection, *id, *valid, clock_.now());
    });
    if (!saved) return tl::unexpected(saved.error());
    return json_response(200, render(*saved));
  }());
}

Response StartupHandlers::list_contacts(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto page = page_request(request);
    if (!page) return tl::unexpected(page.error());
    auto found = store::read_with(db_, [&](store::Connection& connection) -> Result<store::Page<domain::Contact>> {
      auto startup = found_or_404(startups_.find(connection, *id), "startup");
      if (!startup) return tl::unexpected(startup.error());
      return contacts_.list_for_startup(connection, *id, *page);
    });
    if (!found) return tl::unexpected(found.error());
    return json_response(200, page_json(*found, [](const auto& c) { return render(c); }, by_name));
  }());
}

Response StartupHandlers::create_contact(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    domain::ContactFields fields;
    if (auto applied = apply_contact_fields(*body, fields); !applied) return tl::unexpected(applied.error());
    auto saved = store::transact(db_, [&](store::Connection& connection) -> Result<domain::Contact> {
      auto startup = found_or_404(startups_.find(connection, *id), "startup");
      if (!startup) return tl::unexpected(startup.error());
      auto valid = domain::validated(std::move(fields), startup->fields.name);
      if (!valid) return tl::unexpected(valid.error());
      return contacts_.insert(connection, *id, *valid, clock_.now());
    });
    if (!saved) return tl::unexpected(saved.error());
    Response response = json_response(201, render(*saved));
    response.set_header("Location", "/api/v1/contacts/" + std::to_string(saved->id));
    return response;
  }());
}

Response StartupHandlers::get_contact(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto contact = store::read_with(db_, [&](store::Connection& connection) { return found_or_404(contacts_.find(connection, *id), "contact"); });
    if (!contact) return tl::unexpected(contact.error());
    return json_response(200, render(*contact));
  }());
}

Response StartupHandlers::update_contact(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    auto saved = store::transact(db_, [&](store::Connection& connection) -> Result<domain::Contact> {
      auto current = found_or_404(contacts_.find(connection, *id), "contact");
      if (!current) return tl::unexpected(current.error());
      auto startup = found_or_404(startups_.find(connection, current->startup_id), "startup");
      if (!startup) return tl::unexpected(startup.error());
      auto fields = current->fields;
      if (auto applied = apply_contact_fields(*body, fields); !applied) return tl::unexpected(applied.error());
      auto valid = domain::validated(std::move(fields), startup->fields.name);
      if (!valid) return tl::unexpected(valid.error());
      return contacts_.update(connection, *id, *valid, clock_.now());
    });
    if (!saved) return tl::unexpected(saved.error());
    return json_response(200, render(*saved));
  }());
}

Response StartupHandlers::search_contacts(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto page = page_request(request);
    if (!page) return tl::unexpected(page.error());
    auto text = search_text(request);
    if (!text) return tl::unexpected(text.error());
    auto found = store::read_with(db_, [&](store::Connection& connection) { return contacts_.search(connection, *text, *page); });
    if (!found) return tl::unexpected(found.error());
    return json_response(200, page_json(
                                  *found,
                                  [](const store::ContactMatch& match) {
                                    auto out = render(match.contact);
                                    out["startup_name"] = match.startup_name;
                                    return out;
                                  },
                                  [](const store::ContactMatch& match) {
                                    return std::pair(domain::sort_key(match.contact.fields.name), match.contact.id);
                                  }));
  }());
}

}  // namespace poblysh::http::api
