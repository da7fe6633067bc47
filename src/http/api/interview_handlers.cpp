#include "http/api/interview_handlers.hpp"

#include "http/api/render_interview.hpp"
#include "http/api/startup_handlers.hpp"
#include "scheduling/markdown.hpp"
#include "scheduling/time_zones.hpp"

namespace poblysh::http::api {
namespace {

Result<scheduling::ContactChoice> contact_choice(const json& body) {
  FieldReader reader(body);
  scheduling::ContactChoice choice;
  choice.contact_id = reader.integer("contact_id");
  if (auto it = body.find("contact"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return invalid_field("contact", "must be an object with name and email");
    domain::ContactFields fields;
    if (auto applied = apply_contact_fields(*it, fields); !applied) return tl::unexpected(applied.error());
    choice.new_contact = fields;
  }
  if (auto valid = reader.result(); !valid) return tl::unexpected(valid.error());
  if (!choice.contact_id && !choice.new_contact) return invalid_field("contact_id", "choose a contact or add a new one");
  return choice;
}

std::string viewer_zone(const Request& request) {
  auto zone = request.query_param("viewer_timezone");
  if (!zone) {
    if (auto header = request.header("X-Timezone")) zone = std::string(*header);
  }
  return zone && scheduling::is_valid_time_zone(*zone) ? *zone : "UTC";
}

}  // namespace

Response InterviewHandlers::view_response(const Request& request, const scheduling::InterviewView& view,
                                          int status) const {
  return json_response(status, render(view, viewer_zone(request), calcom_.sandbox()));
}

Response InterviewHandlers::step(Request& request, const Step& run) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto principal = context_.signed_in(request);
    if (!principal) return tl::unexpected(principal.error());
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    json body = json::object();
    if (request.method != Method::get && !(request.method == Method::post && request.body.empty())) {
      auto parsed = parse_object(request);
      if (!parsed) return tl::unexpected(parsed.error());
      body = std::move(*parsed);
    }
    auto view = run({principal->user, request.request_id}, *id, body);
    if (!view) return tl::unexpected(view.error());
    return view_response(request, *view);
  }());
}

Response InterviewHandlers::create(Request& request) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto principal = context_.signed_in(request);
    if (!principal) return tl::unexpected(principal.error());
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    FieldReader reader(*body);
    auto startup_id = reader.integer("startup_id");
    auto title = reader.text("title");
    if (!startup_id) reader.missing("startup_id");
    if (auto valid = reader.result(); !valid) return tl::unexpected(valid.error());
    auto choice = contact_choice(*body);
    if (!choice) return tl::unexpected(choice.error());
    auto view = service_.create_draft({principal->user, request.request_id}, *startup_id, *choice, title);
    if (!view) return tl::unexpected(view.error());
    Response response = view_response(request, *view, 201);
    response.set_header("Location", "/api/v1/interviews/" + std::to_string(view->interview.id));
    return response;
  }());
}

Response InterviewHandlers::get(Request& request) {
  return step(request, [&](const scheduling::RequestInfo&, std::int64_t id, const json&) { return service_.get(id); });
}

Response InterviewHandlers::contact(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<scheduling::InterviewView> {
    auto choice = contact_choice(body);
    if (!choice) return tl::unexpected(choice.error());
    return service_.choose_contact(who, id, *choice);
  });
}

Response InterviewHandlers::team(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<scheduling::InterviewView> {
    FieldReader reader(body);
    auto primary = reader.integer("primary_team_member_id");
    std::vector<std::int64_t> additional;
    if (auto it = body.find("additional_team_member_ids"); it != body.end() && !it->is_null()) {
      if (!it->is_array()) reader.errors().add("additional_team_member_ids", "must be a list of team member ids");
      else
        for (const auto& value : *it) {
          if (value.is_number_integer()) additional.push_back(value.get<std::int64_t>());
          else reader.errors().add("additional_team_member_ids", "must be a list of team member ids");
        }
    }
    if (auto valid = reader.result(); !valid) return tl::unexpected(valid.error());
    return service_.assign_team(who, id, primary.value_or(0), additional);
  });
}

Response InterviewHandlers::booking(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<scheduling::InterviewView> {
    FieldReader reader(body);
    scheduling::BookingChoice choice;
    auto event_type = reader.integer("event_type_id");
    if (!event_type) reader.missing("event_type_id");
    choice.event_type_id = event_type.value_or(0);
    if (auto minutes = reader.integer("custom_duration_minutes")) choice.custom_duration_minutes = static_cast<int>(*minutes);
    if (auto start = reader.text("start_time")) {
      auto parsed = parse_iso8601(*start);
      if (!parsed) reader.errors().add("start_time", "must be an ISO 8601 time such as 2026-05-04T09:30:00Z");
      else choice.start = *parsed;
    }
    if (auto valid = reader.result(); !valid) return tl::unexpected(valid.error());
    return service_.choose_booking(who, id, choice);
  });
}

Response InterviewHandlers::guests(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<scheduling::InterviewView> {
    auto list = body.find("guests");
    if (list == body.end() || !list->is_array()) return invalid_field("guests", "must be a list (it may be empty)");
    std::vector<scheduling::GuestChoice> choices;
    domain::FieldErrors errors;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const auto& item = (*list)[i];
      if (!item.is_object()) {
        errors.add("guests[" + std::to_string(i) + "]", "must be an object with contact_id or email");
        continue;
      }
      FieldReader reader(item);
      scheduling::GuestChoice choice;
      choice.contact_id = reader.integer("contact_id");
      choice.typed.name = reader.text("name").value_or("");
      choice.typed.email = reader.text("email").value_or("");
      choice.typed.role = reader.text("role").value_or("");
      choice.typed.company = reader.text("company").value_or("");
      if (!reader.result()) errors.add("guests[" + std::to_string(i) + "]", "has fields of the wrong type");
      choices.push_back(std::move(choice));
    }
    if (auto valid = errors.result(); !valid) return tl::unexpected(valid.error());
    return service_.set_guests(who, id, choices);
  });
}

Response InterviewHandlers::details(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<scheduling::InterviewView> {
    FieldReader reader(body);
    scheduling::Details details;
    details.prep_notes_markdown = reader.text("prep_notes_markdown").value_or("");
    details.timezone = reader.text("timezone").value_or("");
    if (auto it = body.find("custom_questions"); it != body.end() && !it->is_null()) {
      if (!it->is_array()) reader.errors().add("custom_questions", "must be a list of questions");
      else
        for (const auto& question : *it) {
          if (question.is_string()) details.custom_questions.push_back(question.get<std::string>());
          else reader.errors().add("custom_questions", "must be a list of questions");
        }
    }
    if (auto valid = reader.result(); !valid) return tl::unexpected(valid.error());
    return service_.set_details(who, id, details);
  });
}

Response InterviewHandlers::confirm(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json&) { return service_.confirm(who, id); });
}

Response InterviewHandlers::cancel(Request& request) {
  return step(request, [&](const scheduling::RequestInfo& who, std::int64_t id, const json& body) -> Result<scheduling::InterviewView> {
    FieldReader reader(body);
    auto reason = reader.text("reason");
    if (auto valid = reader.result(); !valid) return tl::unexpected(valid.error());
    return service_.cancel(who, id, reason.value_or(""));
  });
}

Response InterviewHandlers::markdown_preview(Request& request) {
  return context_.respond(request, [&]() -> Result<Response> {
    if (auto principal = context_.signed_in(request); !principal) return tl::unexpected(principal.error());
    auto body = parse_object(request);
    if (!body) return tl::unexpected(body.error());
    FieldReader reader(*body);
    auto markdown = reader.text("markdown").value_or("");
    if (auto valid = domain::check_prep_notes(markdown); !valid) return tl::unexpected(valid.error());
    return json_response(200, {{"html", scheduling::render_markdown(markdown)}});
  }());
}

}  // namespace poblysh::http::api
