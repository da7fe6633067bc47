// http/api: query strings read into typed filters. Pure (no database, no service), like the
// body readers of request_bodies.hpp: unit tests and the fuzzer (fuzz/api_request_fuzzer.cpp)
// drive exactly what the handlers run. Pages (`limit`, `cursor`) and search text (`q`) are read
// by page_request and search_text (json_io.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "http/message.hpp"
#include "store/interview_repo.hpp"
#include "store/outbox_repo.hpp"
#include "store/team_member_repo.hpp"
#include "store/webhook_delivery_repo.hpp"

namespace poblysh::http::api {

// GET /interviews: when (upcoming: not over at `now`, the next first; past: over, the latest
// first; all, the default: every interview, the latest first), status, startup_id,
// team_member_id, from, to (a date or an ISO 8601 time; a bare date as `to` means through that
// day), q.
Result<store::InterviewFilter> read_interview_filter(const Request& request, SystemTime now);
// GET /interviews: the page, whose cursor holds the last row's time in Unix milliseconds.
Result<store::PageRequest> read_interview_page(const Request& request);

// GET /interviews/:id/availability and …/booking-options: the window asked about (from now, a
// week by default, at most 31 days; never before `now`), the team members asked about, if any
// (`members=3,5`; none: the draft's team), and an event type and a duration (5–480 minutes) to
// use instead of the draft's.
struct AvailabilityWindow {
  SystemTime from;
  SystemTime to;
  std::vector<std::int64_t> members;
  std::optional<std::int64_t> event_type_id;
  std::optional<int> duration_minutes;
  std::optional<std::int64_t> primary;  // whose event types (a change of the primary); else the interview's
};
Result<AvailabilityWindow> read_availability_window(const Request& request, SystemTime now);

// GET /drafts: startup_id (the caller's drafts of one startup), limit (1–200, default 50).
struct DraftsQuery {
  std::optional<std::int64_t> startup_id;
  int limit = 50;
};
Result<DraftsQuery> read_drafts_query(const Request& request);

// GET /team-members: active (true, false or all), q.
Result<store::TeamMemberFilter> read_team_member_filter(const Request& request);
// GET /admin/webhook-deliveries: outcome, interview_id.
Result<store::DeliveryFilter> read_delivery_filter(const Request& request);
// GET /admin/emails: status, interview_id.
Result<store::OutboxFilter> read_outbox_filter(const Request& request);

}  // namespace poblysh::http::api
