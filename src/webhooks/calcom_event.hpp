// webhooks: one Cal.com event (a webhook delivery, or one the reconciler derived from the
// bookings API) reduced to what changes an interview.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::webhooks {

inline constexpr std::string_view kBookingCreated = "BOOKING_CREATED";
inline constexpr std::string_view kBookingCancelled = "BOOKING_CANCELLED";
inline constexpr std::string_view kBookingRescheduled = "BOOKING_RESCHEDULED";
inline constexpr std::string_view kBookingRequested = "BOOKING_REQUESTED";
inline constexpr std::string_view kBookingRejected = "BOOKING_REJECTED";

struct CalcomEvent {
  std::string trigger;                  // triggerEvent, e.g. "BOOKING_CREATED", "PING"
  std::optional<SystemTime> created_at;  // the envelope's createdAt
  std::string uid;                      // the booking this event is about (the new one on reschedule)
  std::optional<std::int64_t> booking_id;
  std::optional<SystemTime> start;
  std::optional<SystemTime> end;
  std::string status;  // ACCEPTED, PENDING, CANCELLED, REJECTED (upper case, as Cal.com sends it)
  std::string ical_uid;
  std::optional<int> ical_sequence;
  std::string reschedule_uid;  // BOOKING_RESCHEDULED: the booking it replaces
  std::string reason;          // cancellationReason or rejectionReason
  std::string changed_by;      // cancelledBy / rescheduledBy (an email), for the history
  std::string meeting_url;
  std::string meeting_provider;
  std::optional<std::int64_t> interview_id;  // metadata.poblysh_interview_id: bookings we made

  bool acts() const;  // a trigger that can change an interview
};

// Parses a raw body. Malformed JSON, a missing envelope, or a booking trigger without the
// fields it needs (uid; times for created/rescheduled/requested; rescheduleUid) is
// invalid_input naming the field; other triggers need only triggerEvent.
Result<CalcomEvent> parse_event(std::string_view body);

// What makes two deliveries the same event: uid + trigger + createdAt (Cal.com repeats a
// delivery with the same envelope), else the body's hash.
std::string dedupe_key(const CalcomEvent& event, std::string_view body);

// The webhook body Cal.com would have sent for `event` (used for events the reconciler makes
// up, so they are stored and re-applied exactly like deliveries).
std::string to_body(const CalcomEvent& event);

}  // namespace poblysh::webhooks
