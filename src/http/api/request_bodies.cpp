#include "http/api/request_bodies.hpp"

#include "domain/interview_people.hpp"
#include "domain/interview_title.hpp"

namespace poblysh::http::api {
namespace {

// `start_time` as an ISO 8601 time, when the body has one; a malformed one is a field error.
std::optional<SystemTime> read_start_time(FieldReader& reader) {
  auto text = reader.text("start_time");
  if (!text) return std::nullopt;
  auto parsed = parse_iso8601(*text);
  if (!parsed) {
    reader.errors().add("start_time", "must be an ISO 8601 time such as 2026-05-04T09:30:00Z");
    return std::nullopt;
  }
  return *parsed;
}

// `place`: {"kind": "video"}, {"kind": "in_person", "address": "…"} or {"kind": "phone", "phone": "…"};
// its rules are the service's (domain::checked_place), its shape is read here.
void read_place(const json& body, domain::FieldErrors& errors, scheduling::Details& details) {
  const auto it = body.find("place");
  if (it == body.end() || it->is_null()) return;
  const auto kind_text = it->is_object() ? it->find("kind") : it->end();
  if (!it->is_object() || kind_text == it->end() || !kind_text->is_string()) {
    errors.add("place.kind", "must be video, in_person or phone");
    return;
  }
  details.place_kind = domain::parse_place_kind(kind_text->get<std::string>());
  if (!details.place_kind) {
    errors.add("place.kind", "must be video, in_person or phone");
    return;
  }
  // A video call reads an address too, so that one sent with it is refused rather than dropped.
  const char* key = *details.place_kind == domain::PlaceKind::phone ? "phone" : "address";
  const auto value = it->find(key);
  if (value == it->end() || value->is_null()) return;  // "is required", said by the rules
  if (!value->is_string()) {
    errors.add(std::string("place.") + key, "must be text");
    return;
  }
  details.place_detail = value->get<std::string>();
}

// `field` as a list of ids; absent or null: none.
std::vector<std::int64_t> read_ids(const json& body, const char* field, domain::FieldErrors& errors) {
  std::vector<std::int64_t> ids;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return ids;
  if (!it->is_array()) {
    errors.add(field, "must be a list of team member ids");
    return ids;
  }
  for (const auto& value : *it) {
    if (!is_int64(value)) {
      errors.add(field, "must be a list of team member ids");
      return {};
    }
    ids.push_back(value.get<std::int64_t>());
  }
  return ids;
}

// A title is bounded and checked before anything else reads it (domain/interview_title.hpp).
void check_title(FieldReader& reader, const std::string& title) {
  if (auto problem = domain::title_problem(title); !problem.empty()) reader.errors().add("title", std::move(problem));
}

}  // namespace

Result<LoginRequest> read_login(const json& body) {
  FieldReader fields(body);
  auto email = fields.text("email");
  auto password = fields.text("password");
  if (!email) fields.missing("email");
  if (!password) fields.missing("password");
  // Bounded before anything is counted or hashed: no address is longer, no password we made is.
  if (email && email->size() > 254) fields.errors().add("email", "is not a valid email address");
  if (password && password->size() > 1024) fields.errors().add("password", "must be at most 1024 characters");
  RETURN_IF_ERROR(fields.result());
  return LoginRequest{*email, *password};
}

Result<NewUserRequest> read_new_user(const json& body) {
  FieldReader fields(body);
  NewUserRequest request;
  request.user.email = fields.text("email").value_or("");
  request.user.name = fields.text("name").value_or("");
  auto role = domain::parse_role(fields.text("role").value_or("member"));
  if (!role)
    fields.errors().add("role", "must be admin or member");
  else
    request.user.role = *role;
  request.password = fields.text("password").value_or("");
  RETURN_IF_ERROR(fields.result());
  return request;
}

Result<std::string> read_api_token_name(const json& body) {
  FieldReader fields(body);
  auto name = domain::trimmed(fields.text("name").value_or(""));
  if (name.empty()) fields.missing("name");
  RETURN_IF_ERROR(fields.result());
  return name;
}

Result<scheduling::ContactChoice> read_contact_choice(const json& body) {
  FieldReader reader(body);
  scheduling::ContactChoice choice;
  choice.contact_id = reader.integer("contact_id");
  if (auto it = body.find("contact"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return invalid_field("contact", "must be an object with name and email");
    domain::ContactFields fields;
    RETURN_IF_ERROR(apply_fields(*it, fields));
    choice.new_contact = fields;
  }
  RETURN_IF_ERROR(reader.result());
  if (!choice.contact_id && !choice.new_contact)
    return invalid_field("contact_id", "choose a contact or add a new one");
  return choice;
}

Result<NewInterviewRequest> read_new_interview(const json& body) {
  FieldReader reader(body);
  auto startup_id = reader.integer("startup_id");
  auto title = reader.text("title");
  if (!startup_id) reader.missing("startup_id");
  if (title) check_title(reader, *title);
  RETURN_IF_ERROR(reader.result());
  ASSIGN_OR_RETURN(auto choice, read_contact_choice(body));
  return NewInterviewRequest{*startup_id, std::move(title), std::move(choice)};
}

Result<std::string> read_draft_title(const json& body) {
  FieldReader reader(body);
  auto title = reader.text("title");
  if (!title && !reader.has("title")) reader.missing("title");
  if (title) check_title(reader, *title);
  RETURN_IF_ERROR(reader.result());
  return title.value_or("");
}

Result<TeamRequest> read_team(const json& body) {
  FieldReader reader(body);
  auto primary = reader.integer("primary_team_member_id");
  TeamRequest request;
  if (auto it = body.find("additional_team_member_ids"); it != body.end() && !it->is_null()) {
    if (!it->is_array())
      reader.errors().add("additional_team_member_ids", "must be a list of team member ids");
    else
      for (const auto& value : *it) {
        if (is_int64(value))
          request.additional_team_member_ids.push_back(value.get<std::int64_t>());
        else
          reader.errors().add("additional_team_member_ids", "must be a list of team member ids");
      }
  }
  RETURN_IF_ERROR(reader.result());
  request.primary_team_member_id = primary.value_or(0);
  return request;
}

Result<scheduling::BookingChoice> read_booking_choice(const json& body) {
  FieldReader reader(body);
  scheduling::BookingChoice choice;
  auto event_type = reader.integer("event_type_id");
  if (!event_type) reader.missing("event_type_id");
  choice.event_type_id = event_type.value_or(0);
  if (auto minutes = reader.integer_between("custom_duration_minutes", 5, 480, "minutes")) {
    choice.custom_duration_minutes = *minutes;
  }
  choice.start = read_start_time(reader);
  RETURN_IF_ERROR(reader.result());
  return choice;
}

Result<std::vector<scheduling::GuestChoice>> read_guest_choices(const json& body) {
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
  RETURN_IF_ERROR(errors.result());
  return choices;
}

Result<scheduling::Details> read_details(const json& body) {
  FieldReader reader(body);
  scheduling::Details details;
  details.prep_notes_markdown = reader.text("prep_notes_markdown").value_or("");
  details.timezone = reader.text("timezone").value_or("");
  if (auto it = body.find("custom_questions"); it != body.end() && !it->is_null()) {
    if (!it->is_array())
      reader.errors().add("custom_questions", "must be a list of questions");
    else
      for (const auto& question : *it) {
        if (question.is_string())
          details.custom_questions.push_back(question.get<std::string>());
        else
          reader.errors().add("custom_questions", "must be a list of questions");
      }
  }
  read_place(body, reader.errors(), details);
  RETURN_IF_ERROR(reader.result());
  return details;
}

Result<std::string> read_cancel_reason(const json& body) {
  FieldReader reader(body);
  auto reason = reader.text("reason");
  if (reason) reader.errors().optional_text("reason", *reason, 1000, domain::Lines::many);
  RETURN_IF_ERROR(reader.result());
  return reason.value_or("");
}

Result<scheduling::RescheduleChoice> read_reschedule(const json& body) {
  FieldReader reader(body);
  scheduling::RescheduleChoice choice;
  choice.start = read_start_time(reader).value_or(SystemTime{});
  if (!body.contains("start_time")) reader.missing("start_time");
  choice.reason = reader.text("reason").value_or("");
  RETURN_IF_ERROR(reader.result());
  return choice;
}

namespace {

// One entry of an outcome's `absent`, its problems named under `prefix` ("absent[2].email").
std::optional<domain::NoShow> read_absent(const json& item, const std::string& prefix, domain::FieldErrors& errors) {
  if (!item.is_object()) {
    errors.add(prefix, "must be an object with a party");
    return std::nullopt;
  }
  FieldReader reader(item);
  const auto party_text = reader.text("party");
  const auto party = party_text ? domain::parse_absent_party(*party_text) : std::nullopt;
  if (!party) {
    errors.add(prefix + ".party", "must be contact, guest or interviewer");
    return std::nullopt;
  }
  domain::NoShow who{*party, "", 0};
  if (*party == domain::AbsentParty::guest) {
    const auto email = reader.text("email");
    if (!email || email->empty() || email->size() > 320) {
      errors.add(prefix + ".email", "give the guest's e-mail address");
      return std::nullopt;
    }
    who.guest_email = domain::normalize_email(*email);
  } else if (*party == domain::AbsentParty::interviewer) {
    const auto member = reader.integer("team_member_id");
    if (!member || *member < 1) {
      errors.add(prefix + ".team_member_id", "give the interviewer's team member id");
      return std::nullopt;
    }
    who.team_member_id = *member;
  }
  return who;
}

}  // namespace

Result<scheduling::OutcomeChoice> read_outcome(const json& body) {
  FieldReader reader(body);
  scheduling::OutcomeChoice choice;
  const auto outcome_text = reader.text("outcome");
  const auto outcome = outcome_text ? domain::parse_outcome(*outcome_text) : std::nullopt;
  if (outcome) {
    choice.outcome = *outcome;
  } else if (reader.result()) {
    reader.errors().add("outcome", "must be completed or no_show");
  }
  choice.note = reader.text("note").value_or("");
  reader.errors().optional_text("note", choice.note, 2000, domain::Lines::many);
  if (auto list = body.find("absent"); list != body.end() && !list->is_null()) {
    // A contact, 30 guests and 20 team members at most: anything longer names nobody real.
    if (!list->is_array() || list->size() > 60) {
      reader.errors().add("absent", "must be a list of at most 60 people");
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto who = read_absent((*list)[i], "absent[" + std::to_string(i) + "]", reader.errors());
        if (who) choice.absent.push_back(std::move(*who));
      }
    }
  }
  RETURN_IF_ERROR(reader.result());
  return choice;
}

Result<scheduling::PeopleChoice> read_people_change(const json& body) {
  domain::FieldErrors errors;
  scheduling::PeopleChoice choice;
  // Counted before any item is read: a list of a million costs one comparison.
  std::size_t total = 0;
  for (const char* field : {"add_guests", "remove_guests", "add_team_member_ids", "remove_team_member_ids"}) {
    auto it = body.find(field);
    if (it != body.end() && it->is_array()) total += it->size();
  }
  if (total > domain::kMaxPeoplePerChange) {
    return invalid_field("people", "change at most " + std::to_string(domain::kMaxPeoplePerChange) + " people at once");
  }
  if (auto it = body.find("add_guests"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) {
      errors.add("add_guests", "must be a list of guests");
    } else {
      auto guests = read_guest_choices(json{{"guests", *it}});
      if (guests) {
        choice.add_guests = std::move(*guests);
      } else {
        for (const auto& [field, problem] : guests.error().fields) errors.add("add_" + field, problem);
      }
    }
  }
  if (auto it = body.find("remove_guests"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) errors.add("remove_guests", "must be a list of email addresses");
    for (std::size_t i = 0; it->is_array() && i < it->size(); ++i) {
      if ((*it)[i].is_string())
        choice.remove_guests.push_back((*it)[i].get<std::string>());
      else
        errors.add("remove_guests[" + std::to_string(i) + "]", "must be an email address");
    }
  }
  choice.add_team = read_ids(body, "add_team_member_ids", errors);
  choice.remove_team = read_ids(body, "remove_team_member_ids", errors);
  RETURN_IF_ERROR(errors.result());
  return choice;
}

Result<scheduling::PrimaryChoice> read_primary_change(const json& body) {
  FieldReader reader(body);
  scheduling::PrimaryChoice choice;
  for (const char* field : {"primary_team_member_id", "event_type_id"}) {
    const auto id = reader.integer(field);
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
      reader.missing(field);
    } else if (id && *id <= 0) {
      reader.errors().add(field, "must be a positive whole number");
    } else if (id) {
      (std::string_view(field) == "event_type_id" ? choice.event_type_id : choice.change.new_primary) = *id;
    }
  }
  choice.change.start = read_start_time(reader);  // absent: the meeting keeps its time
  choice.change.keep_previous = reader.boolean("keep_previous").value_or(false);
  choice.change.reason = reader.text("reason").value_or("");
  RETURN_IF_ERROR(reader.result());
  return choice;
}

std::string read_markdown_preview(const json& body) {
  FieldReader reader(body);
  return reader.text("markdown").value_or("");
}

}  // namespace poblysh::http::api
