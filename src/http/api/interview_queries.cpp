// Read-only interview endpoints: the list, team availability and booking options.
#include <charconv>

#include "http/api/interview_handlers.hpp"
#include "http/api/render_interview.hpp"

namespace poblysh::http::api {
namespace {

Result<SystemTime> day_or_time(const std::string& field, const std::string& text, bool end_of_day) {
  // A bare date as the end of a range means "through that day": up to the next midnight.
  auto parsed = text.size() == 10 ? parse_iso8601(text + "T00:00:00Z") : parse_iso8601(text);
  if (!parsed) return invalid_field(field, "must be a date (2026-05-04) or an ISO 8601 time");
  if (text.size() == 10 && end_of_day) return *parsed + std::chrono::hours(24);
  return *parsed;
}

Result<std::optional<std::int64_t>> optional_id(const Request& request, const std::string& field) {
  auto text = request.query_param(field);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value <= 0) {
    return invalid_field(field, "must be a positive whole number");
  }
  return std::optional<std::int64_t>(value);
}

}  // namespace

Response InterviewHandlers::list(Request& request, const Caller&) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto page = page_request(request);
    if (!page) return tl::unexpected(page.error());
    if (page->after_key) {
      std::int64_t sort_at = 0;
      const auto& key = *page->after_key;
      auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), sort_at);
      if (key.empty() || error != std::errc() || end != key.data() + key.size()) {
        return invalid_field("cursor", "is not a cursor this API returned");
      }
    }
    store::InterviewFilter filter;
    if (auto status = request.query_param("status"); status && !status->empty()) {
      filter.status = domain::parse_status(*status);
      if (!filter.status) return invalid_field("status", "must be draft, scheduled, confirmed, completed or cancelled");
    }
    auto startup = optional_id(request, "startup_id");
    if (!startup) return tl::unexpected(startup.error());
    filter.startup_id = *startup;
    auto member = optional_id(request, "team_member_id");
    if (!member) return tl::unexpected(member.error());
    filter.team_member_id = *member;
    if (auto from = request.query_param("from"); from && !from->empty()) {
      auto parsed = day_or_time("from", *from, false);
      if (!parsed) return tl::unexpected(parsed.error());
      filter.from = *parsed;
    }
    if (auto to = request.query_param("to"); to && !to->empty()) {
      auto parsed = day_or_time("to", *to, true);
      if (!parsed) return tl::unexpected(parsed.error());
      filter.to = *parsed;
    }
    auto text = search_text(request);
    if (!text) return tl::unexpected(text.error());
    filter.text = std::move(*text);
    auto rows = store::read_with(db_, [&](store::Connection& db) { return repo_.list(db, filter, *page); });
    if (!rows) return tl::unexpected(rows.error());
    // Written as text, not built as a json DOM and dumped: a page of 50 rows was ~2,000
    // allocations that way. Same keys and order as page_json.
    JsonWriter out;
    out.begin_object().key("items").begin_array();
    for (const auto& row : rows->items) write_row(out, row);
    out.end_array().key("next_cursor");
    if (rows->has_more && !rows->items.empty()) {
      const auto& last = rows->items.back().interview;
      out.value(encode_cursor(std::to_string(to_unix_ms(last.start ? *last.start : last.created_at)), last.id));
    } else {
      out.value(nullptr);
    }
    out.end_object();
    return Response::json_text(200, out.take());
  }());
}

Result<scheduling::AvailabilityRequest> InterviewHandlers::availability_request(const Request& request,
                                                                                std::int64_t id) {
  auto view = views_.get(id);
  if (!view) return tl::unexpected(view.error());
  scheduling::AvailabilityRequest out;
  out.request_id = request.request_id;
  const auto now = clock_.now();
  out.from = now;
  out.to = now + std::chrono::hours(24 * 7);
  if (auto from = request.query_param("from"); from && !from->empty()) {
    auto parsed = day_or_time("from", *from, false);
    if (!parsed) return tl::unexpected(parsed.error());
    out.from = std::max(*parsed, now);
  }
  if (auto to = request.query_param("to"); to && !to->empty()) {
    auto parsed = day_or_time("to", *to, true);
    if (!parsed) return tl::unexpected(parsed.error());
    out.to = *parsed;
  }
  if (out.to <= out.from) return invalid_field("to", "must be after from");
  if (out.to - out.from > std::chrono::hours(24 * 31)) return invalid_field("to", "the range can span at most 31 days");

  // The members asked about, or the draft's team.
  std::vector<std::int64_t> ids;
  if (auto members = request.query_param("members"); members && !members->empty()) {
    std::size_t start = 0;
    while (start <= members->size()) {
      auto comma = members->find(',', start);
      if (comma == std::string::npos) comma = members->size();
      std::int64_t value = 0;
      auto piece = members->substr(start, comma - start);
      if (std::from_chars(piece.data(), piece.data() + piece.size(), value).ec != std::errc() || value <= 0) {
        return invalid_field("members", "must be a comma-separated list of team member ids");
      }
      ids.push_back(value);
      start = comma + 1;
    }
  } else {
    for (const auto& assignment : view->interview.team) ids.push_back(assignment.team_member_id);
  }
  auto members = views_.members(ids);
  if (!members) return tl::unexpected(members.error());
  out.members = std::move(*members);
  out.event_type_id = view->interview.event_type_id;
  out.team_id = calcom_.team_id();
  for (std::size_t i = 0; i < view->team_members.size(); ++i) {
    if (view->interview.team[i].is_primary) out.primary_username = view->team_members[i].fields.calcom_username;
  }
  if (auto event_type = optional_id(request, "event_type_id"); !event_type) {
    return tl::unexpected(event_type.error());
  } else if (*event_type) {
    out.event_type_id = *event_type;
  }
  out.duration_minutes = view->interview.duration_minutes > 0 ? view->interview.duration_minutes : 30;
  if (auto duration = optional_id(request, "duration"); !duration) {
    return tl::unexpected(duration.error());
  } else if (*duration) {
    if (**duration < 5 || **duration > 480) return invalid_field("duration", "must be between 5 and 480 minutes");
    out.duration_minutes = static_cast<int>(**duration);
  }
  return out;
}

Response InterviewHandlers::with_availability(Request& request, const AvailabilityQuery& run) {
  return context_.respond(request, [&]() -> Result<Response> {
    auto id = path_id(request);
    if (!id) return tl::unexpected(id.error());
    auto query = availability_request(request, *id);
    if (!query) return tl::unexpected(query.error());
    auto client = calcom_.usable();
    if (!client) return tl::unexpected(client.error());
    scheduling::Availability availability(**client, probe_slug_);
    auto body = run(availability, *query);
    if (!body) return tl::unexpected(body.error());
    (*body)["sandbox"] = calcom_.sandbox();
    return json_response(200, *body);
  }());
}

Response InterviewHandlers::availability(Request& request, const Caller&) {
  return with_availability(
      request,
      [](scheduling::Availability& availability, const scheduling::AvailabilityRequest& query) -> Result<json> {
        auto result = availability.for_team(query);
        if (!result) return tl::unexpected(result.error());
        return render(*result);
      });
}

Response InterviewHandlers::booking_options(Request& request, const Caller&) {
  return with_availability(
      request,
      [](scheduling::Availability& availability, const scheduling::AvailabilityRequest& query) -> Result<json> {
        auto options = availability.options(query);
        if (!options) return tl::unexpected(options.error());
        json event_types = json::array();
        for (const auto& option : *options) event_types.push_back(render(option));
        return json{{"event_types", event_types}};
      });
}

}  // namespace poblysh::http::api
