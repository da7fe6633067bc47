// calcom-sim: the simulated Cal.com account — users, teams, event types, bookings, webhooks.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"

namespace poblysh::calcom_sim {

// A half-open interval [start, end) of absolute time.
struct Interval {
  SystemTime start;
  SystemTime end;
};

// Minutes after local midnight, as Cal.com schedules store working hours.
struct DayRange {
  int start_minute = 0;
  int end_minute = 0;
};

// Working hours of one user in their own zone; index 0 is Sunday (Cal.com's day numbering).
using WeeklyHours = std::array<std::vector<DayRange>, 7>;

struct User {
  int id = 0;
  std::string username;
  std::string email;
  std::string name;
  std::string time_zone = "UTC";
  int time_format = 24;
  std::string week_start = "Monday";
  int default_schedule_id = 0;
  std::string locale = "en";
  WeeklyHours hours;
};

struct Membership {
  int id = 0;
  int user_id = 0;
  std::string role = "MEMBER";  // MEMBER / ADMIN / OWNER, as Cal.com spells them
  bool accepted = true;
};

struct Team {
  int id = 0;
  std::string name;
  std::string slug;
  std::string time_zone = "UTC";
  std::vector<Membership> members;
};

struct EventType {
  int id = 0;
  std::string slug;
  std::string title;
  std::string description;
  int length = 30;
  std::vector<int> length_options;  // non-empty only for multi-length types
  nlohmann::json locations = nlohmann::json::array();  // output form, e.g. {"type":"integration",...}
  std::optional<int> owner_id;      // personal event types
  std::optional<int> team_id;       // team event types
  std::string scheduling_type;      // team types: "collective" (all hosts must be free)
  std::vector<int> host_ids;        // team types; personal types use owner_id
  bool hidden = false;
  bool disable_guests = false;
  bool requires_confirmation = false;  // bookings wait as "pending" until the host confirms
  int minimum_booking_notice = 0;   // minutes
  int before_buffer = 0;
  int after_buffer = 0;
  std::optional<int> slot_interval;
};

struct ApiKey {
  std::string key;
  int user_id = 0;
  std::vector<std::string> deny;  // capability names this key lacks, e.g. "webhooks"
};

struct Attendee {
  std::string name;
  std::string email;
  std::string time_zone = "UTC";
  std::string language = "en";
  std::string phone;
  bool absent = false;
};

struct Booking {
  int id = 0;
  std::string uid;
  int event_type_id = 0;
  std::string title;
  std::string description;
  std::vector<int> host_ids;  // organizer first
  std::string status = "accepted";  // lowercase, as BookingOutput_2024_08_13
  SystemTime start;
  SystemTime end;
  int duration = 0;
  std::string location;
  std::string meeting_url;
  std::vector<Attendee> attendees;  // booker first, then guests
  std::vector<std::string> guests;  // guest emails
  nlohmann::json responses = nlohmann::json::object();  // bookingFieldsResponses
  nlohmann::json metadata = nlohmann::json::object();
  SystemTime created_at;
  SystemTime updated_at;
  std::string ical_uid;
  int ical_sequence = 0;
  std::optional<std::string> cancellation_reason;
  std::optional<std::string> cancelled_by;
  std::optional<std::string> rescheduling_reason;
  std::optional<std::string> rescheduled_by;
  std::optional<std::string> rescheduled_from_uid;
  std::optional<std::string> rescheduled_to_uid;
  bool absent_host = false;
  std::optional<std::string> rejection_reason;
  bool reschedule_requested = false;  // cancelled by the host asking the attendee for a new time
};

struct Webhook {
  std::string id;  // UUID string, as real Cal.com (the spec's number type is wrong)
  int user_id = 0;
  std::string subscriber_url;
  std::vector<std::string> triggers;
  bool active = true;
  std::optional<std::string> secret;
  std::optional<std::string> payload_template;
};

// Everything loaded from the fixture: the part of the state that a reset restores.
struct Fixture {
  std::vector<User> users;
  std::vector<Team> teams;
  std::vector<EventType> event_types;
  std::vector<ApiKey> api_keys;
};

}  // namespace poblysh::calcom_sim
