// http/api: request bodies read into typed requests. Pure (no database, no service), so unit
// tests and the fuzzer (fuzz/api_request_fuzzer.cpp) drive exactly what the handlers run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "domain/user.hpp"
#include "http/api/json_io.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::http::api {

// PATCH-style reader of a team member's, startup's or contact's fields (domain/record.hpp): the
// fields present in `body` overwrite `fields`; absent ones stay. Also reads the contact an
// interview draft adds inline.
template <typename Fields>
Status apply_fields(const json& body, Fields& fields) {
  FieldReader reader(body);
  domain::for_each_field(fields, [&](const char* name, auto& value) { reader.patch(name, value); });
  return reader.result();
}

// POST /session
struct LoginRequest {
  std::string email;
  std::string password;
};
Result<LoginRequest> read_login(const json& body);

// POST /users: an empty password asks for a generated one.
struct NewUserRequest {
  domain::NewUser user;
  std::string password;
};
Result<NewUserRequest> read_new_user(const json& body);

// POST /api-tokens: the token's name, trimmed, required.
Result<std::string> read_api_token_name(const json& body);

// POST /interviews and PUT /interviews/:id/contact
Result<scheduling::ContactChoice> read_contact_choice(const json& body);
struct NewInterviewRequest {
  std::int64_t startup_id = 0;
  std::optional<std::string> title;
  scheduling::ContactChoice contact;
};
// `title` is optional (absent or empty: "Interview with <startup> – <contact>"), one line of at
// most domain::kMaxTitleLength bytes.
Result<NewInterviewRequest> read_new_interview(const json& body);
// PUT /interviews/:id/title: {"title": "…"}, required, the same rules; empty asks for the default.
Result<std::string> read_draft_title(const json& body);

// PUT /interviews/:id/team: a missing primary is 0, which the service rejects with its message.
struct TeamRequest {
  std::int64_t primary_team_member_id = 0;
  std::vector<std::int64_t> additional_team_member_ids;
};
Result<TeamRequest> read_team(const json& body);

// PUT /interviews/:id/{booking,guests,details}, POST /interviews/:id/cancel
Result<scheduling::BookingChoice> read_booking_choice(const json& body);
Result<std::vector<scheduling::GuestChoice>> read_guest_choices(const json& body);
Result<scheduling::Details> read_details(const json& body);
Result<std::string> read_cancel_reason(const json& body);  // empty when none was given
// POST /interviews/:id/reschedule
Result<scheduling::RescheduleChoice> read_reschedule(const json& body);

// POST /interviews/:id/outcome: {"outcome": "completed"|"no_show", "absent": [{"party": "contact"} |
// {"party": "guest", "email"} | {"party": "interviewer", "team_member_id"}], "note"}.
Result<scheduling::OutcomeChoice> read_outcome(const json& body);
// POST /interviews/:id/people: {add_guests: [{contact_id} | {name, email, role, company}],
// remove_guests: [email], add_team_member_ids: [id], remove_team_member_ids: [id]}; absent
// lists are empty, at most domain::kMaxPeoplePerChange people in all.
Result<scheduling::PeopleChoice> read_people_change(const json& body);

// POST /interviews/:id/primary: {primary_team_member_id, event_type_id (the new primary's),
// start_time (absent or null: the same time), keep_previous (the previous primary stays as an
// additional interviewer; default false), reason}.
Result<scheduling::PrimaryChoice> read_primary_change(const json& body);

// POST /markdown/preview: a missing or non-text `markdown` previews as empty.
std::string read_markdown_preview(const json& body);

}  // namespace poblysh::http::api
