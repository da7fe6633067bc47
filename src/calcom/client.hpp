// calcom: the Cal.com API v2 client interface the rest of the service depends on.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calcom/types.hpp"
#include "core/error.hpp"

namespace poblysh::calcom {

// Keys of ClientOptions::api_versions: one `cal-api-version` per endpoint family, because the
// server picks a controller (and so a request schema) by it. See API-NOTES §0.
inline constexpr const char* kApiBookings = "bookings";
inline constexpr const char* kApiSlots = "slots";
inline constexpr const char* kApiEventTypes = "event_types";
inline constexpr const char* kApiMe = "me";
inline constexpr const char* kApiTeams = "teams";
inline constexpr const char* kApiWebhooks = "webhooks";

// The versions the saved spec declares; me/teams/webhooks declare none, so none is sent.
std::map<std::string, std::string> default_api_versions();

struct ClientOptions {
  std::string base_url = "https://api.cal.com";
  std::string api_key;  // from config; never logged, never in an error message
  // Endpoint family → cal-api-version value; a missing or empty entry sends no header.
  std::map<std::string, std::string> api_versions = default_api_versions();

  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds total_timeout{15000};  // per attempt

  int max_attempts = 3;
  // A call (all attempts and waits together) gives up rather than exceed this.
  std::chrono::milliseconds max_total_retry_time{20000};
  std::chrono::milliseconds backoff_base{250};
  std::chrono::milliseconds backoff_cap{4000};
  // Waiting for a 429 to clear without Retry-After or reset headers (Cal.com blocks 60 s).
  std::chrono::seconds default_rate_limit_wait{60};

  // Client-side budget under Cal.com's 120/min per key; several instances each get a share.
  int requests_per_minute = 120;  // <= 0 disables the limiter
  // How long a request may queue for the budget before failing with rate_limited.
  std::chrono::milliseconds max_rate_limit_wait{10000};

  std::chrono::minutes event_types_ttl{5};
  std::chrono::seconds slots_ttl{30};

  int max_parallel_requests = 8;  // slots_many fan-out width
  std::string user_agent = "poblysh-interviews/0.1";
};

// "cal_live_abcdef…wxyz" → "cal_live_…wxyz": enough to tell keys apart in a log or a support
// chat, never enough to use. Short keys show only the prefix.
std::string redact_key(std::string_view key);

class Client {
 public:
  virtual ~Client() = default;

  // GET /v2/me — the cheapest "is this key valid" probe.
  virtual Result<Me> me(const CallContext& ctx = {}) = 0;

  // GET /v2/event-types (own) or /v2/teams/{teamId}/event-types. Cached for minutes.
  virtual Result<std::vector<EventType>> event_types(const EventTypesQuery& query,
                                                     const CallContext& ctx = {}) = 0;

  // GET /v2/slots. Cached for seconds.
  virtual Result<Slots> slots(const SlotsQuery& query, const CallContext& ctx = {}) = 0;
  // Independent slot lookups in parallel: results in the order of `queries`.
  virtual std::vector<Result<Slots>> slots_many(const std::vector<SlotsQuery>& queries,
                                                const CallContext& ctx = {}) = 0;

  // POST /v2/bookings. Never books twice: after an ambiguous failure it looks the booking up by
  // request.interview_id before sending again (see curl_client_bookings.cpp).
  virtual Result<Booking> create_booking(const CreateBookingRequest& request,
                                         const CallContext& ctx = {}) = 0;
  virtual Result<Booking> get_booking(const std::string& uid, const CallContext& ctx = {}) = 0;
  virtual Result<Booking> cancel_booking(const std::string& uid, const std::string& reason,
                                         const CallContext& ctx = {}) = 0;
  // Returns the *new* booking (new uid; rescheduled_from_uid = the old one).
  virtual Result<Booking> reschedule_booking(const std::string& uid,
                                             const RescheduleRequest& request,
                                             const CallContext& ctx = {}) = 0;
  virtual Result<Booking> add_guests(const std::string& uid, const std::vector<GuestInput>& guests,
                                     const CallContext& ctx = {}) = 0;
  // POST /v2/bookings/{uid}/mark-absent: the host (nullopt: left as it is) and the attendees
  // named absent or present. Cal.com refuses it before the meeting starts.
  virtual Result<Booking> mark_absent(const std::string& uid, std::optional<bool> host_absent,
                                      const std::vector<AbsentMark>& attendees, const CallContext& ctx = {}) = 0;
  virtual Result<BookingsPage> list_bookings(const BookingsQuery& query,
                                             const CallContext& ctx = {}) = 0;
  // Pages through list_bookings(scope) and matches metadata[kInterviewIdMetadataKey] client-side
  // (there is no server-side metadata filter). Cancelled/rejected bookings are skipped.
  // Narrow the scope (attendee_email, after_start, event_type_ids) to keep this to one page.
  virtual Result<std::optional<Booking>> find_booking_by_interview(
      const std::string& interview_id, const BookingsQuery& scope, const CallContext& ctx = {}) = 0;

  virtual Result<std::vector<Webhook>> list_webhooks(const CallContext& ctx = {}) = 0;
  virtual Result<Webhook> create_webhook(const WebhookInput& input,
                                         const CallContext& ctx = {}) = 0;
  virtual Result<Webhook> update_webhook(const std::string& id, const WebhookPatch& patch,
                                         const CallContext& ctx = {}) = 0;
};

}  // namespace poblysh::calcom
