// Booking writes. Each one reasons about what a repeat would do (see executor.hpp, Repeat).
#include <algorithm>
#include <chrono>
#include <set>

#include "calcom/client_calls.hpp"
#include "calcom/encode.hpp"
#include "calcom/parse.hpp"

namespace poblysh::calcom {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

// Where a booking made by `request` must show up in GET /v2/bookings. Narrow on purpose: the
// interview id match happens client-side, so every extra page is another request.
BookingsQuery lookup_scope(const CreateBookingRequest& request) {
  BookingsQuery scope;
  if (!request.attendee.email.empty()) scope.attendee_email = request.attendee.email;
  scope.event_type_ids = {request.event_type_id};
  scope.after_start = request.start - std::chrono::minutes(1);
  // Interviews do not last a day; the end bound only matters when there is no e-mail filter.
  scope.before_end = request.start + std::chrono::hours(24);
  scope.take = 100;
  return scope;
}

// A POST to one of a booking's actions: /v2/bookings/{uid}/cancel, /reschedule.
ApiCall booking_action(const std::string& uid, std::string_view action, std::string body) {
  std::string path = "/v2/bookings/" + path_segment(uid) + "/" + std::string(action);
  return ApiCall{HttpMethod::post, std::move(path), {}, std::move(body), kApiBookings, "booking"};
}

}  // namespace

Result<Booking> CurlClient::create_booking(const CreateBookingRequest& request, const CallContext& ctx) {
  RETURN_IF_ERROR(validate_create_booking(request));
  BookingsQuery scope = lookup_scope(request);
  auto find_applied = [&]() { return find_booking_by_interview(request.interview_id, scope, ctx); };

  if (request.look_up_first) {
    ASSIGN_OR_RETURN(auto existing, find_applied());
    if (existing) return std::move(*existing);
  }
  ApiCall api_call{HttpMethod::post, "/v2/bookings", {}, encode_create_booking(request), kApiBookings, "event type"};
  auto booked = call_checked<Booking>(api_call, ctx, parse_booking_response, find_applied);
  if (booked) slots_cache_.clear();  // that time is no longer free
  return booked;
}

Result<Booking> CurlClient::cancel_booking(const std::string& uid, const std::string& reason, const CallContext& ctx) {
  if (uid.empty()) return invalid_field("uid", "is required");
  if (reason.empty()) return invalid_field("reason", "Cal.com requires a reason when a host cancels");
  ApiCall api_call = booking_action(uid, "cancel", encode_cancel_booking(reason));
  // Cancelling is idempotent in effect, so it is retried like a read. The one wrinkle: Cal.com
  // refuses to cancel a cancelled booking ("already cancelled") — after a retry whose first
  // answer was lost, or when a webhook-driven sync got there first. Either way the caller's
  // wish is fulfilled, so a refusal is checked against the booking's state.
  RetryBudget budget = executor_.new_budget();
  auto sent = executor_.run(api_call, ctx, Repeat::safe, budget);
  if (!sent) {
    Error error = std::move(sent.error().error);
    if (error.code == ErrorCode::upstream_failed || error.code == ErrorCode::conflict) {
      auto current = get_booking(uid, ctx);
      if (current && current->status == BookingStatus::cancelled) {
        slots_cache_.clear();
        return current;
      }
    }
    return tl::unexpected(std::move(error));
  }
  auto cancelled = parse_booking_response(sent->body);
  if (!cancelled) {
    executor_.log_failure(api_call, ctx, budget, cancelled.error(), "reading the booking instead");
    cancelled = get_booking(uid, ctx);
  }
  if (cancelled) slots_cache_.clear();
  return cancelled;
}

Result<Booking> CurlClient::reschedule_booking(const std::string& uid, const RescheduleRequest& request,
                                               const CallContext& ctx) {
  if (uid.empty()) return invalid_field("uid", "is required");
  ApiCall api_call = booking_action(uid, "reschedule", encode_reschedule_booking(request));
  // Not safe to repeat: the first reschedule cancels `uid` and makes a new booking. After an
  // unknown outcome the old booking tells us: rescheduledToUid points at the new one.
  auto find_applied = [&]() -> Result<std::optional<Booking>> {
    ASSIGN_OR_RETURN(auto old, get_booking(uid, ctx));
    if (old.rescheduled_to_uid.empty()) return std::optional<Booking>();
    ASSIGN_OR_RETURN(auto moved, get_booking(old.rescheduled_to_uid, ctx));
    return std::optional<Booking>(std::move(moved));
  };
  auto moved = call_checked<Booking>(api_call, ctx, parse_booking_response, find_applied);
  if (moved) slots_cache_.clear();
  return moved;
}

Result<Booking> CurlClient::add_guests(const std::string& uid, const std::vector<GuestInput>& guests,
                                       const CallContext& ctx) {
  if (uid.empty()) return invalid_field("uid", "is required");
  RETURN_IF_ERROR(validate_add_guests(guests));
  ApiCall api_call{
      HttpMethod::post, "/v2/bookings/" + path_segment(uid) + "/guests", {}, encode_add_guests(guests), kApiBookings,
      "booking"};
  // A repeat could invite the same people twice; after an unknown outcome, check whether all
  // of them are on the booking already.
  auto find_applied = [&]() -> Result<std::optional<Booking>> {
    ASSIGN_OR_RETURN(auto current, get_booking(uid, ctx));
    std::set<std::string> present;
    for (const auto& email : current.guests) present.insert(lower(email));
    for (const auto& attendee : current.attendees) present.insert(lower(attendee.email));
    bool all = std::all_of(guests.begin(), guests.end(),
                           [&](const GuestInput& guest) { return present.count(lower(guest.email)) > 0; });
    if (!all) return std::optional<Booking>();
    return std::optional<Booking>(std::move(current));
  };
  return call_checked<Booking>(api_call, ctx, parse_booking_response, find_applied);
}

Result<Booking> CurlClient::mark_absent(const std::string& uid, std::optional<bool> host_absent,
                                        const std::vector<AbsentMark>& attendees, const CallContext& ctx) {
  if (uid.empty()) return invalid_field("uid", "is required");
  RETURN_IF_ERROR(validate_mark_absent(host_absent, attendees));
  // It sets each one's state to the value given: sending it twice leaves the booking as once.
  ApiCall api_call = booking_action(uid, "mark-absent", encode_mark_absent(host_absent, attendees));
  return call<Booking>(api_call, ctx, Repeat::safe, parse_booking_response);
}

}  // namespace poblysh::calcom
