#include "interviews/interview_notices.hpp"

#include <set>

#include "domain/validation.hpp"
#include "notify/mime.hpp"

namespace poblysh::interviews {
namespace {

struct People {
  std::vector<notify::NoticePerson> all;  // everyone on the invitation, in a stable order
  std::vector<notify::NoticePerson> team;
  std::vector<notify::NoticePerson> outside;      // the contact and guests
  std::optional<notify::NoticePerson> organizer;  // the primary interviewer hosts the meeting
};

People people_of(const InterviewView& view) {
  People people;
  std::set<std::string> seen;
  auto add = [&](const std::string& name, const std::string& email, bool team) {
    const auto key = domain::normalize_email(email);
    if (key.empty() || !seen.insert(key).second) return;
    people.all.push_back({name, email});
    (team ? people.team : people.outside).push_back({name, email});
  };
  const auto& interview = view.interview;
  for (std::size_t i = 0; i < view.team_members.size() && i < interview.team.size(); ++i) {
    const auto& member = view.team_members[i].fields;
    if (interview.team[i].is_primary && !people.organizer) people.organizer = {member.name, member.email};
    add(member.name, member.email, true);
  }
  if (view.contact) add(view.contact->fields.name, view.contact->fields.email, false);
  for (const auto& guest : interview.guests) add(guest.name, guest.email, false);
  if (!people.organizer && !people.team.empty()) people.organizer = people.team.front();
  return people;
}

}  // namespace

// What every email about the interview says, whoever it goes to and whatever else it adds.
notify::InterviewNotice InterviewNotices::notice_for(const InterviewView& view, notify::NoticeKind kind,
                                                     const notify::NoticePerson& organizer) const {
  const auto& interview = view.interview;
  notify::InterviewNotice notice;
  notice.kind = kind;
  notice.interview_title = interview.title;
  notice.startup_name = view.startup.fields.name;
  notice.start = *interview.start;
  notice.end = *interview.end;
  notice.meeting_time_zone = interview.timezone;
  notice.meeting_url = interview.meeting_url;
  notice.meeting_provider = interview.meeting_provider;
  if (interview.place.kind != domain::PlaceKind::video) {
    notice.place = interview.place.detail;
    notice.place_label = domain::place_label(interview.place);
  }
  notice.organizer = organizer;
  notice.ical_uid = interview.calendar_uid.empty() ? calendar_uid(interview.id) : interview.calendar_uid;
  notice.sequence = interview.ical_sequence;
  notice.cancellation_reason = interview.cancellation_reason;
  return notice;
}

std::string InterviewNotices::calendar_uid(std::int64_t interview_id) const {
  return "interview-" + std::to_string(interview_id) + "@" + options_.uid_domain;
}

std::optional<notify::InterviewNotice> InterviewNotices::start_notice(const InterviewView& view,
                                                                      notify::NoticeKind kind,
                                                                      std::optional<PreviousTime> previous) const {
  const auto& interview = view.interview;
  // A notice without a time would be an invitation to nothing; drafts have no time yet.
  if (!interview.start || !interview.end || *interview.end <= *interview.start) return std::nullopt;
  const People people = people_of(view);
  if (!people.organizer) return std::nullopt;
  notify::InterviewNotice notice = notice_for(view, kind, *people.organizer);
  if (previous) {
    notice.previous_start = previous->start;
    notice.previous_end = previous->end;
  }
  notice.attendees = people.all;
  return notice;
}

Result<int> InterviewNotices::announce(store::Connection& db, const InterviewView& view, notify::NoticeKind kind,
                                       Audience audience, const std::string& change_key,
                                       std::optional<PreviousTime> previous) {
  auto notice = start_notice(view, kind, previous);
  if (!notice) return 0;
  const People people = people_of(view);
  const bool outside_too = audience == Audience::everyone && !options_.calcom_emails_attendees;
  return queue(db, *notice, {people.team, people.outside}, outside_too, view.interview.id, change_key);
}

Result<int> InterviewNotices::announce_to(store::Connection& db, const InterviewView& view, notify::NoticeKind kind,
                                          const NoticeRecipients& to, bool calcom_tells_outside,
                                          const std::string& change_key, std::optional<PreviousTime> previous) {
  auto notice = start_notice(view, kind, previous);
  if (!notice) return 0;
  // RFC 5546: a CANCEL that names only some attendees takes those attendees off the event.
  if (kind == notify::NoticeKind::removed) {
    notice->attendees.clear();
    for (const auto* group : {&to.team, &to.outside}) {
      for (const auto& person : *group) {
        if (notify::is_valid_address(person.email)) notice->attendees.push_back(person);
      }
    }
  }
  const bool outside_too = !calcom_tells_outside || !options_.calcom_emails_attendees;
  return queue(db, *notice, to, outside_too, view.interview.id, change_key);
}

Result<int> InterviewNotices::queue(store::Connection& db, notify::InterviewNotice& notice, const NoticeRecipients& to,
                                    bool outside_too, std::int64_t interview_id, const std::string& change_key) {
  const auto valid = [](const std::vector<notify::NoticePerson>& people) {
    std::vector<notify::NoticePerson> out;
    for (const auto& person : people) {
      if (notify::is_valid_address(person.email)) out.push_back(person);
    }
    return out;
  };
  notice.interview_url = interview_page(interview_id);
  ASSIGN_OR_RETURN(int queued, notifier_.enqueue_each(db, notice, valid(to.team), interview_id, change_key));
  if (!outside_too) return queued;
  notice.interview_url.clear();
  ASSIGN_OR_RETURN(int outside, notifier_.enqueue_each(db, notice, valid(to.outside), interview_id, change_key));
  return queued + outside;
}

Result<int> InterviewNotices::invite_to_pick(store::Connection& db, const InterviewView& view, const std::string& link,
                                             SystemTime window_start, SystemTime window_end, bool with_guests,
                                             const std::string& change_key) {
  const People people = people_of(view);
  if (!people.organizer || !view.contact) return 0;
  InterviewView offered{view.interview, view.startup, view.contact, view.team_members, {}, {}};
  offered.interview.start = window_start;
  offered.interview.end = window_end;
  notify::InterviewNotice notice = notice_for(offered, notify::NoticeKind::pick_time, *people.organizer);
  notice.interview_url = link;
  notice.attendees = people.all;
  std::vector<notify::NoticePerson> to{{view.contact->fields.name, view.contact->fields.email}};
  if (with_guests) {
    for (const auto& guest : view.interview.guests) to.push_back({guest.name, guest.email});
  }
  std::erase_if(to, [](const notify::NoticePerson& person) { return !notify::is_valid_address(person.email); });
  return notifier_.enqueue_each(db, notice, to, view.interview.id, change_key);
}

std::string InterviewNotices::pick_page(std::string_view token) const {
  return base_url() + "/pick/" + std::string(token);
}

std::string InterviewNotices::base_url() const {
  std::string base = options_.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base;
}

std::string InterviewNotices::interview_page(std::int64_t interview_id) const {
  if (options_.public_url.empty()) return {};
  return base_url() + "/interviews/" + std::to_string(interview_id);
}

}  // namespace poblysh::interviews
