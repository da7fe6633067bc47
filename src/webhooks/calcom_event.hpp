// webhooks: one Cal.com event (a webhook delivery, or one the reconciler derived from the
// bookings API) reduced to what changes an interview.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/interview_place.hpp"

namespace poblysh::webhooks {

inline constexpr std::string_view kBookingCreated = "BOOKING_CREATED";
inline constexpr std::string_view kBookingCancelled = "BOOKING_CANCELLED";
inline constexpr std::string_view kBookingRescheduled = "BOOKING_RESCHEDULED";
inline constexpr std::string_view kBookingRequested = "BOOKING_REQUESTED";
inline constexpr std::string_view kBookingRejected = "BOOKING_REJECTED";
inline constexpr std::string_view kMeetingEnded = "MEETING_ENDED";
inline constexpr std::string_view kNoShowUpdated = "BOOKING_NO_SHOW_UPDATED";
inline constexpr std::string_view kHostsNoShow = "AFTER_HOSTS_CAL_VIDEO_NO_SHOW";
inline constexpr std::string_view kGuestsNoShow = "AFTER_GUESTS_CAL_VIDEO_NO_SHOW";

// At most this many attendees are read from one event; a longer list is refused (ours hold the
// contact, 30 guests and 20 team members at most).
inline constexpr std::size_t kMaxAttendees = 256;

// One person a no-show report names: absent, or present after all (Cal.com can unmark).
struct PartyMark {
  std::string email;  // empty: the booking's host, whom Cal.com names by noShowHost alone
  bool absent = true;
  bool operator==(const PartyMark&) const = default;
};

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
  std::optional<domain::Place> place;        // a location that is an address or a phone number
  std::optional<std::int64_t> interview_id;  // metadata.poblysh_interview_id: bookings we made
  bool request_reschedule = false;           // BOOKING_CANCELLED: the host asked the attendee for a new time
  // MEETING_ENDED and the no-show triggers: who was absent (attendees first, the host last).
  std::vector<PartyMark> marks;
  bool every_attendee_absent = false;  // AFTER_GUESTS_CAL_VIDEO_NO_SHOW naming nobody: no guest joined
  std::string message;                 // a no-show's message, as Cal.com words it

  bool acts() const;  // a trigger that can change an interview
  bool reports_no_show() const;  // BOOKING_NO_SHOW_UPDATED or one of Cal Video's no-show triggers
};

// Parses a raw body. Malformed JSON, a missing envelope, or a trigger we act on without the
// fields it needs (uid — bookingUid for no-shows; times for created/rescheduled/requested;
// rescheduleUid; at most kMaxAttendees attendees) is invalid_input naming the field; other
// triggers need only triggerEvent. MEETING_ENDED comes as Cal.com's booking row next to
// triggerEvent, without the payload wrapper (its createdAt is the booking's, not the event's);
// a wrapped one is read too.
Result<CalcomEvent> parse_event(std::string_view body);

// What makes two deliveries the same event: uid + trigger + createdAt (Cal.com repeats a
// delivery with the same envelope), else the body's hash.
std::string dedupe_key(const CalcomEvent& event, std::string_view body);

// The webhook body Cal.com would have sent for `event` (used for events the reconciler makes
// up, so they are stored and re-applied exactly like deliveries).
std::string to_body(const CalcomEvent& event);

}  // namespace poblysh::webhooks
