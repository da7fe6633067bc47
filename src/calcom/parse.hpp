// calcom: pure parsers from Cal.com response bodies to our types (unit-tested, fuzzable).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "calcom/types.hpp"
#include "core/error.hpp"

namespace poblysh::calcom {

// What Cal.com said went wrong. Accepts both error shapes of API-NOTES §2:
//   {"status":"error","error":{"code":"NotFoundException","message":…,"details":…}}
//   {"statusCode":400,"message":"…" | ["…",…],"error":"Bad Request"}
// Best effort, never fails: a non-JSON body (a proxy's HTML page) becomes a short snippet.
struct ApiErrorInfo {
  std::string code;     // exception class name, e.g. "ThrottlerException"; may be empty
  std::string message;  // comma-joined when Cal.com sent a list
};
ApiErrorInfo parse_error_body(std::string_view body);

// Each takes the raw body of a 2xx response, checks the {"status":"success","data":…}
// envelope and maps `data`. Malformed input gives ErrorCode::upstream_failed with the
// offending JSON path in Error::internal; nothing throws.
Result<Me> parse_me_response(std::string_view body);
Result<std::vector<EventType>> parse_event_types_response(std::string_view body);
Result<Slots> parse_slots_response(std::string_view body);
Result<Booking> parse_booking_response(std::string_view body);
// `take` is what we asked for: without a pagination object, a full page means "maybe more".
Result<BookingsPage> parse_bookings_response(std::string_view body, int take);
Result<Webhook> parse_webhook_response(std::string_view body);
Result<std::vector<Webhook>> parse_webhooks_response(std::string_view body);

BookingStatus parse_booking_status(std::string_view text);

// The error every parser returns; exposed so callers and tests can recognise it.
Error malformed_response(std::string detail);

}  // namespace poblysh::calcom
