#include "render.hpp"

#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

// The system booking fields every event type has, as the 2024-06-14 output lists them.
json default_booking_fields() {
  return json::array({
      {{"type", "name"}, {"slug", "name"}, {"label", "Your name"}, {"placeholder", ""}, {"required", true},
       {"isDefault", true}, {"disableOnPrefill", false}},
      {{"type", "email"}, {"slug", "email"}, {"label", "Email address"}, {"placeholder", ""}, {"required", true},
       {"hidden", false}, {"isDefault", true}, {"disableOnPrefill", false}},
      {{"type", "radioInput"}, {"slug", "location"}, {"label", "Location"}, {"required", false}, {"hidden", false},
       {"isDefault", true}},
      {{"type", "text"}, {"slug", "title"}, {"label", "What is this meeting about?"}, {"required", true},
       {"hidden", true}, {"isDefault", true}},
      {{"type", "textarea"}, {"slug", "notes"}, {"label", "Additional notes"}, {"required", false}, {"hidden", false},
       {"isDefault", true}},
      {{"type", "multiemail"}, {"slug", "guests"}, {"label", "Add guests"}, {"required", false}, {"hidden", false},
       {"isDefault", true}},
      {{"type", "textarea"}, {"slug", "rescheduleReason"}, {"label", "Reason for reschedule"}, {"required", false},
       {"hidden", false}, {"isDefault", true}},
  });
}

json user_summary(const User& user) {
  return json{{"id", user.id},
              {"name", user.name},
              {"username", user.username},
              {"avatarUrl", nullptr},
              {"weekStart", user.week_start},
              {"brandColor", "#292929"},
              {"darkBrandColor", "#fafafa"},
              {"metadata", json::object()}};
}

json common_event_type_fields(const EventType& type) {
  json out{{"id", type.id},
           {"lengthInMinutes", type.length},
           {"title", type.title},
           {"slug", type.slug},
           {"description", type.description},
           {"locations", type.locations},
           {"bookingFields", default_booking_fields()},
           {"disableGuests", type.disable_guests},
           {"slotInterval", type.slot_interval ? json(*type.slot_interval) : json(nullptr)},
           {"minimumBookingNotice", type.minimum_booking_notice},
           {"beforeEventBuffer", type.before_buffer},
           {"afterEventBuffer", type.after_buffer},
           {"recurrence", nullptr},
           {"metadata", json::object()},
           {"price", 0},
           {"currency", "usd"},
           {"lockTimeZoneToggleOnBookingPage", false},
           {"seatsPerTimeSlot", nullptr},
           {"forwardParamsSuccessRedirect", nullptr},
           {"successRedirectUrl", nullptr},
           {"isInstantEvent", false},
           {"seatsShowAvailabilityCount", nullptr},
           {"scheduleId", nullptr},
           {"hidden", type.hidden},
           {"bookingRequiresAuthentication", false}};
  if (!type.length_options.empty()) out["lengthInMinutesOptions"] = type.length_options;
  return out;
}

}  // namespace

json me_json(const User& user) {
  return json{{"id", user.id},
              {"username", user.username},
              {"email", user.email},
              {"name", user.name},
              {"avatarUrl", nullptr},
              {"bio", nullptr},
              {"timeFormat", user.time_format},
              {"defaultScheduleId", user.default_schedule_id ? json(user.default_schedule_id) : json(nullptr)},
              {"weekStart", user.week_start},
              {"timeZone", user.time_zone},
              {"organizationId", nullptr}};
}

json event_type_json(const EventType& type, const Store& store) {
  json out = common_event_type_fields(type);
  const User* owner = type.owner_id ? store.user(*type.owner_id) : nullptr;
  out["ownerId"] = type.owner_id.value_or(0);
  out["users"] = owner ? json::array({user_summary(*owner)}) : json::array();
  out["bookingUrl"] = "https://cal.com/" + (owner ? owner->username : std::string("unknown")) + "/" + type.slug;
  if (owner && owner->default_schedule_id) out["scheduleId"] = owner->default_schedule_id;
  return out;
}

json team_event_type_json(const EventType& type, const Store& store) {
  json out = common_event_type_fields(type);
  const Team* team = type.team_id ? store.team(*type.team_id) : nullptr;
  json hosts = json::array();
  for (int id : type.host_ids) {
    if (const User* host = store.user(id)) {
      hosts.push_back(json{{"userId", host->id}, {"name", host->name}, {"username", host->username},
                           {"avatarUrl", nullptr}});
    }
  }
  out["teamId"] = type.team_id.value_or(0);
  out["ownerId"] = nullptr;
  out["parentEventTypeId"] = nullptr;
  out["hosts"] = hosts;
  out["assignAllTeamMembers"] = false;
  out["schedulingType"] = type.scheduling_type.empty() ? "collective" : type.scheduling_type;
  out["hideOrganizerEmail"] = false;
  const std::string slug = team ? team->slug : "";
  out["team"] = json{{"id", type.team_id.value_or(0)},
                     {"slug", slug},
                     {"bannerUrl", ""},
                     {"name", team ? team->name : ""},
                     {"logoUrl", "https://cal.com/team/" + slug + "/avatar.png"},
                     {"weekStart", "Monday"},
                     {"brandColor", "#292929"},
                     {"darkBrandColor", "#fafafa"},
                     {"theme", "light"}};
  out["bookingUrl"] = "https://cal.com/team/" + slug + "/" + type.slug;
  return out;
}

json team_json(const Team& team) {
  return json{{"id", team.id},
              {"name", team.name},
              {"slug", team.slug},
              {"isOrganization", false},
              {"isPrivate", false},
              {"hideBranding", false},
              {"hideBookATeamMember", false},
              {"metadata", json::object()},
              {"brandColor", "#292929"},
              {"darkBrandColor", "#fafafa"},
              {"timeFormat", 24},
              {"timeZone", team.time_zone},
              {"weekStart", "Monday"}};
}

json membership_json(const Team& team, const Membership& membership, const Store& store) {
  const User* member = store.user(membership.user_id);
  json user{{"email", member ? member->email : ""}, {"metadata", json::object()}};
  if (member) {
    user["name"] = member->name;
    user["username"] = member->username;
  }
  return json{{"id", membership.id},
              {"userId", membership.user_id},
              {"teamId", team.id},
              {"accepted", membership.accepted},
              {"role", membership.role},
              {"disableImpersonation", false},
              {"user", user}};
}

json booking_json(const Booking& booking, const Store& store) {
  json hosts = json::array();
  for (int id : booking.host_ids) {
    if (const User* host = store.user(id)) {
      hosts.push_back(json{{"id", host->id}, {"name", host->name}, {"email", host->email},
                           {"displayEmail", host->email}, {"username", host->username},
                           {"timeZone", host->time_zone}});
    }
  }
  json attendees = json::array();
  for (const auto& attendee : booking.attendees) {
    json item{{"name", attendee.name}, {"email", attendee.email}, {"displayEmail", attendee.email},
              {"timeZone", attendee.time_zone}, {"language", attendee.language}, {"absent", attendee.absent}};
    if (!attendee.phone.empty()) item["phoneNumber"] = attendee.phone;
    attendees.push_back(std::move(item));
  }
  const EventType* type = store.event_type(booking.event_type_id);
  json out{{"id", booking.id},
           {"uid", booking.uid},
           {"title", booking.title},
           {"description", booking.description},
           {"hosts", hosts},
           {"status", booking.status},
           {"start", format_utc_millis(booking.start)},
           {"end", format_utc_millis(booking.end)},
           {"duration", booking.duration},
           {"eventTypeId", booking.event_type_id},
           {"eventType", {{"id", booking.event_type_id}, {"slug", type ? type->slug : ""}}},
           {"location", booking.location},
           {"absentHost", booking.absent_host},
           {"createdAt", format_utc_millis(booking.created_at)},
           {"updatedAt", format_utc_millis(booking.updated_at)},
           {"metadata", booking.metadata},
           {"icsUid", booking.ical_uid},
           {"attendees", attendees},
           {"bookingFieldsResponses", booking.responses}};
  // Optional fields are omitted when unset, never null (BookingOutput_2024_08_13).
  if (!booking.meeting_url.empty()) out["meetingUrl"] = booking.meeting_url;
  if (!booking.guests.empty()) out["guests"] = booking.guests;
  if (booking.cancellation_reason) out["cancellationReason"] = *booking.cancellation_reason;
  if (booking.cancelled_by) out["cancelledByEmail"] = *booking.cancelled_by;
  if (booking.rescheduling_reason) out["reschedulingReason"] = *booking.rescheduling_reason;
  if (booking.rescheduled_by) out["rescheduledByEmail"] = *booking.rescheduled_by;
  if (booking.rescheduled_from_uid) out["rescheduledFromUid"] = *booking.rescheduled_from_uid;
  if (booking.rescheduled_to_uid) out["rescheduledToUid"] = *booking.rescheduled_to_uid;
  return out;
}

json webhook_json(const Webhook& hook) {
  json out{{"id", hook.id},
           {"userId", hook.user_id},
           {"subscriberUrl", hook.subscriber_url},
           {"triggers", hook.triggers},
           {"active", hook.active},
           {"payloadTemplate", hook.payload_template ? json(*hook.payload_template) : json(nullptr)}};
  if (hook.secret) out["secret"] = *hook.secret;
  return out;
}

json pagination_json(int total, int take, int skip, int returned) {
  const int per_page = take > 0 ? take : 1;
  const int pages = (total + per_page - 1) / per_page;
  return json{{"totalItems", total},
              {"remainingItems", std::max(0, total - skip - returned)},
              {"returnedItems", returned},
              {"itemsPerPage", take},
              {"currentPage", skip / per_page + 1},
              {"totalPages", pages},
              {"hasNextPage", skip + returned < total},
              {"hasPreviousPage", skip > 0}};
}

json legacy_event_type_json(const EventType& type) {
  return json{{"id", type.id},         {"title", type.title},   {"slug", type.slug},
              {"length", type.length}, {"hidden", type.hidden}, {"description", type.description}};
}

json legacy_booking_json(const Booking& booking, const Store& store) {
  std::string status = booking.status;
  for (auto& c : status) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  json attendees = json::array();
  for (const auto& attendee : booking.attendees) {
    attendees.push_back(json{{"name", attendee.name}, {"email", attendee.email}, {"timeZone", attendee.time_zone}});
  }
  const User* organizer = booking.host_ids.empty() ? nullptr : store.user(booking.host_ids.front());
  return json{{"id", booking.id},
              {"uid", booking.uid},
              {"title", booking.title},
              {"description", booking.description},
              {"startTime", format_utc_millis(booking.start)},
              {"endTime", format_utc_millis(booking.end)},
              {"status", status},
              {"eventTypeId", booking.event_type_id},
              {"attendees", attendees},
              {"user", organizer ? json{{"id", organizer->id}, {"email", organizer->email}, {"name", organizer->name},
                                        {"username", organizer->username}, {"timeZone", organizer->time_zone}}
                                 : json(nullptr)}};
}

}  // namespace poblysh::calcom_sim
