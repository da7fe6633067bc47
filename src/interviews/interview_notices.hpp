// interviews: the emails that announce a change to an interview, queued in its transaction.
#pragma once

#include <optional>
#include <string>

#include "interviews/interview_view.hpp"
#include "notify/notifier.hpp"
#include "store/database.hpp"

namespace poblysh::interviews {

// Who hears about a change: the Poblysh team only, or everyone invited (team, contact, guests;
// the contact and guests only when Cal.com does not email them itself).
enum class Audience { team, everyone };

struct NoticeOptions {
  std::string public_url;  // links to our interview page (in the team's emails only); empty: none
  // The right-hand side of our own calendar UIDs ("interview-7@<domain>"), for interviews whose
  // Cal.com booking gave none (domain::settle_calendar_uid).
  std::string uid_domain = "poblysh.local";
  // Cal.com emails its own invitations, changes and cancellations to a booking's attendee and
  // guests (its default). Then they get none from us — one invitation per person — and our
  // emails go to the team alone. Off: a deployment that turned Cal.com's emails off, or the
  // simulator, which sends none.
  bool calcom_emails_attendees = true;
};

// The people one change is about (added or taken off), split as announce() splits everyone.
struct NoticeRecipients {
  std::vector<notify::NoticePerson> team;     // get our email always, with the interview page
  std::vector<notify::NoticePerson> outside;  // guests: never a link to an internal page
};

struct PreviousTime {
  SystemTime start;
  SystemTime end;
};

class InterviewNotices {
 public:
  InterviewNotices(notify::Notifier& notifier, NoticeOptions options)
      : notifier_(notifier), options_(std::move(options)) {}

  // Queues one `kind` email per recipient on `db` (the caller's transaction). `change_key`
  // names the change, not the request: the same change is announced once however often it is
  // applied (duplicate webhooks, a re-apply, a sync after the webhook). Recipients with an
  // address we cannot send to are skipped (logged by the caller through the returned count)
  // so a bad address never blocks the state change. Returns how many emails were newly queued.
  Result<int> announce(store::Connection& db, const InterviewView& view, notify::NoticeKind kind, Audience audience,
                       const std::string& change_key, std::optional<PreviousTime> previous = std::nullopt);

  // Queues one `kind` email to each of `to` alone (nobody else hears of the change). The
  // outside people are skipped when `calcom_tells_outside` (Cal.com emails them about this very
  // change, as it does guests it adds) and Cal.com's emails are on. A cancellation lists only
  // the people it takes off; an invitation lists everyone now invited; `previous`, the time an
  // update moves the meeting from.
  Result<int> announce_to(store::Connection& db, const InterviewView& view, notify::NoticeKind kind,
                          const NoticeRecipients& to, bool calcom_tells_outside, const std::string& change_key,
                          std::optional<PreviousTime> previous = std::nullopt);

  // Queues the email with a scheduling link to the contact and, `with_guests`, to the guests:
  // times offered from `window_start` to `window_end`, and `link` (the personal page, never an
  // internal one). The team is not mailed. Returns how many emails were newly queued.
  Result<int> invite_to_pick(store::Connection& db, const InterviewView& view, const std::string& link,
                             SystemTime window_start, SystemTime window_end, bool with_guests,
                             const std::string& change_key);
  // The public page of a scheduling link's token: absolute when http.public_url is set.
  std::string pick_page(std::string_view token) const;

  // Our own calendar UID for an interview (see domain::settle_calendar_uid).
  std::string calendar_uid(std::int64_t interview_id) const;

 private:
  // What every email about a change of `view` starts from, attendees all invited; nothing for an
  // interview without a time (an invitation to nothing) or without an organizer.
  std::optional<notify::InterviewNotice> start_notice(const InterviewView& view, notify::NoticeKind kind,
                                                      std::optional<PreviousTime> previous) const;
  // Needs a start and an end (start_notice checks first).
  notify::InterviewNotice notice_for(const InterviewView& view, notify::NoticeKind kind,
                                     const notify::NoticePerson& organizer) const;
  std::string interview_page(std::int64_t interview_id) const;
  std::string base_url() const;
  // Queues `notice` to `to.team`, linking to our interview page, and with `outside_too` to
  // `to.outside`, never with that link (the page is internal). Returns how many were queued.
  Result<int> queue(store::Connection& db, notify::InterviewNotice& notice, const NoticeRecipients& to,
                    bool outside_too, std::int64_t interview_id, const std::string& change_key);

  notify::Notifier& notifier_;
  NoticeOptions options_;
};

}  // namespace poblysh::interviews
