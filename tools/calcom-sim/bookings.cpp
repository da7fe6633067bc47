// Store: slots and the booking lifecycle (create, cancel, reschedule, add guests).
#include <algorithm>
#include <chrono>

#include "slots.hpp"
#include "store.hpp"
#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

constexpr const char* kUnavailable = "User either already has booking at this time or is not available";

struct Placement {
  std::string location;
  std::string meeting_url;
};

// Where the meeting happens, spelled as Cal.com stores it ("integrations:daily" for Cal Video).
Placement place_integration(const std::string& integration, const std::string& uid) {
  if (integration == "cal-video") return {"integrations:daily", "https://app.cal.com/video/" + uid};
  if (integration == "google-meet") {
    return {"integrations:google:meet", "https://meet.google.com/" + uid.substr(0, 3) + "-" + uid.substr(3, 4) + "-" +
                                            uid.substr(7, 3)};
  }
  if (integration == "zoom") return {"integrations:zoom", "https://zoom.us/j/" + std::to_string(std::hash<std::string>{}(uid) % 10000000000ULL)};
  return {"integrations:" + integration, ""};
}

SimResult<Placement> place(const EventType& type, const nlohmann::json& input, const std::string& uid) {
  auto configured = [&](const std::string& kind) -> const nlohmann::json* {
    for (const auto& location : type.locations) if (location.value("type", "") == kind) return &location;
    return nullptr;
  };
  if (input.is_null()) {
    if (type.locations.empty()) return place_integration("cal-video", uid);  // Cal.com's default
    const auto& first = type.locations.front();
    const std::string kind = first.value("type", "");
    if (kind == "integration") return place_integration(first.value("integration", "cal-video"), uid);
    if (kind == "address") return Placement{first.value("address", ""), ""};
    if (kind == "link") return Placement{first.value("link", ""), first.value("link", "")};
    if (kind == "phone") return Placement{first.value("phone", ""), ""};
    return place_integration("cal-video", uid);
  }
  const std::string kind = input.value("type", "");
  if (kind == "integration") {
    const std::string integration = input.value("integration", "");
    for (const auto& location : type.locations) {
      if (location.value("type", "") == "integration" && location.value("integration", "") == integration) {
        return place_integration(integration, uid);
      }
    }
  } else if (kind == "address" || kind == "link" || kind == "phone") {
    if (const auto* location = configured(kind)) return Placement{location->value(kind, ""), ""};
  } else if (kind == "attendeeAddress") {
    return Placement{input.value("address", ""), ""};
  } else if (kind == "attendeePhone") {
    return Placement{input.value("phone", ""), ""};
  } else if (kind == "attendeeDefined") {
    return Placement{input.value("location", ""), ""};
  } else if (kind == "organizersDefaultApp") {
    return place_integration("cal-video", uid);
  }
  return bad_request("Location type '" + kind + "' is not one of the locations of event type with id=" +
                     std::to_string(type.id));
}

bool counts_as_busy(const Booking& booking) { return booking.status != "cancelled" && booking.status != "rejected"; }

}  // namespace

SimResult<const EventType*> Store::resolve_event_type(std::optional<int> id, const std::string& slug,
                                                      const std::string& username,
                                                      const std::string& team_slug) const {
  if (id) {
    if (const auto* type = event_type(*id)) return type;
    return not_found("Event type with id=" + std::to_string(*id) + " not found");
  }
  if (!slug.empty() && !username.empty()) {
    const User* owner = user_by_username(username);
    if (!owner) return not_found("User with username=" + username + " not found");
    for (const auto& type : fixture_.event_types) {
      if (type.owner_id == owner->id && type.slug == slug) return &type;
    }
    return not_found("Event type with slug=" + slug + " and username=" + username + " not found");
  }
  if (!slug.empty() && !team_slug.empty()) {
    const Team* found = team_by_slug(team_slug);
    for (const auto& type : fixture_.event_types) {
      if (found && type.team_id == found->id && type.slug == slug) return &type;
    }
    return not_found("Event type with slug=" + slug + " and teamSlug=" + team_slug + " not found");
  }
  return bad_request(
      "Either eventTypeId, eventTypeSlug + username, eventTypeSlug + teamSlug or usernames must be provided");
}

// Caller holds mutex_.
Store::Schedule Store::schedule_for(const std::vector<int>& hosts, Interval window, const std::string& ignore_uid) const {
  Schedule schedule;
  std::vector<std::string> emails;
  for (int id : hosts) {
    const User* host = user(id);
    schedule.availability.push_back(host ? working_intervals(host->hours, host->time_zone, window)
                                         : std::vector<Interval>{});
    if (host) emails.push_back(host->email);
  }
  for (const auto& booking : bookings_) {
    if (!counts_as_busy(booking) || booking.uid == ignore_uid) continue;
    const bool involved =
        std::any_of(booking.host_ids.begin(), booking.host_ids.end(),
                    [&](int id) { return std::find(hosts.begin(), hosts.end(), id) != hosts.end(); }) ||
        std::any_of(booking.attendees.begin(), booking.attendees.end(), [&](const Attendee& a) {
          return std::find(emails.begin(), emails.end(), a.email) != emails.end();
        });
    if (!involved) continue;
    const EventType* type = event_type(booking.event_type_id);
    const minutes before{type ? type->before_buffer : 0};
    const minutes after{type ? type->after_buffer : 0};
    schedule.busy.push_back(Interval{booking.start - before, booking.end + after});
  }
  return schedule;
}

// Caller holds mutex_.
SimResult<void> Store::check_free(const EventType& type, SystemTime start, int duration,
                                  const std::string& ignore_uid) const {
  const Interval window{start - hours{24}, start + minutes{duration} + hours{24}};
  auto schedule = schedule_for(hosts_of(type), window, ignore_uid);
  SlotRequest request;
  request.availability = std::move(schedule.availability);
  request.busy = std::move(schedule.busy);
  request.duration = minutes{duration};
  request.before_buffer = minutes{type.before_buffer};
  request.after_buffer = minutes{type.after_buffer};
  request.earliest = clock_.now() + minutes{type.minimum_booking_notice};
  if (!is_bookable(request, start)) return bad_request(kUnavailable);
  return {};
}

SimResult<SlotAnswer> Store::slots(const SlotQuery& query) const {
  std::vector<std::string> problems;
  if (query.start.empty()) problems.push_back("start must be a valid ISO 8601 date string");
  if (query.end.empty()) problems.push_back("end must be a valid ISO 8601 date string");
  if (!is_known_zone(query.time_zone)) problems.push_back("timeZone must be a valid IANA time zone");
  const auto from = parse_date_or_time(query.start, query.time_zone, false);
  const auto to = parse_date_or_time(query.end, query.time_zone, true);
  if (!query.start.empty() && !from) problems.push_back("start must be a valid ISO 8601 date string");
  if (!query.end.empty() && !to) problems.push_back("end must be a valid ISO 8601 date string");
  if (!problems.empty()) {
    std::string message;
    for (const auto& problem : problems) message += (message.empty() ? "" : ", ") + problem;
    return bad_request(message);
  }
  if (*to <= *from) return bad_request("end must be after start");

  SlotRequest request;
  std::vector<int> hosts;
  int notice = 0;
  if (query.event_type_id || !query.event_type_slug.empty()) {
    auto type = resolve_event_type(query.event_type_id, query.event_type_slug, query.username, query.team_slug);
    if (!type) return tl::unexpected(type.error());
    const EventType& found = **type;
    hosts = hosts_of(found);
    int duration = found.length;
    if (query.duration && *query.duration != found.length) {
      const auto& options = found.length_options;
      if (std::find(options.begin(), options.end(), *query.duration) == options.end()) {
        return bad_request("Invalid duration: event type with id=" + std::to_string(found.id) +
                           " does not allow a duration of " + std::to_string(*query.duration) + " minutes");
      }
      duration = *query.duration;
    }
    request.duration = minutes{duration};
    request.interval = minutes{found.slot_interval.value_or(duration)};
    request.before_buffer = minutes{found.before_buffer};
    request.after_buffer = minutes{found.after_buffer};
    notice = found.minimum_booking_notice;
  } else if (!query.usernames.empty()) {
    for (const auto& name : query.usernames) {
      const User* member = user_by_username(name);
      if (!member) return not_found("User with username=" + name + " not found");
      hosts.push_back(member->id);
    }
    // A dynamic group event lasts 30 minutes unless the caller asks otherwise.
    request.duration = minutes{query.duration.value_or(30)};
    request.interval = request.duration;
  } else {
    return bad_request(
        "Either eventTypeId, eventTypeSlug + username, eventTypeSlug + teamSlug or usernames must be provided");
  }
  if (request.duration.count() <= 0) return bad_request("duration must be a positive number");
  request.window = Interval{*from, *to};
  request.earliest = clock_.now() + minutes{notice};
  {
    std::lock_guard lock(mutex_);
    auto schedule = schedule_for(hosts, request.window, query.booking_uid_to_reschedule);
    request.availability = std::move(schedule.availability);
    request.busy = std::move(schedule.busy);
  }
  return SlotAnswer{compute_slots(request), static_cast<int>(request.duration.count())};
}

SimResult<Booking> Store::create_booking(const CreateBookingInput& input) {
  auto resolved = resolve_event_type(input.event_type_id, input.event_type_slug, input.username, input.team_slug);
  if (!resolved) return tl::unexpected(resolved.error());
  const EventType& type = **resolved;
  int duration = type.length;
  if (input.length) {
    if (type.length_options.empty()) {
      return bad_request("Can't specify 'lengthInMinutes' because event type does not have multiple possible "
                         "lengths. Please, remove the 'lengthInMinutes' field from the request.");
    }
    if (std::find(type.length_options.begin(), type.length_options.end(), *input.length) ==
        type.length_options.end()) {
      std::string options;
      for (int option : type.length_options) options += (options.empty() ? "" : ", ") + std::to_string(option);
      return bad_request("Provided 'lengthInMinutes' is not one of the possible lengths for the event type. The "
                         "possible lengths are: " + options);
    }
    duration = *input.length;
  }
  if (type.disable_guests && !input.guests.empty()) return bad_request("Guests are disabled for this event type");
  const SystemTime now = clock_.now();
  if (input.start < now) return bad_request("Attempting to book a meeting in the past.");

  std::lock_guard lock(mutex_);
  if (auto free = check_free(type, input.start, duration, ""); !free) return tl::unexpected(free.error());
  Booking booking;
  booking.uid = new_uid();
  auto placement = place(type, input.location, booking.uid);
  if (!placement) return tl::unexpected(placement.error());
  booking.id = next_booking_id_++;
  booking.event_type_id = type.id;
  booking.host_ids = hosts_of(type);
  const User* organizer = user(booking.host_ids.front());
  booking.title = type.title + " between " + (organizer ? organizer->name : "") + " and " + input.attendee.name;
  booking.description = input.responses.value("notes", "");
  booking.start = input.start;
  booking.end = input.start + minutes{duration};
  booking.duration = duration;
  booking.location = placement->location;
  booking.meeting_url = placement->meeting_url;
  booking.attendees.push_back(input.attendee);
  for (const auto& guest : input.guests) {
    // Cal.com turns each guest email into an attendee with an empty name in the booker's zone.
    booking.attendees.push_back(Attendee{"", guest, input.attendee.time_zone, input.attendee.language, "", false});
    booking.guests.push_back(guest);
  }
  booking.responses = input.responses;
  booking.responses["name"] = input.attendee.name;
  if (!input.attendee.email.empty()) booking.responses["email"] = input.attendee.email;
  if (!booking.guests.empty()) booking.responses["guests"] = booking.guests;
  booking.metadata = input.metadata;
  booking.created_at = now;
  booking.updated_at = now;
  booking.ical_uid = booking.uid + "@Cal.com";
  if (type.requires_confirmation) booking.status = "pending";
  bookings_.push_back(booking);
  return booking;
}

SimResult<Booking> Store::cancel_booking(std::string_view uid, std::optional<std::string> reason, int actor) {
  std::lock_guard lock(mutex_);
  Booking* booking = find_locked(uid);
  if (!booking) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  if (booking->status == "cancelled") return bad_request("This booking has already been cancelled.");
  const bool is_host = std::find(booking->host_ids.begin(), booking->host_ids.end(), actor) != booking->host_ids.end();
  if (is_host && (!reason || reason->empty())) {
    return bad_request("Cancellation reason is required when you are the host");
  }
  booking->status = "cancelled";
  if (reason && !reason->empty()) booking->cancellation_reason = *reason;
  if (const User* who = user(actor)) booking->cancelled_by = who->email;
  booking->updated_at = clock_.now();
  return *booking;
}

SimResult<std::pair<Booking, Booking>> Store::reschedule_booking(std::string_view uid, const RescheduleInput& input) {
  const SystemTime now = clock_.now();
  std::lock_guard lock(mutex_);
  Booking* old = find_locked(uid);
  if (!old) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  // A booking the host cancelled asking for a new time is rescheduled from its link, as usual.
  if ((old->status == "cancelled" && !old->reschedule_requested) || old->status == "rejected") {
    return bad_request("Can't reschedule booking with uid=" + std::string(uid) + " because it has status " +
                       old->status);
  }
  if (input.start < now) return bad_request("Attempting to book a meeting in the past.");
  const EventType* type = event_type(old->event_type_id);
  if (!type) return not_found("Event type with id=" + std::to_string(old->event_type_id) + " not found");
  if (auto free = check_free(*type, input.start, old->duration, old->uid); !free) return tl::unexpected(free.error());

  Booking moved = *old;
  moved.id = next_booking_id_++;
  moved.uid = new_uid();
  moved.start = input.start;
  moved.end = input.start + minutes{old->duration};
  moved.status = type->requires_confirmation ? "pending" : "accepted";
  moved.created_at = now;
  moved.updated_at = now;
  moved.ical_sequence = old->ical_sequence + 1;  // same iCalUID: calendars update the event
  moved.cancellation_reason.reset();
  moved.cancelled_by.reset();
  moved.rescheduled_to_uid.reset();
  moved.reschedule_requested = false;
  moved.rescheduled_from_uid = old->uid;
  moved.rescheduling_reason = input.reason;
  moved.rescheduled_by = input.rescheduled_by;
  if (!old->meeting_url.empty()) {
    const auto placement = place_integration(old->location == "integrations:daily" ? "cal-video" : "", moved.uid);
    if (!placement.meeting_url.empty()) moved.meeting_url = placement.meeting_url;
  }
  old->status = "cancelled";
  old->rescheduled_to_uid = moved.uid;
  old->rescheduled_by = input.rescheduled_by;
  if (input.reason) old->cancellation_reason = *input.reason;
  old->updated_at = now;
  Booking previous = *old;  // copy before push_back: it may reallocate and invalidate `old`
  bookings_.push_back(moved);
  return std::make_pair(std::move(previous), std::move(moved));
}

SimResult<Booking> Store::add_guests(std::string_view uid, const std::vector<Attendee>& guests) {
  std::lock_guard lock(mutex_);
  Booking* booking = find_locked(uid);
  if (!booking) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  if (booking->status == "cancelled" || booking->status == "rejected") {
    return bad_request("Can't add guests to a booking with status " + booking->status);
  }
  for (const auto& guest : guests) {
    const bool present = std::any_of(booking->attendees.begin(), booking->attendees.end(),
                                     [&](const Attendee& a) { return a.email == guest.email; });
    if (present) continue;  // already invited: adding again changes nothing
    booking->attendees.push_back(guest);
    booking->guests.push_back(guest.email);
  }
  booking->responses["guests"] = booking->guests;
  booking->updated_at = clock_.now();
  return *booking;
}

SimResult<Booking> Store::confirm_booking(std::string_view uid) {
  std::lock_guard lock(mutex_);
  Booking* booking = find_locked(uid);
  if (!booking) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  if (booking->status != "pending") return bad_request("Booking with uid=" + std::string(uid) + " is not pending");
  booking->status = "accepted";
  booking->updated_at = clock_.now();
  return *booking;
}

SimResult<Booking> Store::decline_booking(std::string_view uid, std::optional<std::string> reason) {
  std::lock_guard lock(mutex_);
  Booking* booking = find_locked(uid);
  if (!booking) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  if (booking->status != "pending") return bad_request("Booking with uid=" + std::string(uid) + " is not pending");
  booking->status = "rejected";
  booking->rejection_reason = reason;
  booking->updated_at = clock_.now();
  return *booking;
}

SimResult<Booking> Store::request_reschedule(std::string_view uid, std::optional<std::string> reason) {
  std::lock_guard lock(mutex_);
  Booking* booking = find_locked(uid);
  if (!booking) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  if (booking->status != "accepted") return bad_request("Only an accepted booking can be rescheduled by request");
  booking->status = "cancelled";
  booking->reschedule_requested = true;
  booking->cancellation_reason = reason;
  if (const User* host = booking->host_ids.empty() ? nullptr : user(booking->host_ids.front())) {
    booking->cancelled_by = host->email;
  }
  booking->updated_at = clock_.now();
  return *booking;
}

SimResult<std::pair<Booking, std::vector<Store::AbsentMark>>> Store::mark_absent(
    std::string_view uid, std::optional<bool> host, const std::vector<AbsentMark>& attendees) {
  std::lock_guard lock(mutex_);
  Booking* booking = find_locked(uid);
  if (!booking) return not_found("Booking with uid=" + std::string(uid) + " was not found in the database");
  if (booking->start > clock_.now()) return forbidden("Cannot mark no-show before the meeting has started.");
  std::vector<AbsentMark> marked;
  for (const auto& mark : attendees) {
    // Cal.com updates the attendees it has under that exact address and reports only those.
    for (auto& attendee : booking->attendees) {
      if (attendee.email != mark.email) continue;
      attendee.absent = mark.absent;
      marked.push_back(mark);
      break;
    }
  }
  if (host) booking->absent_host = *host;
  booking->updated_at = clock_.now();
  return std::make_pair(*booking, std::move(marked));
}

}  // namespace poblysh::calcom_sim
