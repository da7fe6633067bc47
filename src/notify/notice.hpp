// notify: the emails about interviews (subject, text, HTML, iCalendar), from a plain struct.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notify/ical.hpp"

namespace poblysh::notify {

// reschedule_requested: the host asked for a new time, so the old one is off (a CANCEL) until
// the invitation for the new one. added / removed: one person joined a booked interview (an
// invitation) or was taken off it (a cancellation), told to that person alone.
// pick_time: a scheduling link — no meeting yet, so no calendar invitation; start and end are
// the window the times are offered in, and interview_url the contact's personal link.
enum class NoticeKind { created, confirmed, rescheduled, cancelled, reschedule_requested, added, removed, pick_time };
const char* kind_name(NoticeKind kind);  // "created", … (stored in the outbox's kind column)

struct NoticePerson {
  std::string name;
  std::string email;
};

// Everything one recipient's email says; the caller fills it from the interview, so this
// area needs no knowledge of the domain model or the database.
struct InterviewNotice {
  NoticeKind kind = NoticeKind::created;
  std::string interview_title;
  std::string startup_name;
  SystemTime start;
  SystemTime end;
  std::optional<SystemTime> previous_start;  // rescheduled: the old time, shown for reference
  std::optional<SystemTime> previous_end;
  std::string meeting_time_zone;  // IANA name, e.g. "Europe/Berlin"
  NoticePerson recipient;
  std::optional<std::string> recipient_time_zone;  // IANA; unknown names are ignored
  std::string meeting_url;
  std::string meeting_provider;  // "Cal Video", "Google Meet", … (may be empty)
  // Where to meet instead of a link: an address or a phone number (empty for a video call),
  // and its label ("Address", "Phone"). The calendar's LOCATION is this, else the link.
  std::string place;
  std::string place_label;
  NoticePerson organizer;
  std::vector<NoticePerson> attendees;  // everyone invited, the recipient among them
  std::string ical_uid;                 // the same for every notice about one interview
  int sequence = 0;                     // raised on each reschedule and on cancellation
  std::string cancellation_reason;
  std::string interview_url;  // our page about the interview
};

struct RenderedNotice {
  std::string subject;
  std::string text;
  std::string html;
  CalendarMethod method = CalendarMethod::request;
  std::string ics;
};

// `now` becomes the invitation's DTSTAMP. Fails when check_notice does.
Result<RenderedNotice> render_notice(const InterviewNotice& notice, SystemTime now);

// What render_notice would refuse (an unknown meeting time zone, an end not after the start,
// unusable addresses, no calendar UID), found without rendering: the outbox checks at enqueue
// and composes later.
Status check_notice(const InterviewNotice& notice);
// The subject alone (cheap), as render_notice writes it; admins see it in the outbox list.
std::string notice_subject(const InterviewNotice& notice);

}  // namespace poblysh::notify
