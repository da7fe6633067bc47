#include "http/api/request_queries.hpp"

#include <charconv>

#include "core/time.hpp"
#include "http/api/json_io.hpp"

namespace poblysh::http::api {
namespace {

Result<SystemTime> day_or_time(const std::string& field, const std::string& text, bool end_of_day) {
  // A bare date as the end of a range means "through that day": up to the next midnight.
  auto parsed = text.size() == 10 ? parse_iso8601(text + "T00:00:00Z") : parse_iso8601(text);
  if (!parsed) return invalid_field(field, "must be a date (2026-05-04) or an ISO 8601 time");
  if (text.size() == 10 && end_of_day) return *parsed + std::chrono::hours(24);
  return *parsed;
}

// The parameter's time, or nothing when it is absent or empty.
Result<std::optional<SystemTime>> optional_time(const Request& request, const std::string& field, bool end_of_day) {
  auto text = request.query_param(field);
  if (!text || text->empty()) return std::optional<SystemTime>{};
  ASSIGN_OR_RETURN(auto parsed, day_or_time(field, *text, end_of_day));
  return std::optional<SystemTime>(parsed);
}

bool positive_whole_number(std::string_view text, std::int64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value > 0;
}

Result<std::optional<std::int64_t>> optional_id(const Request& request, const std::string& field) {
  auto text = request.query_param(field);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  if (!positive_whole_number(*text, value)) return invalid_field(field, "must be a positive whole number");
  return std::optional<std::int64_t>(value);
}

// The parameter's value of an enum, or nothing when it is absent or empty; `problem` names the values.
template <class Enum>
Result<std::optional<Enum>> optional_named(const Request& request, const std::string& field,
                                           std::optional<Enum> (*parse)(std::string_view), const char* problem) {
  auto text = request.query_param(field);
  if (!text || text->empty()) return std::optional<Enum>{};
  auto value = parse(*text);
  if (!value) return invalid_field(field, problem);
  return value;
}

}  // namespace

Result<store::InterviewFilter> read_interview_filter(const Request& request, SystemTime now) {
  store::InterviewFilter filter;
  filter.now = now;
  if (auto when = request.query_param("when"); when && !when->empty()) {
    if (*when == "upcoming") {
      filter.when = store::InterviewWhen::upcoming;
    } else if (*when == "past") {
      filter.when = store::InterviewWhen::past;
    } else if (*when != "all") {
      return invalid_field("when", "must be upcoming, past or all");
    }
  }
  ASSIGN_OR_RETURN(filter.status, optional_named(request, "status", domain::parse_status,
                                                 "must be draft, scheduled, confirmed, completed or cancelled"));
  ASSIGN_OR_RETURN(filter.startup_id, optional_id(request, "startup_id"));
  ASSIGN_OR_RETURN(filter.team_member_id, optional_id(request, "team_member_id"));
  ASSIGN_OR_RETURN(filter.from, optional_time(request, "from", false));
  ASSIGN_OR_RETURN(filter.to, optional_time(request, "to", true));
  ASSIGN_OR_RETURN(filter.text, search_text(request));
  return filter;
}

Result<DraftsQuery> read_drafts_query(const Request& request) {
  DraftsQuery out;
  ASSIGN_OR_RETURN(out.startup_id, optional_id(request, "startup_id"));
  ASSIGN_OR_RETURN(auto limit, optional_id(request, "limit"));
  if (limit && *limit > 200) return invalid_field("limit", "must be from 1 to 200");
  if (limit) out.limit = static_cast<int>(*limit);
  return out;
}

Result<store::PageRequest> read_interview_page(const Request& request) {
  ASSIGN_OR_RETURN(auto page, page_request(request));
  if (page.after_key) {
    std::int64_t sort_at = 0;
    const auto& key = *page.after_key;
    auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), sort_at);
    if (key.empty() || error != std::errc() || end != key.data() + key.size()) {
      return invalid_field("cursor", "is not a cursor this API returned");
    }
  }
  return page;
}

Result<AvailabilityWindow> read_availability_window(const Request& request, SystemTime now) {
  AvailabilityWindow window{now, now + std::chrono::hours(24 * 7), {}, {}, {}, {}};
  ASSIGN_OR_RETURN(auto from, optional_time(request, "from", false));
  if (from) window.from = std::max(*from, now);
  ASSIGN_OR_RETURN(auto to, optional_time(request, "to", true));
  if (to) window.to = *to;
  if (window.to <= window.from) return invalid_field("to", "must be after from");
  if (window.to - window.from > std::chrono::hours(24 * 31)) {
    return invalid_field("to", "the range can span at most 31 days");
  }
  if (auto members = request.query_param("members"); members && !members->empty()) {
    std::size_t start = 0;
    while (start <= members->size()) {
      auto comma = members->find(',', start);
      if (comma == std::string::npos) comma = members->size();
      std::int64_t value = 0;
      if (!positive_whole_number(std::string_view(*members).substr(start, comma - start), value)) {
        return invalid_field("members", "must be a comma-separated list of team member ids");
      }
      window.members.push_back(value);
      start = comma + 1;
    }
  }
  ASSIGN_OR_RETURN(window.event_type_id, optional_id(request, "event_type_id"));
  ASSIGN_OR_RETURN(window.primary, optional_id(request, "primary"));
  ASSIGN_OR_RETURN(auto duration, optional_id(request, "duration"));
  if (duration) {
    if (*duration < 5 || *duration > 480) return invalid_field("duration", "must be between 5 and 480 minutes");
    window.duration_minutes = static_cast<int>(*duration);
  }
  return window;
}

Result<store::TeamMemberFilter> read_team_member_filter(const Request& request) {
  store::TeamMemberFilter filter;
  ASSIGN_OR_RETURN(filter.text, search_text(request));
  if (auto active = request.query_param("active")) {
    if (*active == "true") {
      filter.active = true;
    } else if (*active == "false") {
      filter.active = false;
    } else if (*active != "all") {
      return invalid_field("active", "must be true, false or all");
    }
  }
  return filter;
}

Result<store::DeliveryFilter> read_delivery_filter(const Request& request) {
  store::DeliveryFilter filter;
  ASSIGN_OR_RETURN(filter.outcome,
                   optional_named(request, "outcome", store::parse_outcome,
                                  "must be one of applied, duplicate, ignored, unmatched, stale, rejected"));
  ASSIGN_OR_RETURN(filter.interview_id, optional_id(request, "interview_id"));
  return filter;
}

Result<store::OutboxFilter> read_outbox_filter(const Request& request) {
  store::OutboxFilter filter;
  ASSIGN_OR_RETURN(filter.status, optional_named(request, "status", store::parse_outbox_status,
                                                 "must be one of pending, sending, sent, dead, held"));
  ASSIGN_OR_RETURN(filter.interview_id, optional_id(request, "interview_id"));
  return filter;
}

}  // namespace poblysh::http::api
