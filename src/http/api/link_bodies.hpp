// http/api: the bodies of the scheduling-link endpoints (staff send one; the contact picks,
// moves or cancels). Pure, like request_bodies.hpp: the fuzzer drives exactly these.
#pragma once

#include <optional>
#include <string>

#include "domain/scheduling_link.hpp"
#include "http/api/json_io.hpp"
#include "scheduling/scheduling_links.hpp"

namespace poblysh::http::api {

// POST /interviews/:id/scheduling-link: {window_days, min_notice_hours, change_notice_hours,
// expires_in_days, invite_guests, shortlist: [ISO 8601 times]}; absent fields take the defaults.
Result<domain::SchedulingLinkRequest> read_link_request(const json& body);

// POST /links/:token/booking: {start_time, note, guest: {name, email}}.
Result<scheduling::PickChoice> read_pick(const json& body);

// POST /links/:token/reschedule ({start_time, reason}) and …/cancel ({reason}).
struct ContactChange {
  std::optional<SystemTime> start;
  std::string reason;
};
Result<ContactChange> read_contact_change(const json& body, bool needs_start);

}  // namespace poblysh::http::api
