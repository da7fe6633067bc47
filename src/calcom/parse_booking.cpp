// Booking responses: the largest and most optional-laden object Cal.com sends us.
#include "calcom/json_read.hpp"
#include "calcom/parse.hpp"
#include "core/enum_names.hpp"

namespace poblysh::calcom {
namespace {

using namespace json_read;

constexpr EnumName<BookingStatus> kBookingStatusNames[] = {{BookingStatus::accepted, "accepted"},
                                                           {BookingStatus::pending, "pending"},
                                                           {BookingStatus::cancelled, "cancelled"},
                                                           {BookingStatus::rejected, "rejected"},
                                                           {BookingStatus::unknown, "unknown"}};

// Hosts and attendees name these fields alike.
template <class Person>
void read_person(const json& item, Person& person) {
  person.name = opt_string(item, "name");
  person.email = opt_string(item, "email");
  person.time_zone = opt_string(item, "timeZone");
}

Attendee attendee_from(const json& item) {
  Attendee attendee;
  read_person(item, attendee);
  attendee.language = opt_string_maybe(item, "language");
  attendee.phone_number = opt_string_maybe(item, "phoneNumber");
  attendee.absent = opt_bool(item, "absent", false);
  return attendee;
}

Host host_from(const json& item) {
  Host host;
  host.id = opt_int(item, "id");
  read_person(item, host);
  host.username = opt_string(item, "username");
  return host;
}

Result<Booking> booking_from(const json& item, const std::string& path) {
  if (!item.is_object()) return fail(malformed_response(path + ": booking is not an object"));
  auto uid = req_string(item, "uid", path);
  if (!uid) return fail(uid.error());
  auto start = req_time(item, "start", path);
  if (!start) return fail(start.error());
  auto end = req_time(item, "end", path);
  if (!end) return fail(end.error());

  Booking booking;
  booking.id = opt_int(item, "id").value_or(0);
  booking.uid = std::move(*uid);
  booking.start = *start;
  booking.end = *end;
  booking.title = opt_string(item, "title");
  booking.description = opt_string(item, "description");
  booking.status = parse_booking_status(opt_string(item, "status"));
  if (auto d = opt_int(item, "duration")) booking.duration_minutes = static_cast<int>(*d);
  if (const json* type = get(item, "eventType")) {
    booking.event_type_id = opt_int(*type, "id");
    booking.event_type_slug = opt_string(*type, "slug");
  }
  if (!booking.event_type_id) booking.event_type_id = opt_int(item, "eventTypeId");
  booking.location = opt_string(item, "location");
  booking.meeting_url = opt_string(item, "meetingUrl");
  booking.ical_uid = opt_string(item, "icsUid");
  booking.hosts = objects_in(item, "hosts", host_from);
  booking.attendees = objects_in(item, "attendees", attendee_from);
  booking.guests = string_array(item, "guests");
  booking.absent_host = opt_bool(item, "absentHost", false);
  if (const json* metadata = get(item, "metadata"); metadata && metadata->is_object()) {
    for (const auto& [key, value] : metadata->items()) {
      if (value.is_string()) booking.metadata.emplace(key, value.get<std::string>());
    }
  }
  booking.created_at = opt_time(item, "createdAt");
  booking.updated_at = opt_time(item, "updatedAt");
  booking.cancellation_reason = opt_string(item, "cancellationReason");
  booking.rescheduling_reason = opt_string(item, "reschedulingReason");
  booking.rescheduled_from_uid = opt_string(item, "rescheduledFromUid");
  booking.rescheduled_to_uid = opt_string(item, "rescheduledToUid");
  return booking;
}
}  // namespace

const char* booking_status_name(BookingStatus status) { return name_in(kBookingStatusNames, status, "unknown"); }

BookingStatus parse_booking_status(std::string_view text) {
  // The API says lowercase, webhooks say UPPERCASE; accept both.
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return value_in(kBookingStatusNames, lower).value_or(BookingStatus::unknown);
}

Result<Booking> parse_booking_response(std::string_view body) {
  return guarded<Booking>([&]() -> Result<Booking> {
    auto doc = parse_envelope(body);
    if (!doc) return fail(doc.error());
    const json& data = (*doc)["data"];
    // A recurring create answers with an array; we only create single bookings, so the
    // first occurrence stands for the series.
    if (data.is_array()) {
      if (data.empty()) return fail(malformed_response("data: empty booking list"));
      return booking_from(data[0], "data[0]");
    }
    return booking_from(data, "data");
  });
}

Result<BookingsPage> parse_bookings_response(std::string_view body, int take) {
  return guarded<BookingsPage>([&]() -> Result<BookingsPage> {
    ASSIGN_OR_RETURN(auto doc, parse_envelope(body));
    const json* list = list_in(doc["data"], "bookings");
    if (!list) return fail(malformed_response("data: not a list of bookings"));
    BookingsPage page;
    ASSIGN_OR_RETURN(page.bookings, items_from(*list, booking_from));
    const json* pagination = get(doc, "pagination");
    if (!pagination) pagination = get(doc["data"], "pagination");
    if (pagination && pagination->is_object()) {
      if (auto total = opt_int(*pagination, "totalItems")) page.total_items = static_cast<int>(*total);
      // Offset form says hasNextPage, the cursor form (2026-05-01) says hasMore.
      page.has_next_page = opt_bool(*pagination, "hasNextPage", opt_bool(*pagination, "hasMore", false));
    } else {
      page.has_next_page = take > 0 && static_cast<int>(page.bookings.size()) >= take;
    }
    return page;
  });
}
}  // namespace poblysh::calcom
