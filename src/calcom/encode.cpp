#include "calcom/encode.hpp"

#include <nlohmann/json.hpp>

#include "core/time.hpp"

namespace poblysh::calcom {
namespace {

using json = nlohmann::json;

// Cal.com's documented metadata limits (API-NOTES §4).
constexpr std::size_t kMaxMetadataKeys = 50;
constexpr std::size_t kMaxMetadataKeyLength = 40;
constexpr std::size_t kMaxMetadataValueLength = 500;
constexpr std::size_t kMaxGuestsPerCall = 10;

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

// Untrusted strings (names, notes) may hold invalid UTF-8; nlohmann would throw on dump().
std::string dump(const json& body) {
  return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' ||
                      byte == '.' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string build_query(const QueryParams& params) {
  std::string out;
  for (const auto& [key, value] : params) {
    out += out.empty() ? '?' : '&';
    out += url_encode(key);
    out += '=';
    out += url_encode(value);
  }
  return out;
}

std::string path_segment(std::string_view text) { return url_encode(text); }

Status validate_slots_query(const SlotsQuery& query) {
  int ways = (query.event_type_id ? 1 : 0) + (query.event_type_slug ? 1 : 0) +
             (query.usernames.empty() ? 0 : 1);
  if (ways != 1) {
    return invalid_field("event", "give exactly one of an event type id, a username with an "
                                  "event type slug, or a list of usernames");
  }
  if (query.event_type_slug && (!query.username || query.username->empty())) {
    return invalid_field("username", "is required with an event type slug");
  }
  if (!query.usernames.empty() && query.usernames.size() < 2) {
    return invalid_field("usernames", "a group lookup needs at least two usernames");
  }
  if (query.end <= query.start) return invalid_field("end", "must be after start");
  if (query.duration_minutes && *query.duration_minutes <= 0) {
    return invalid_field("duration", "must be a positive number of minutes");
  }
  return {};
}

Status validate_create_booking(const CreateBookingRequest& request) {
  if (request.interview_id.empty()) return invalid_field("interview_id", "is required");
  if (request.event_type_id <= 0) return invalid_field("event_type_id", "is required");
  if (request.attendee.name.empty()) return invalid_field("attendee.name", "is required");
  if (request.attendee.time_zone.empty()) return invalid_field("attendee.time_zone", "is required");
  if (request.metadata.size() + 1 > kMaxMetadataKeys) {
    return invalid_field("metadata", "Cal.com accepts at most 50 metadata keys");
  }
  if (request.interview_id.size() > kMaxMetadataValueLength) {
    return invalid_field("interview_id", "is longer than Cal.com's 500-character metadata limit");
  }
  for (const auto& [key, value] : request.metadata) {
    if (key == kInterviewIdMetadataKey) {
      return invalid_field("metadata", std::string(kInterviewIdMetadataKey) + " is reserved");
    }
    if (key.size() > kMaxMetadataKeyLength || value.size() > kMaxMetadataValueLength) {
      return invalid_field("metadata", "keys are limited to 40 characters, values to 500");
    }
  }
  if (request.length_in_minutes && *request.length_in_minutes <= 0) {
    return invalid_field("length_in_minutes", "must be a positive number of minutes");
  }
  return {};
}

Status validate_add_guests(const std::vector<GuestInput>& guests) {
  if (guests.empty()) return invalid_field("guests", "give at least one guest");
  if (guests.size() > kMaxGuestsPerCall) {
    return invalid_field("guests", "Cal.com accepts at most 10 guests per call");
  }
  for (const GuestInput& guest : guests) {
    if (guest.email.empty()) return invalid_field("guests", "every guest needs an e-mail address");
  }
  return {};
}

Status validate_mark_absent(std::optional<bool> host_absent, const std::vector<AbsentMark>& attendees) {
  if (!host_absent && attendees.empty()) return invalid_field("attendees", "name the host or at least one attendee");
  for (const AbsentMark& mark : attendees) {
    if (mark.email.empty()) return invalid_field("attendees", "every attendee needs an e-mail address");
  }
  return {};
}

QueryParams slots_query_params(const SlotsQuery& query) {
  QueryParams params;
  params.emplace_back("start", format_iso8601_utc(query.start));
  params.emplace_back("end", format_iso8601_utc(query.end));
  if (query.event_type_id) params.emplace_back("eventTypeId", std::to_string(*query.event_type_id));
  if (query.event_type_slug) params.emplace_back("eventTypeSlug", *query.event_type_slug);
  if (query.username) params.emplace_back("username", *query.username);
  if (!query.usernames.empty()) params.emplace_back("usernames", join(query.usernames));
  if (query.duration_minutes) params.emplace_back("duration", std::to_string(*query.duration_minutes));
  if (!query.time_zone.empty()) params.emplace_back("timeZone", query.time_zone);
  if (query.range_format) params.emplace_back("format", "range");
  if (query.booking_uid_to_reschedule) {
    params.emplace_back("bookingUidToReschedule", *query.booking_uid_to_reschedule);
  }
  return params;
}

QueryParams bookings_query_params(const BookingsQuery& query) {
  QueryParams params;
  if (!query.status.empty()) params.emplace_back("status", join(query.status));
  if (query.attendee_email) params.emplace_back("attendeeEmail", *query.attendee_email);
  if (query.attendee_name) params.emplace_back("attendeeName", *query.attendee_name);
  if (query.event_type_ids.size() == 1) {
    params.emplace_back("eventTypeId", std::to_string(query.event_type_ids.front()));
  } else if (!query.event_type_ids.empty()) {
    std::vector<std::string> ids;
    for (auto id : query.event_type_ids) ids.push_back(std::to_string(id));
    params.emplace_back("eventTypeIds", join(ids));
  }
  if (query.team_id) params.emplace_back("teamId", std::to_string(*query.team_id));
  if (query.after_start) params.emplace_back("afterStart", format_iso8601_utc(*query.after_start));
  if (query.before_end) params.emplace_back("beforeEnd", format_iso8601_utc(*query.before_end));
  if (query.after_created_at) {
    params.emplace_back("afterCreatedAt", format_iso8601_utc(*query.after_created_at));
  }
  if (query.after_updated_at) {
    params.emplace_back("afterUpdatedAt", format_iso8601_utc(*query.after_updated_at));
  }
  if (query.before_updated_at) {
    params.emplace_back("beforeUpdatedAt", format_iso8601_utc(*query.before_updated_at));
  }
  if (query.sort_updated_at) params.emplace_back("sortUpdatedAt", *query.sort_updated_at);
  if (query.sort_start) params.emplace_back("sortStart", *query.sort_start);
  params.emplace_back("take", std::to_string(query.take));
  params.emplace_back("skip", std::to_string(query.skip));
  return params;
}

std::string encode_create_booking(const CreateBookingRequest& request) {
  json body;
  body["start"] = format_iso8601_utc(request.start);
  body["eventTypeId"] = request.event_type_id;
  json attendee{{"name", request.attendee.name}, {"timeZone", request.attendee.time_zone}};
  if (!request.attendee.email.empty()) attendee["email"] = request.attendee.email;
  if (request.attendee.language) attendee["language"] = *request.attendee.language;
  if (request.attendee.phone_number) attendee["phoneNumber"] = *request.attendee.phone_number;
  body["attendee"] = std::move(attendee);
  if (!request.guests.empty()) body["guests"] = request.guests;
  if (request.length_in_minutes) body["lengthInMinutes"] = *request.length_in_minutes;
  json metadata = json::object();
  for (const auto& [key, value] : request.metadata) metadata[key] = value;
  metadata[kInterviewIdMetadataKey] = request.interview_id;
  body["metadata"] = std::move(metadata);
  if (!request.booking_fields_responses.empty()) {
    json responses = json::object();
    for (const auto& [slug, value] : request.booking_fields_responses) responses[slug] = value;
    body["bookingFieldsResponses"] = std::move(responses);
  }
  if (request.location) {
    const BookingLocation& where = *request.location;
    json location{{"type", where.type}};
    if (where.integration) location["integration"] = *where.integration;
    if (where.address) location["address"] = *where.address;
    if (where.phone) location["phone"] = *where.phone;
    if (where.location) location["location"] = *where.location;
    body["location"] = std::move(location);
  }
  return dump(body);
}

std::string encode_cancel_booking(const std::string& reason) {
  return dump(json{{"cancellationReason", reason}});
}

std::string encode_reschedule_booking(const RescheduleRequest& request) {
  json body{{"start", format_iso8601_utc(request.start)}};
  if (!request.rescheduling_reason.empty()) body["reschedulingReason"] = request.rescheduling_reason;
  if (request.rescheduled_by) body["rescheduledBy"] = *request.rescheduled_by;
  return dump(body);
}

std::string encode_add_guests(const std::vector<GuestInput>& guests) {
  json list = json::array();
  for (const GuestInput& guest : guests) {
    json item{{"email", guest.email}};
    if (guest.name) item["name"] = *guest.name;
    if (guest.time_zone) item["timeZone"] = *guest.time_zone;
    list.push_back(std::move(item));
  }
  return dump(json{{"guests", std::move(list)}});
}

std::string encode_mark_absent(std::optional<bool> host_absent, const std::vector<AbsentMark>& attendees) {
  json body = json::object();
  if (host_absent) body["host"] = *host_absent;
  if (!attendees.empty()) {
    json list = json::array();
    for (const AbsentMark& mark : attendees) list.push_back(json{{"email", mark.email}, {"absent", mark.absent}});
    body["attendees"] = std::move(list);
  }
  return dump(body);
}

std::string encode_webhook_input(const WebhookInput& input) {
  json body{{"subscriberUrl", input.subscriber_url},
            {"triggers", input.triggers},
            {"active", input.active}};
  if (input.secret) body["secret"] = *input.secret;
  if (input.payload_template) body["payloadTemplate"] = *input.payload_template;
  return dump(body);
}

std::string encode_webhook_patch(const WebhookPatch& patch) {
  json body = json::object();
  if (patch.subscriber_url) body["subscriberUrl"] = *patch.subscriber_url;
  if (patch.triggers) body["triggers"] = *patch.triggers;
  if (patch.active) body["active"] = *patch.active;
  if (patch.secret) body["secret"] = *patch.secret;
  if (patch.payload_template) body["payloadTemplate"] = *patch.payload_template;
  return dump(body);
}

}  // namespace poblysh::calcom
