// Fuzz target: our JSON request bodies. The input is a request body; it goes through the same
// parse_object + per-endpoint readers + domain validation the handlers run (no database), and
// through the query-string readers (pages, filters, availability windows) and path ids.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/interview.hpp"
#include "domain/interview_title.hpp"
#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "domain/user.hpp"
#include "fuzz_check.hpp"
#include "http/api/json_io.hpp"
#include "http/api/link_bodies.hpp"
#include "http/api/request_bodies.hpp"
#include "http/api/request_queries.hpp"

namespace {

using namespace poblysh;
using namespace poblysh::http;
using namespace poblysh::http::api;

// Every refusal of a body is a 400 that names what is wrong.
template <class T>
void check_refusal(const tl::expected<T, Error>& result) {
  if (result) return;
  FUZZ_CHECK(result.error().code == ErrorCode::invalid_input);
  FUZZ_CHECK(!result.error().fields.empty() || !result.error().message.empty());
}

void read_every_endpoint(const json& body) {
  domain::TeamMemberFields member;
  auto member_read = apply_fields(body, member);
  check_refusal(member_read);
  if (member_read) check_refusal(domain::validated(member));

  domain::StartupFields startup;
  auto startup_read = apply_fields(body, startup);
  check_refusal(startup_read);
  if (startup_read) check_refusal(domain::validated(startup));

  domain::ContactFields contact;
  auto contact_read = apply_fields(body, contact);
  check_refusal(contact_read);
  if (contact_read) check_refusal(domain::validated(contact, "Fuzz Ltd"));

  check_refusal(read_login(body));
  auto user = read_new_user(body);
  check_refusal(user);
  if (user) {
    check_refusal(domain::validate(user->user));
    if (!user->password.empty()) check_refusal(domain::validate_password(user->password));
  }
  auto token_name = read_api_token_name(body);
  check_refusal(token_name);
  if (token_name) FUZZ_CHECK(!token_name->empty());

  auto interview = read_new_interview(body);
  check_refusal(interview);
  if (interview) FUZZ_CHECK(interview->contact.contact_id || interview->contact.new_contact);
  // A title read is one the domain takes: within its length, without a forbidden character.
  if (interview && interview->title) FUZZ_CHECK(domain::title_problem(*interview->title).empty());
  auto title = read_draft_title(body);
  check_refusal(title);
  if (title) FUZZ_CHECK(domain::title_problem(*title).empty());
  check_refusal(read_contact_choice(body));
  check_refusal(read_team(body));
  check_refusal(read_booking_choice(body));
  check_refusal(read_guest_choices(body));
  auto details = read_details(body);
  check_refusal(details);
  if (details) check_refusal(domain::check_prep_notes(details->prep_notes_markdown));
  check_refusal(read_cancel_reason(body));
  check_refusal(read_reschedule(body));
  auto outcome = read_outcome(body);
  check_refusal(outcome);
  if (outcome) FUZZ_CHECK(outcome->note.size() <= 2000 && outcome->absent.size() <= 60);
  check_refusal(read_people_change(body));
  check_refusal(read_primary_change(body));
  (void)read_markdown_preview(body);

  auto link = read_link_request(body);
  check_refusal(link);
  if (link) {
    auto rules = domain::make_link_rules(*link, SystemTime{std::chrono::hours(24 * 20000)});
    check_refusal(rules);
    if (rules) FUZZ_CHECK(rules->shortlist.size() <= domain::kMaxShortlist && rules->window_end > rules->window_start);
  }
  auto pick = read_pick(body);
  check_refusal(pick);
  if (pick) FUZZ_CHECK(pick->note.size() <= 1000);
  check_refusal(read_contact_change(body, true));
  check_refusal(read_contact_change(body, false));
}

void read_query_and_path(const std::string& text) {
  Request request;
  request.query.emplace("limit", text.substr(0, 4));
  request.query.emplace("cursor", text);
  auto page = page_request(request);
  check_refusal(page);
  if (page) FUZZ_CHECK(page->limit >= 1 && page->limit <= 200);

  // A cursor we issue always reads back as what we encoded.
  const std::int64_t id = static_cast<std::int64_t>(std::hash<std::string>{}(text));
  Request next;
  next.query.emplace("cursor", encode_cursor(text, id));
  auto decoded = page_request(next);
  FUZZ_CHECK(decoded.has_value());
  FUZZ_CHECK(decoded->after_id == id);
  FUZZ_CHECK(decoded->after_key == text);

  // Every query-string reader, with the input as each of its parameters: a refusal is a 400
  // naming the parameter, and what is read stays within its bounds.
  for (const char* name : {"status", "startup_id", "team_member_id", "from", "to", "q", "members", "active", "outcome",
                           "interview_id", "event_type_id", "duration", "limit", "when"}) {
    Request query;
    query.query.emplace(name, text);
    const SystemTime now = SystemTime(std::chrono::hours(24 * 365 * 56));
    auto filter = read_interview_filter(query, now);
    check_refusal(filter);
    if (filter && filter->when != store::InterviewWhen::all) FUZZ_CHECK(text == "upcoming" || text == "past");
    check_refusal(read_team_member_filter(query));
    check_refusal(read_delivery_filter(query));
    check_refusal(read_outbox_filter(query));
    auto drafts = read_drafts_query(query);
    check_refusal(drafts);
    if (drafts)
      FUZZ_CHECK(drafts->limit >= 1 && drafts->limit <= 200 && (!drafts->startup_id || *drafts->startup_id > 0));
    auto window = read_availability_window(query, now);
    check_refusal(window);
    if (window) {
      FUZZ_CHECK(window->from >= now && window->to > window->from);
      FUZZ_CHECK(window->to - window->from <= std::chrono::hours(24 * 31));
      for (auto member : window->members) FUZZ_CHECK(member > 0);
      if (window->duration_minutes) FUZZ_CHECK(*window->duration_minutes >= 5 && *window->duration_minutes <= 480);
    }
  }
  Request interview_page;
  interview_page.query.emplace("cursor", text);
  check_refusal(read_interview_page(interview_page));

  Request by_id;
  by_id.path_params.emplace("id", text);
  auto parsed_id = path_id(by_id);
  if (parsed_id)
    FUZZ_CHECK(*parsed_id > 0 && std::to_string(*parsed_id) == text);
  else
    FUZZ_CHECK(parsed_id.error().code == ErrorCode::not_found);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Request request;
  request.method = Method::post;
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = text;
  auto body = parse_object(request);
  check_refusal(body);
  if (body) {
    FUZZ_CHECK(body->is_object());
    read_every_endpoint(*body);
  }
  read_query_and_path(text);
  return 0;
}
