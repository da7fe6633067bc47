// A meeting's outcome as a team member records it: saved here first, then told to Cal.com.
#include <optional>

#include "core/enum_names.hpp"
#include "core/log_line.hpp"
#include "domain/interview_outcome.hpp"
#include "domain/validation.hpp"
#include "scheduling/interview_service.hpp"

namespace poblysh::scheduling {
namespace {

// "Lena Fischer (the startup's contact)", "Ivy Investor (guest)", "Bruno Costa (interviewer)".
std::string describe(const interviews::InterviewView& view, const domain::NoShow& who) {
  switch (who.party) {
    case domain::AbsentParty::contact:
      return (view.contact ? view.contact->fields.name + " " : std::string()) + "(the startup's contact)";
    case domain::AbsentParty::guest:
      for (const auto& guest : view.interview.guests) {
        if (domain::normalize_email(guest.email) == who.guest_email && !guest.name.empty()) {
          return guest.name + " (guest)";
        }
      }
      return who.guest_email + " (guest)";
    case domain::AbsentParty::interviewer:
      for (const auto& member : view.team_members) {
        if (member.id == who.team_member_id) return member.fields.name + " (interviewer)";
      }
      return "team member " + std::to_string(who.team_member_id) + " (interviewer)";
  }
  return "someone";
}

std::string history_detail(const interviews::InterviewView& view, const OutcomeChoice& choice,
                           const std::vector<domain::NoShowMark>& changes) {
  std::string detail;
  if (choice.outcome == domain::Outcome::completed) {
    detail = "Completed: everyone came";
  } else {
    detail = "No-show: ";
    for (std::size_t i = 0; i < choice.absent.size(); ++i) {
      detail += (i ? ", " : "") + describe(view, choice.absent[i]);
    }
  }
  std::string present;
  for (const auto& change : changes) {
    if (!change.absent) present += (present.empty() ? "" : ", ") + describe(view, change.who);
  }
  if (!present.empty()) detail += "; present after all: " + present;
  return detail;
}

// Cal.com's booking names the contact, the guests and the additional team members as attendees
// (by the addresses confirm sent it) and our primary interviewer as its host.
struct CalcomMarks {
  std::optional<bool> host_absent;
  std::vector<calcom::AbsentMark> attendees;
  bool empty() const { return !host_absent && attendees.empty(); }
};

CalcomMarks calcom_marks(const interviews::InterviewView& view, const std::vector<domain::NoShowMark>& changes) {
  CalcomMarks marks;
  const auto primary = view.interview.primary_interviewer();
  for (const auto& change : changes) {
    const auto& who = change.who;
    std::string email;
    if (who.party == domain::AbsentParty::contact && view.contact) {
      email = view.contact->fields.email;
    } else if (who.party == domain::AbsentParty::guest) {
      for (const auto& guest : view.interview.guests) {
        if (domain::normalize_email(guest.email) == who.guest_email) email = guest.email;
      }
    } else if (who.party == domain::AbsentParty::interviewer && primary == who.team_member_id) {
      marks.host_absent = change.absent;
    } else if (who.party == domain::AbsentParty::interviewer) {
      for (const auto& member : view.team_members) {
        if (member.id == who.team_member_id) email = member.fields.email;
      }
    }
    if (!email.empty()) marks.attendees.push_back({email, change.absent});
  }
  return marks;
}

struct Saved {
  interviews::InterviewView view;
  std::vector<domain::NoShowMark> changes;
  std::string booking_uid;
};

}  // namespace

const char* calcom_mirror_name(CalcomMirror mirror) {
  constexpr EnumName<CalcomMirror> kNames[] = {
      {CalcomMirror::sent, "sent"}, {CalcomMirror::failed, "failed"}, {CalcomMirror::not_needed, "not_needed"}};
  return name_in(kNames, mirror, "not_needed");
}

Result<RecordedOutcome> InterviewService::record_outcome(const RequestInfo& who, std::int64_t id,
                                                         const OutcomeChoice& choice) {
  const std::string note = domain::trimmed(choice.note);
  ASSIGN_OR_RETURN(
      auto saved, store::transact(db_, [&](store::Connection& db) -> Result<Saved> {
        ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
        auto& interview = current.interview;
        const auto now = clock_.now();
        const auto before = interview;
        ASSIGN_OR_RETURN(auto changes, domain::record_outcome(interview, choice.outcome, choice.absent, note, now));
        // A second click finds the account recorded already: nothing to save, nobody to tell.
        if (changes.empty() && interview.status == before.status && interview.outcome_note == before.outcome_note) {
          return Saved{std::move(current), {}, {}};
        }
        interview.updated_at = now;
        RETURN_IF_ERROR(interviews_.save(db, interview));
        RETURN_IF_ERROR(jobs_.replan(db, interview));
        RETURN_IF_ERROR(interviews_.add_history(
            db, id, {now, who.actor.email, "outcome_recorded", history_detail(current, choice, changes)}));
        ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
        return Saved{std::move(view), std::move(changes), interview.calcom_booking_uid};
      }));

  RecordedOutcome recorded{std::move(saved.view), CalcomMirror::not_needed, {}};
  const CalcomMarks marks = calcom_marks(recorded.view, saved.changes);
  if (saved.booking_uid.empty() || marks.empty()) return recorded;

  auto client = calcom_.usable();
  Result<calcom::Booking> told =
      client ? (*client)->mark_absent(saved.booking_uid, marks.host_absent, marks.attendees, {who.request_id})
             : tl::unexpected(client.error());
  if (told) {
    recorded.calcom = CalcomMirror::sent;
    return recorded;
  }
  // Kept here all the same: the outcome is our record, and Cal.com's no-show flags only feed its
  // own reports. The history says what Cal.com was not told, so someone can mark it there.
  recorded.calcom = CalcomMirror::failed;
  recorded.calcom_problem = told.error().message;
  if (log_) {
    log_->warn(LogLine("cal.com was not told an interview's no-shows")
                   .number("interview_id", id)
                   .text("booking_uid", saved.booking_uid)
                   .text("error", error_detail(told.error()))
                   .text("request_id", who.request_id)
                   .str());
  }
  auto noted = store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    RETURN_IF_ERROR(interviews_.add_history(
        db, id,
        {clock_.now(), who.actor.email, "outcome_not_sent_to_calcom",
         "Saved here; Cal.com's booking was not told who did not come: " + told.error().message}));
    return views_.load_view(db, id);
  });
  if (noted) recorded.view = std::move(*noted);
  return recorded;
}

}  // namespace poblysh::scheduling
