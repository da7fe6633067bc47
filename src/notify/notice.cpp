#include "notify/notice.hpp"

#include <algorithm>
#include <cctype>

#include "core/zone_time.hpp"
#include "notify/mime.hpp"
#include "notify/notice_render.hpp"

namespace poblysh::notify {
namespace {

const char* subject_verb(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::confirmed: return "Interview confirmed";
    case NoticeKind::rescheduled: return "Interview rescheduled";
    case NoticeKind::cancelled: return "Interview cancelled";
    case NoticeKind::reschedule_requested: return "New time needed";
    case NoticeKind::added: return "Invitation";
    case NoticeKind::removed: return "No longer invited";
    case NoticeKind::pick_time: return "Pick a time";
    case NoticeKind::created: break;
  }
  return "Interview scheduled";
}

std::string heading(const InterviewNotice& notice) {
  const std::string& startup = notice.startup_name;
  switch (notice.kind) {
    case NoticeKind::confirmed: return "Your interview with " + startup + " is confirmed";
    case NoticeKind::rescheduled: return "Your interview with " + startup + " has a new time";
    case NoticeKind::cancelled: return "Your interview with " + startup + " was cancelled";
    case NoticeKind::reschedule_requested: return "Your interview with " + startup + " needs a new time";
    case NoticeKind::added: break;
    case NoticeKind::removed: return "You are no longer invited to the interview with " + startup;
    case NoticeKind::pick_time: return "Pick a time for your interview with Poblysh";
    case NoticeKind::created: break;
  }
  return "You are invited to an interview with " + startup;
}

// The notices that take the meeting out of calendars.
bool calls_off(NoticeKind kind) {
  return kind == NoticeKind::cancelled || kind == NoticeKind::reschedule_requested || kind == NoticeKind::removed;
}

std::string display_name(const NoticePerson& person) { return person.name.empty() ? person.email : person.name; }

bool same_address(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The first paragraph after the greeting: what happened, and what the attachment does.
std::string what_happened(const InterviewNotice& notice) {
  const std::string title = "\"" + notice.interview_title + "\"";
  switch (notice.kind) {
    case NoticeKind::confirmed: return title + " is confirmed. The calendar invitation is attached.";
    case NoticeKind::rescheduled: return title + " moved to a new time. The attached invitation updates your calendar.";
    case NoticeKind::cancelled:
      return title + " will not take place. The attached cancellation removes it from your calendar.";
    case NoticeKind::reschedule_requested:
      return title +
             " will not take place at this time: the host asked for a new one. The attached cancellation "
             "removes it from your calendar; an invitation for the new time follows once it is booked.";
    case NoticeKind::added:
      return display_name(notice.organizer) + " added you to " + title + ". The calendar invitation is attached.";
    case NoticeKind::removed:
      return "You were taken off the invitation to " + title +
             ". The attached cancellation removes it from your calendar.";
    case NoticeKind::pick_time:
      return display_name(notice.organizer) + " invites you to " + title +
             " and asks you to pick the time that suits you best. Your personal link below shows when the team "
             "is free; please do not forward it.";
    case NoticeKind::created: break;
  }
  return display_name(notice.organizer) + " scheduled " + title + ". The calendar invitation is attached.";
}

// The zone the recipient reads first: their own when we know it, else the meeting's.
std::string reading_zone(const InterviewNotice& notice) {
  if (notice.recipient_time_zone && is_known_zone(*notice.recipient_time_zone)) return *notice.recipient_time_zone;
  return notice.meeting_time_zone;
}

void add_times(const InterviewNotice& notice, NoticeContent& content) {
  const std::string zone = reading_zone(notice);
  if (notice.kind == NoticeKind::pick_time) {
    content.details.emplace_back("Times offered", *describe_range(notice.start, notice.end, zone));
    return;
  }
  const bool two_zones = zone != notice.meeting_time_zone;
  content.details.emplace_back(two_zones ? "When (your time)" : "When",
                               *describe_range(notice.start, notice.end, zone));
  if (two_zones) {
    content.details.emplace_back("When (meeting time)",
                                 *describe_range(notice.start, notice.end, notice.meeting_time_zone));
  }
  if (notice.kind == NoticeKind::rescheduled && notice.previous_start && notice.previous_end &&
      *notice.previous_end > *notice.previous_start) {
    content.details.emplace_back("Previously", *describe_range(*notice.previous_start, *notice.previous_end, zone));
  }
}

NoticeContent compose(const InterviewNotice& notice) {
  NoticeContent content;
  content.heading = heading(notice);
  content.paragraphs.push_back("Hello " + display_name(notice.recipient) + ",");
  content.paragraphs.push_back(what_happened(notice));
  add_times(notice, content);
  content.details.emplace_back("Startup", notice.startup_name);
  std::string people;
  for (const auto& person : notice.attendees) people += (people.empty() ? "" : "\n") + display_name(person);
  if (!people.empty()) content.details.emplace_back("Participants", people);
  if (calls_off(notice.kind)) {
    if (!notice.cancellation_reason.empty()) content.details.emplace_back("Reason", notice.cancellation_reason);
  } else if (!notice.place.empty()) {
    content.details.emplace_back(notice.place_label.empty() ? std::string("Where") : notice.place_label, notice.place);
  } else if (!notice.meeting_url.empty()) {
    const std::string where = notice.meeting_provider.empty() ? std::string("Meeting link") : notice.meeting_provider;
    content.details.emplace_back(where, notice.meeting_url);
    content.links.emplace_back("Join the meeting", notice.meeting_url);
  }
  if (!notice.interview_url.empty()) {
    content.links.emplace_back(notice.kind == NoticeKind::pick_time ? "Pick a time" : "Open the interview page",
                               notice.interview_url);
  }
  content.footer = "Sent by Poblysh Interviews on behalf of " + display_name(notice.organizer) + ".";
  return content;
}

CalendarEvent calendar_event(const InterviewNotice& notice, const NoticeContent& content, SystemTime now) {
  CalendarEvent event;
  event.method = calls_off(notice.kind) ? CalendarMethod::cancel : CalendarMethod::request;
  event.uid = notice.ical_uid;
  event.sequence = notice.sequence;
  event.stamp = now;
  event.start = notice.start;
  event.end = notice.end;
  event.summary = notice.interview_title;
  event.description = render_text(content);
  event.location = notice.place.empty() ? notice.meeting_url : notice.place;
  if (notice.place.empty() && is_web_url(notice.meeting_url)) event.url = notice.meeting_url;
  event.organizer = {notice.organizer.name, notice.organizer.email};
  for (const auto& person : notice.attendees) {
    CalendarAttendee attendee{
        {person.name, person.email}, AttendeeRole::required, ParticipationStatus::needs_action, true};
    // The organizer's calendar already holds the meeting: listed as chair, nothing to answer.
    if (same_address(person.email, notice.organizer.email))
      attendee = {{person.name, person.email}, AttendeeRole::chair, ParticipationStatus::accepted, false};
    event.attendees.push_back(std::move(attendee));
  }
  return event;
}

}  // namespace

const char* kind_name(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::confirmed: return "confirmed";
    case NoticeKind::rescheduled: return "rescheduled";
    case NoticeKind::cancelled: return "cancelled";
    case NoticeKind::reschedule_requested: return "reschedule_requested";
    case NoticeKind::added: return "added";
    case NoticeKind::removed: return "removed";
    case NoticeKind::pick_time: return "pick_time";
    case NoticeKind::created: break;
  }
  return "created";
}

Status check_notice(const InterviewNotice& notice) {
  if (!is_known_zone(notice.meeting_time_zone)) return invalid_field("meeting_time_zone", "is not a known time zone");
  if (notice.end <= notice.start) return invalid_field("end", "must be after the start");
  if (!is_valid_address(notice.recipient.email)) return invalid_field("recipient", "is not a valid email address");
  if (!is_valid_address(notice.organizer.email)) return invalid_field("organizer", "is not a valid email address");
  for (const auto& person : notice.attendees) {
    if (!is_valid_address(person.email)) return invalid_field("attendees", "is not a valid email address");
  }
  if (notice.ical_uid.empty() || notice.ical_uid.find_first_of("\r\n") != std::string::npos) {
    return invalid_field("ical_uid", "is required");
  }
  return {};
}

std::string notice_subject(const InterviewNotice& notice) {
  if (notice.kind == NoticeKind::pick_time)
    return std::string(subject_verb(notice.kind)) + ": " + notice.interview_title;
  const auto when = describe_short(notice.start, reading_zone(notice));
  return std::string(subject_verb(notice.kind)) + ": " + notice.interview_title + " \u2013 " + when.value_or("");
}

Result<RenderedNotice> render_notice(const InterviewNotice& notice, SystemTime now) {
  RETURN_IF_ERROR(check_notice(notice));

  const NoticeContent content = compose(notice);
  RenderedNotice rendered;
  rendered.subject = notice_subject(notice);
  rendered.text = render_text(content);
  rendered.html = render_html(content);
  if (notice.kind == NoticeKind::pick_time) return rendered;  // no meeting yet: nothing for a calendar
  const CalendarEvent event = calendar_event(notice, content, now);
  rendered.method = event.method;
  ASSIGN_OR_RETURN(auto ics, build_ics(event));
  rendered.ics = std::move(ics);
  return rendered;
}

}  // namespace poblysh::notify
