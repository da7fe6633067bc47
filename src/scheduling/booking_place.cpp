#include "scheduling/booking_place.hpp"

#include "scheduling/availability.hpp"

namespace poblysh::scheduling {
namespace {

const calcom::BookingLocation* offered(const calcom::EventType& type, std::string_view kind) {
  for (const auto& location : type.locations) {
    if (location.type == kind) return &location;
  }
  return nullptr;
}

}  // namespace

domain::Place default_place(const calcom::EventType& type) {
  if (type.locations.empty()) return {};
  const auto& first = type.locations.front();
  // Cal.com's text is taken through the same rules as typed text: a value they refuse is no default.
  if (first.type == "address" && first.address) {
    if (auto place = domain::checked_place(domain::PlaceKind::in_person, *first.address)) return *place;
  }
  if (first.type == "phone" && first.phone) {
    if (auto place = domain::checked_place(domain::PlaceKind::phone, *first.phone)) return *place;
  }
  return {};
}

std::optional<calcom::BookingLocation> booking_location(const domain::Place& place, const calcom::EventType& type) {
  const bool in_person = place.kind == domain::PlaceKind::in_person;
  if (place.kind == domain::PlaceKind::video) return std::nullopt;
  const char* organizers = in_person ? "address" : "phone";
  if (const auto* own = offered(type, organizers)) {
    const auto& value = in_person ? own->address : own->phone;
    if (value) {
      const auto same = domain::checked_place(place.kind, *value);
      if (same && *same == place) return calcom::BookingLocation{organizers, {}, {}, {}, {}};
    }
  }
  if (in_person && offered(type, "attendeeAddress")) {
    return calcom::BookingLocation{"attendeeAddress", {}, place.detail, {}, {}};
  }
  if (!in_person && offered(type, "attendeePhone")) {
    return calcom::BookingLocation{"attendeePhone", {}, {}, place.detail, {}};
  }
  if (offered(type, "attendeeDefined")) return calcom::BookingLocation{"attendeeDefined", {}, {}, {}, place.detail};
  return std::nullopt;
}

Result<std::optional<calcom::BookingLocation>> booking_location_for(calcom::Client& client,
                                                                    const interviews::InterviewView& view,
                                                                    const std::optional<std::int64_t>& team_id,
                                                                    const std::string& request_id) {
  const auto& interview = view.interview;
  if (interview.place.kind == domain::PlaceKind::video || !interview.event_type_id) return std::nullopt;
  std::optional<std::string> primary_username;
  for (std::size_t i = 0; i < view.team_members.size() && i < interview.team.size(); ++i) {
    if (interview.team[i].is_primary) primary_username = view.team_members[i].fields.calcom_username;
  }
  ASSIGN_OR_RETURN(auto types, bookable_event_types(client, primary_username, team_id, request_id));
  for (const auto& type : types) {
    if (type.id == *interview.event_type_id) return booking_location(interview.place, type);
  }
  return std::nullopt;
}

}  // namespace poblysh::scheduling
