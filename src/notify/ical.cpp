#include "notify/ical.hpp"

#include <chrono>
#include <memory>

#include <libical/ical.h>

#include "notify/mime.hpp"

namespace poblysh::notify {
namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype utc_time(SystemTime time) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
  return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0, icaltimezone_get_utc_timezone());
}

// CN is a quoted parameter value: it cannot hold '"' or line breaks (RFC 5545 3.1).
std::string parameter_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') continue;
    out += (u < 32 || u == 127) ? ' ' : c;
  }
  return out;
}

icalproperty* person_property(icalproperty* property, const CalendarPerson& person) {
  if (!person.name.empty()) icalproperty_add_parameter(property, icalparameter_new_cn(parameter_text(person.name).c_str()));
  return property;
}

icalparameter_role role_value(AttendeeRole role) {
  switch (role) {
    case AttendeeRole::chair: return ICAL_ROLE_CHAIR;
    case AttendeeRole::optional: return ICAL_ROLE_OPTPARTICIPANT;
    case AttendeeRole::required: break;
  }
  return ICAL_ROLE_REQPARTICIPANT;
}

icalparameter_partstat partstat_value(ParticipationStatus status) {
  switch (status) {
    case ParticipationStatus::accepted: return ICAL_PARTSTAT_ACCEPTED;
    case ParticipationStatus::declined: return ICAL_PARTSTAT_DECLINED;
    case ParticipationStatus::tentative: return ICAL_PARTSTAT_TENTATIVE;
    case ParticipationStatus::needs_action: break;
  }
  return ICAL_PARTSTAT_NEEDSACTION;
}

void add_text(icalcomponent* event, icalproperty* (*make)(const char*), const std::string& value) {
  if (!value.empty()) icalcomponent_add_property(event, make(value.c_str()));
}

}  // namespace

const char* method_name(CalendarMethod method) {
  return method == CalendarMethod::cancel ? "CANCEL" : "REQUEST";
}

Result<std::string> build_ics(const CalendarEvent& event) {
  if (event.uid.empty() || event.uid.find_first_of("\r\n") != std::string::npos) return invalid_field("uid", "is required");
  if (event.end <= event.start) return invalid_field("end", "must be after the start");
  if (!is_valid_address(event.organizer.email)) return invalid_field("organizer", "is not a valid email address");
  for (const auto& attendee : event.attendees) {
    if (!is_valid_address(attendee.person.email)) return invalid_field("attendees", "is not a valid email address");
  }

  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(calendar.get(), icalproperty_new_prodid("-//Poblysh//Interviews//EN"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar.get(), icalproperty_new_calscale("GREGORIAN"));
  const bool cancel = event.method == CalendarMethod::cancel;
  icalcomponent_add_property(calendar.get(), icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST));

  icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_component(calendar.get(), vevent);  // the calendar owns it from here on
  icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
  icalcomponent_add_property(vevent, icalproperty_new_sequence(event.sequence));
  icalcomponent_add_property(vevent, icalproperty_new_dtstamp(utc_time(event.stamp)));
  icalcomponent_add_property(vevent, icalproperty_new_dtstart(utc_time(event.start)));
  icalcomponent_add_property(vevent, icalproperty_new_dtend(utc_time(event.end)));
  add_text(vevent, icalproperty_new_summary, event.summary);
  add_text(vevent, icalproperty_new_description, event.description);
  add_text(vevent, icalproperty_new_location, event.location);
  add_text(vevent, icalproperty_new_url, event.url);
  icalcomponent_add_property(vevent, icalproperty_new_status(cancel ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
  icalcomponent_add_property(
      vevent, person_property(icalproperty_new_organizer(("mailto:" + event.organizer.email).c_str()), event.organizer));
  for (const auto& attendee : event.attendees) {
    icalproperty* property =
        person_property(icalproperty_new_attendee(("mailto:" + attendee.person.email).c_str()), attendee.person);
    icalproperty_add_parameter(property, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
    icalproperty_add_parameter(property, icalparameter_new_role(role_value(attendee.role)));
    icalproperty_add_parameter(property, icalparameter_new_partstat(partstat_value(attendee.status)));
    icalproperty_add_parameter(property, icalparameter_new_rsvp(attendee.rsvp && !cancel ? ICAL_RSVP_TRUE : ICAL_RSVP_FALSE));
    icalcomponent_add_property(vevent, property);
  }

  char* text = icalcomponent_as_ical_string_r(calendar.get());
  if (text == nullptr) return fail(ErrorCode::internal, "Could not build the calendar invitation.", "libical serialisation failed");
  std::string out(text);
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace poblysh::notify
