// calcom: the typed requests and responses we exchange with Cal.com API v2 (no JSON here).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace poblysh::calcom {

// The metadata key under which every booking we create carries our interview id. Cal.com has
// no server-side metadata filter, so this is what the lookup-before-retry logic matches on.
inline constexpr const char* kInterviewIdMetadataKey = "poblysh_interview_id";

// Per-call context: only used for logging so a Cal.com failure can be traced to our request.
struct CallContext {
  std::string request_id;
};

// GET /v2/me
struct Me {
  std::int64_t id = 0;
  std::string username;
  std::string email;
  std::string name;
  std::string time_zone;
  std::optional<int> time_format;  // 12 or 24
  std::string week_start;
  std::optional<std::int64_t> default_schedule_id;
  std::optional<std::int64_t> organization_id;
};

// Cal.com's location object; `type` picks which other member is meaningful, e.g.
// {type:"integration", integration:"google-meet"}, {type:"attendeeDefined", location:"…"}.
struct BookingLocation {
  std::string type;
  std::optional<std::string> integration;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> location;
};

struct EventType {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
  int length_in_minutes = 0;
  std::vector<int> length_in_minutes_options;  // only for multi-length types
  std::string description;
  bool hidden = false;
  std::optional<std::int64_t> owner_id;
  std::optional<std::int64_t> team_id;         // team event types only
  std::string scheduling_type;                 // ROUND_ROBIN / COLLECTIVE / MANAGED, team only
  std::string booking_url;
  // Where its meetings happen, Cal.com's default first (output form: an address or phone has its
  // value; attendeeAddress / attendeePhone / attendeeDefined let the booking say it).
  std::vector<BookingLocation> locations;
};

// No team id → the key owner's own event types (GET /v2/event-types), or `username`'s;
// a team id → GET /v2/teams/{teamId}/event-types.
struct EventTypesQuery {
  std::optional<std::int64_t> team_id;
  std::optional<std::string> username;  // a user's public event types instead of the key owner's
  std::optional<std::string> event_slug;
  bool skip_cache = false;  // health checks must see Cal.com's answer of now
};

struct Slot {
  SystemTime start;
  std::optional<SystemTime> end;  // present with format=range
};

// Date "YYYY-MM-DD" (in the query's time zone) → the free slots that day, as Cal.com groups them.
struct Slots {
  std::map<std::string, std::vector<Slot>> by_date;

  std::size_t count() const {
    std::size_t n = 0;
    for (const auto& [date, slots] : by_date) n += slots.size();
    return n;
  }
};

// Exactly one way of naming the event: event_type_id, or username + event_type_slug, or a
// `usernames` list (dynamic group: everybody in the list must be free).
struct SlotsQuery {
  std::optional<std::int64_t> event_type_id;
  std::optional<std::string> username;
  std::optional<std::string> event_type_slug;
  std::vector<std::string> usernames;
  SystemTime start;
  SystemTime end;
  std::optional<int> duration_minutes;
  std::string time_zone;  // empty → Cal.com's default (UTC)
  bool range_format = true;  // format=range, so every slot carries its end
  std::optional<std::string> booking_uid_to_reschedule;
};

struct Attendee {
  std::string name;
  std::string email;
  std::string time_zone;
  std::optional<std::string> language;
  std::optional<std::string> phone_number;
  bool absent = false;
};

struct Host {
  std::optional<std::int64_t> id;
  std::string name;
  std::string email;
  std::string username;
  std::string time_zone;
};

struct CreateBookingRequest {
  std::string interview_id;  // required: stored in metadata[kInterviewIdMetadataKey]
  std::int64_t event_type_id = 0;
  SystemTime start;
  Attendee attendee;
  std::vector<std::string> guests;  // e-mail addresses
  std::optional<int> length_in_minutes;  // multi-length event types only
  std::map<std::string, std::string> metadata;  // extra keys; ≤50 keys, key ≤40, value ≤500
  std::map<std::string, std::string> booking_fields_responses;  // e.g. {"notes": "…"}
  std::optional<BookingLocation> location;
  // Set when an earlier attempt for this interview ended with an unknown outcome (for example a
  // process restart mid-request): the client then looks for the booking before creating one.
  bool look_up_first = false;
};

struct RescheduleRequest {
  SystemTime start;
  std::string rescheduling_reason;
  std::optional<std::string> rescheduled_by;  // e-mail; needed when confirmation is required
};

struct GuestInput {
  std::string email;
  std::optional<std::string> name;
  std::optional<std::string> time_zone;
};

// One attendee of a booking, by e-mail, marked absent (or present after all).
struct AbsentMark {
  std::string email;
  bool absent = true;
};

enum class BookingStatus { accepted, pending, cancelled, rejected, unknown };
const char* booking_status_name(BookingStatus status);

struct Booking {
  std::int64_t id = 0;
  std::string uid;
  std::string title;
  std::string description;
  BookingStatus status = BookingStatus::unknown;
  SystemTime start;
  SystemTime end;
  std::optional<int> duration_minutes;
  std::optional<std::int64_t> event_type_id;
  std::string event_type_slug;
  std::string location;
  std::string meeting_url;  // meetingUrl: the video link when the location is an integration
  std::string ical_uid;     // icsUid
  std::vector<Host> hosts;
  std::vector<Attendee> attendees;
  std::vector<std::string> guests;
  bool absent_host = false;  // absentHost: the host did not come
  // Only string-valued metadata is kept; Cal.com only accepts strings for it anyway.
  std::map<std::string, std::string> metadata;
  std::optional<SystemTime> created_at;
  std::optional<SystemTime> updated_at;
  std::string cancellation_reason;
  std::string rescheduling_reason;
  std::string rescheduled_from_uid;
  std::string rescheduled_to_uid;

  std::optional<std::string> interview_id() const {
    auto it = metadata.find(kInterviewIdMetadataKey);
    if (it == metadata.end()) return std::nullopt;
    return it->second;
  }
};

// GET /v2/bookings filters (2024-08-13 controller: take/skip pagination).
struct BookingsQuery {
  std::vector<std::string> status;  // upcoming, recurring, past, cancelled, unconfirmed
  std::optional<std::string> attendee_email;
  std::optional<std::string> attendee_name;
  std::vector<std::int64_t> event_type_ids;
  std::optional<std::int64_t> team_id;
  std::optional<SystemTime> after_start;
  std::optional<SystemTime> before_end;
  std::optional<SystemTime> after_created_at;
  std::optional<SystemTime> after_updated_at;
  std::optional<SystemTime> before_updated_at;
  std::optional<std::string> sort_updated_at;  // "asc" | "desc"
  std::optional<std::string> sort_start;       // "asc" | "desc"
  int take = 100;
  int skip = 0;
};

struct BookingsPage {
  std::vector<Booking> bookings;
  std::optional<int> total_items;
  bool has_next_page = false;
};

// The webhook secret is deliberately not kept: it is a secret, and we already hold it in config.
struct Webhook {
  std::string id;  // UUID string in reality (the spec says number; numbers are stringified)
  std::string subscriber_url;
  std::vector<std::string> triggers;
  bool active = false;
  std::string payload_template;
  bool has_secret = false;
};

struct WebhookInput {
  std::string subscriber_url;
  std::vector<std::string> triggers;
  bool active = true;
  std::optional<std::string> secret;
  std::optional<std::string> payload_template;
};

struct WebhookPatch {
  std::optional<std::string> subscriber_url;
  std::optional<std::vector<std::string>> triggers;
  std::optional<bool> active;
  std::optional<std::string> secret;
  std::optional<std::string> payload_template;
};

}  // namespace poblysh::calcom
