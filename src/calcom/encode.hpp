// calcom: pure builders for Cal.com request bodies and query strings, plus input checks.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calcom/types.hpp"
#include "core/error.hpp"

namespace poblysh::calcom {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// RFC 3986 percent-encoding of everything but unreserved characters.
std::string url_encode(std::string_view text);
// "?a=1&b=x%20y", or "" when there are no parameters.
std::string build_query(const QueryParams& params);
// Path segments we interpolate (booking uids, webhook ids) must not smuggle "/" or "?".
std::string path_segment(std::string_view text);

// Reject what Cal.com would reject anyway, before spending a request from the budget.
Status validate_slots_query(const SlotsQuery& query);
Status validate_create_booking(const CreateBookingRequest& request);
// Cal.com takes 1–10 guests per call, each with an e-mail address.
Status validate_add_guests(const std::vector<GuestInput>& guests);
// Something to mark (the host or an attendee), each attendee with an e-mail address.
Status validate_mark_absent(std::optional<bool> host_absent, const std::vector<AbsentMark>& attendees);

QueryParams slots_query_params(const SlotsQuery& query);
QueryParams bookings_query_params(const BookingsQuery& query);

std::string encode_create_booking(const CreateBookingRequest& request);
std::string encode_cancel_booking(const std::string& reason);
std::string encode_reschedule_booking(const RescheduleRequest& request);
std::string encode_add_guests(const std::vector<GuestInput>& guests);
std::string encode_mark_absent(std::optional<bool> host_absent, const std::vector<AbsentMark>& attendees);
std::string encode_webhook_input(const WebhookInput& input);
std::string encode_webhook_patch(const WebhookPatch& patch);

}  // namespace poblysh::calcom
