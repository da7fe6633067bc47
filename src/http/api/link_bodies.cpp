#include "http/api/link_bodies.hpp"

#include <algorithm>

#include "core/time.hpp"

namespace poblysh::http::api {
namespace {

std::optional<SystemTime> read_time(FieldReader& reader, const char* field) {
  auto text = reader.text(field);
  if (!text) return std::nullopt;
  auto parsed = parse_iso8601(*text);
  if (!parsed) {
    reader.errors().add(field, "must be an ISO 8601 time such as 2026-05-04T09:30:00Z");
    return std::nullopt;
  }
  return *parsed;
}

}  // namespace

Result<domain::SchedulingLinkRequest> read_link_request(const json& body) {
  if (!body.is_object()) return invalid_field("body", "must be a JSON object");
  FieldReader reader(body);
  domain::SchedulingLinkRequest request;
  // The ranges are the domain's (make_link_rules); here only the types.
  const auto whole = [&](const char* field, int& out) {
    // Any whole number here; one too large for an int is out of every range the domain allows.
    if (auto value = reader.integer(field)) out = static_cast<int>(std::clamp<std::int64_t>(*value, -1, 1000000));
  };
  whole("window_days", request.window_days);
  whole("min_notice_hours", request.min_notice_hours);
  whole("change_notice_hours", request.change_notice_hours);
  whole("expires_in_days", request.expires_in_days);
  request.invite_guests = reader.boolean("invite_guests").value_or(false);
  if (auto list = body.find("shortlist"); list != body.end() && !list->is_null()) {
    if (!list->is_array() || list->size() > domain::kMaxShortlist) {
      reader.errors().add("shortlist",
                          "must be a list of at most " + std::to_string(domain::kMaxShortlist) + " ISO 8601 times");
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& item = (*list)[i];
        std::optional<SystemTime> parsed;
        if (item.is_string()) {
          if (auto time = parse_iso8601(item.get<std::string>())) parsed = *time;
        }
        if (!parsed) {
          reader.errors().add("shortlist[" + std::to_string(i) + "]", "must be an ISO 8601 time");
          continue;
        }
        request.shortlist.push_back(*parsed);
      }
    }
  }
  RETURN_IF_ERROR(reader.result());
  return request;
}

Result<scheduling::PickChoice> read_pick(const json& body) {
  if (!body.is_object()) return invalid_field("body", "must be a JSON object");
  FieldReader reader(body);
  scheduling::PickChoice choice;
  choice.start = read_time(reader, "start_time").value_or(SystemTime{});
  if (!body.contains("start_time")) reader.missing("start_time");
  choice.note = reader.text("note").value_or("");
  reader.errors().optional_text("note", choice.note, 1000, domain::Lines::many);
  if (auto guest = body.find("guest"); guest != body.end() && !guest->is_null()) {
    if (!guest->is_object()) {
      reader.errors().add("guest", "must be an object with a name and an email");
    } else {
      FieldReader guest_reader(*guest);
      domain::Guest typed;
      typed.name = guest_reader.text("name").value_or("");
      typed.email = guest_reader.text("email").value_or("");
      if (!guest_reader.result()) reader.errors().add("guest", "has fields of the wrong type");
      // An empty guest form is no guest.
      if (!typed.name.empty() || !typed.email.empty()) choice.guest = std::move(typed);
    }
  }
  RETURN_IF_ERROR(reader.result());
  return choice;
}

Result<ContactChange> read_contact_change(const json& body, bool needs_start) {
  if (!body.is_object()) return invalid_field("body", "must be a JSON object");
  FieldReader reader(body);
  ContactChange change;
  if (needs_start) {
    change.start = read_time(reader, "start_time");
    if (!body.contains("start_time")) reader.missing("start_time");
  }
  change.reason = reader.text("reason").value_or("");
  reader.errors().optional_text("reason", change.reason, 500, domain::Lines::many);
  RETURN_IF_ERROR(reader.result());
  return change;
}

}  // namespace poblysh::http::api
