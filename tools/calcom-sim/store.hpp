// calcom-sim: the simulator's state — fixture catalogue, bookings, webhooks — and its rules.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_error.hpp"
#include "core/clock.hpp"
#include "model.hpp"

namespace poblysh::calcom_sim {

struct SlotQuery {
  std::string start;  // raw query values: a date or an ISO time
  std::string end;
  std::optional<int> event_type_id;
  std::string event_type_slug;
  std::string username;
  std::string team_slug;
  std::vector<std::string> usernames;  // dynamic group: every user must be free
  std::optional<int> duration;
  std::string time_zone = "UTC";
  std::string booking_uid_to_reschedule;  // that booking's time counts as free
};

struct SlotAnswer {
  std::vector<SystemTime> starts;
  int duration = 0;
};

struct CreateBookingInput {
  SystemTime start;
  Attendee attendee;
  std::optional<int> event_type_id;
  std::string event_type_slug;
  std::string username;
  std::string team_slug;
  std::vector<std::string> guests;
  std::optional<int> length;
  nlohmann::json metadata = nlohmann::json::object();
  nlohmann::json responses = nlohmann::json::object();  // bookingFieldsResponses
  nlohmann::json location;                               // null, or a booking location input object
};

struct RescheduleInput {
  SystemTime start;
  std::optional<std::string> reason;
  std::optional<std::string> rescheduled_by;
};

struct BookingFilter {
  std::vector<std::string> statuses;  // upcoming, recurring, past, cancelled, unconfirmed
  std::string attendee_email;
  std::string attendee_name;
  std::optional<SystemTime> after_start, before_end, after_created, before_created, after_updated, before_updated;
  std::vector<int> event_type_ids;
  std::string sort_field = "start";  // start, end, createdAt, updatedAt
  bool descending = false;
  int take = 100;
  int skip = 0;
};

struct BookingPage {
  std::vector<Booking> items;
  int total = 0;
};

// Create or PATCH: absent fields keep their value.
struct WebhookInput {
  std::optional<std::string> subscriber_url;
  std::optional<std::vector<std::string>> triggers;
  std::optional<bool> active;
  std::optional<std::string> secret;
  std::optional<std::string> payload_template;
};

// One webhook request, signed and ready to send.
struct DeliveryJob {
  std::string webhook_id;
  std::string subscriber_url;
  std::string trigger;
  std::string booking_uid;
  std::string body;
  std::string signature;
  std::string content_type = "application/json";
};

class Store {
 public:
  Store(Fixture fixture, const Clock& clock);
  // Forgets bookings and webhooks; the fixture catalogue stays.
  void reset();

  // The catalogue never changes after construction, so these need no lock.
  const Fixture& fixture() const { return fixture_; }
  const ApiKey* find_key(std::string_view key) const;
  const User* user(int id) const;
  const User* user_by_username(std::string_view username) const;
  const EventType* event_type(int id) const;
  const Team* team(int id) const;
  const Team* team_by_slug(std::string_view slug) const;
  std::vector<int> hosts_of(const EventType& type) const;
  // Whether `actor` may see `user_id`'s data: itself, or an accepted OWNER/ADMIN of a shared team.
  bool manages(int actor, int user_id) const;

  SimResult<SlotAnswer> slots(const SlotQuery& query) const;

  SimResult<Booking> create_booking(const CreateBookingInput& input);
  SimResult<Booking> get_booking(std::string_view uid) const;
  SimResult<Booking> cancel_booking(std::string_view uid, std::optional<std::string> reason, int actor);
  // Returns {old (now cancelled), new}.
  SimResult<std::pair<Booking, Booking>> reschedule_booking(std::string_view uid, const RescheduleInput& input);
  SimResult<Booking> add_guests(std::string_view uid, const std::vector<Attendee>& guests);
  // A booking that waits for its host (the event type requires confirmation): accepted, or
  // declined (status rejected, with the host's reason).
  SimResult<Booking> confirm_booking(std::string_view uid);
  SimResult<Booking> decline_booking(std::string_view uid, std::optional<std::string> reason);
  // The host's "request reschedule": the booking is cancelled and the attendee asked for a new time.
  SimResult<Booking> request_reschedule(std::string_view uid, std::optional<std::string> reason);
  // Marks attendees (by email) and the host absent or present; returns the booking and the
  // attendees whose mark was set, as Cal.com reports them.
  struct AbsentMark {
    std::string email;
    bool absent = true;
  };
  SimResult<std::pair<Booking, std::vector<AbsentMark>>> mark_absent(std::string_view uid, std::optional<bool> host,
                                                                     const std::vector<AbsentMark>& attendees);
  BookingPage list_bookings(int actor, const BookingFilter& filter) const;
  std::vector<Booking> all_bookings() const;

  std::vector<Webhook> webhooks(int user_id) const;
  SimResult<Webhook> webhook(int user_id, std::string_view id) const;
  SimResult<Webhook> create_webhook(int user_id, const WebhookInput& input);
  SimResult<Webhook> update_webhook(int user_id, std::string_view id, const WebhookInput& input);
  SimResult<Webhook> delete_webhook(int user_id, std::string_view id);

  // What Cal.com would POST for this booking event: one job per active subscribed webhook
  // whose owner manages one of the booking's hosts.
  std::vector<DeliveryJob> deliveries_for(const std::string& trigger, const Booking& booking,
                                          const Booking* previous) const;
  // The same fan-out for a body made elsewhere (the no-show and meeting triggers' own shapes).
  std::vector<DeliveryJob> deliveries_with_body(const std::string& trigger, const Booking& booking,
                                                const nlohmann::ordered_json& body) const;
  // MEETING_ENDED and the Cal Video no-show triggers, as Cal.com's scheduled tasks send them.
  // `host_email`: the absent host (AFTER_HOSTS_…; empty: the organizer); `absent_emails`: the
  // attendees who did not join (AFTER_GUESTS_…; empty: every attendee), marked absent here.
  SimResult<std::vector<DeliveryJob>> scheduled_deliveries(const std::string& trigger, std::string_view uid,
                                                           const std::string& host_email,
                                                           const std::vector<std::string>& absent_emails);

 private:
  SimResult<const EventType*> resolve_event_type(std::optional<int> id, const std::string& slug,
                                                 const std::string& username, const std::string& team_slug) const;
  // Availability and busy times of `hosts`, ignoring the booking `ignore_uid` (being rescheduled).
  struct Schedule {
    std::vector<std::vector<Interval>> availability;
    std::vector<Interval> busy;
  };
  Schedule schedule_for(const std::vector<int>& hosts, Interval window, const std::string& ignore_uid) const;
  SimResult<void> check_free(const EventType& type, SystemTime start, int duration, const std::string& ignore_uid) const;
  Booking* find_locked(std::string_view uid);
  std::string new_uid();

  const Fixture fixture_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::vector<Booking> bookings_;
  std::vector<Webhook> webhooks_;
  int next_booking_id_ = 1001;
  std::mt19937_64 random_;
};

}  // namespace poblysh::calcom_sim
