// notify: iCalendar (RFC 5545/5546) invitations and cancellations, built with libical.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::notify {

// REQUEST for a new or changed meeting (same UID, higher SEQUENCE); CANCEL when called off.
enum class CalendarMethod { request, cancel };
const char* method_name(CalendarMethod method);  // "REQUEST", "CANCEL"

enum class AttendeeRole { chair, required, optional };
enum class ParticipationStatus { needs_action, accepted, declined, tentative };

struct CalendarPerson {
  std::string name;
  std::string email;
};

struct CalendarAttendee {
  CalendarPerson person;
  AttendeeRole role = AttendeeRole::required;
  ParticipationStatus status = ParticipationStatus::needs_action;
  bool rsvp = true;
};

struct CalendarEvent {
  CalendarMethod method = CalendarMethod::request;
  std::string uid;  // stable for the life of the interview, so clients update one entry
  int sequence = 0;
  SystemTime stamp;  // DTSTAMP: when this version of the object was produced
  SystemTime start;
  SystemTime end;
  std::string summary;
  std::string description;
  std::string location;  // the meeting link, also in URL: clients show one or the other
  std::string url;
  CalendarPerson organizer;
  std::vector<CalendarAttendee> attendees;
};

// A VCALENDAR with one VEVENT, times in UTC, CRLF lines folded by libical.
Result<std::string> build_ics(const CalendarEvent& event);

}  // namespace poblysh::notify
