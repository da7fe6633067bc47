#include "scheduling/scheduling_links.hpp"

#include <algorithm>

#include "core/time.hpp"
#include "domain/validation.hpp"
#include "scheduling/booking_hold.hpp"

namespace poblysh::scheduling {
namespace {

using domain::InterviewStatus;
using domain::LinkState;

std::string checked_reason(const std::string& text) { return domain::bounded_text(domain::trimmed(text), 500); }

Error link_not_found() {
  return Error{ErrorCode::not_found, "This link is not valid. Please check the address.", {}, {}, {}};
}

}  // namespace

SchedulingLinks::SchedulingLinks(store::Database& db, store::InterviewRepo& interviews,
                                 interviews::InterviewViews& views, store::SchedulingLinkRepo& links,
                                 InterviewService& service, calcom::Integration& calcom,
                                 interviews::InterviewNotices& notices, LinkTokens tokens, std::string probe_slug,
                                 const Clock& clock)
    : db_(db),
      interviews_(interviews),
      views_(views),
      links_(links),
      service_(service),
      calcom_(calcom),
      notices_(notices),
      tokens_(std::move(tokens)),
      probe_slug_(std::move(probe_slug)),
      clock_(clock) {}

Result<LinkSent> SchedulingLinks::send(const RequestInfo& who, std::int64_t id,
                                       const domain::SchedulingLinkRequest& request) {
  const auto now = clock_.now();
  ASSIGN_OR_RETURN(auto rules, domain::make_link_rules(request, now));
  const std::string token = tokens_.make();
  domain::SchedulingLink link;
  link.interview_id = id;
  link.token_digest = tokens_.digest(token);
  link.rules = rules;
  link.created_by = who.actor.id > 0 ? std::optional<std::int64_t>(who.actor.id) : std::nullopt;
  link.created_at = now;
  link.expires_at = domain::link_expiry(request, now);
  const std::string url = notices_.pick_page(token);
  return store::transact(db_, [&](store::Connection& db) -> Result<LinkSent> {
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    auto& interview = view.interview;
    if (interview.status != InterviewStatus::awaiting_contact) {
      RETURN_IF_ERROR(domain::require_draft(interview));
      RETURN_IF_ERROR(domain::check_ready_to_offer(interview));
      RETURN_IF_ERROR(domain::move(interview, InterviewStatus::awaiting_contact));
    }
    interview.start.reset();  // the contact's choice, not an earlier one of staff
    interview.end.reset();
    interview.updated_at = now;
    RETURN_IF_ERROR(interviews_.save(db, interview));
    ASSIGN_OR_RETURN(link.id, links_.replace(db, link, now));
    RETURN_IF_ERROR(interviews_.add_history(
        db, id,
        {now, who.actor.email, "link_sent",
         "A scheduling link went to the contact: times from " + format_iso8601_utc(earliest_pick(rules, now)) + " to " +
             format_iso8601_utc(rules.window_end) + ", valid until " + format_iso8601_utc(link.expires_at)}));
    ASSIGN_OR_RETURN(auto sent, views_.load_view(db, id));
    RETURN_IF_ERROR(notices_.invite_to_pick(db, sent, url, earliest_pick(rules, now), rules.window_end,
                                            rules.invite_guests,
                                            "interview:" + std::to_string(id) + ":link:" + std::to_string(link.id)));
    return LinkSent{std::move(sent), link, url};
  });
}

Result<interviews::InterviewView> SchedulingLinks::revoke(const RequestInfo& who, std::int64_t id) {
  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto view, views_.load_view(db, id));
    const auto now = clock_.now();
    ASSIGN_OR_RETURN(auto revoked, links_.revoke_all(db, id, now));
    if (revoked == 0) return fail(ErrorCode::conflict, "This interview has no scheduling link to revoke.");
    auto& interview = view.interview;
    if (interview.status == InterviewStatus::awaiting_contact) {
      RETURN_IF_ERROR(domain::move(interview, InterviewStatus::draft));
      interview.updated_at = now;
      RETURN_IF_ERROR(interviews_.save(db, interview));
    }
    RETURN_IF_ERROR(
        interviews_.add_history(db, id, {now, who.actor.email, "link_revoked", "The scheduling link no longer works"}));
    return views_.load_view(db, id);
  });
}

Result<std::optional<domain::SchedulingLink>> SchedulingLinks::latest(std::int64_t id) {
  std::optional<domain::SchedulingLink> out;
  RETURN_IF_ERROR(db_.read([&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(out, links_.latest(db, id));
    return {};
  }));
  return out;
}

Result<LinkPage> SchedulingLinks::page(std::string_view token) {
  // A token of another shape can match nothing: no need to ask the database.
  if (token.size() < 16 || token.size() > 128) return fail(link_not_found());
  const std::string digest = tokens_.digest(token);
  LinkPage out;
  RETURN_IF_ERROR(db_.read([&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto link, links_.find_by_digest(db, digest));
    if (!link) return fail(link_not_found());
    out.link = std::move(*link);
    ASSIGN_OR_RETURN(out.view, views_.load_view(db, out.link.interview_id));
    return {};
  }));
  const auto now = clock_.now();
  out.state = out.link.state(now);
  // A link whose interview staff cancelled before a time was picked serves nothing more.
  const auto status = out.view.interview.status;
  if (out.state == LinkState::active && !domain::before_booking(status)) out.state = LinkState::revoked;
  if (out.state == LinkState::booked && out.view.interview.start &&
      (status == InterviewStatus::scheduled || status == InterviewStatus::awaiting_host ||
       status == InterviewStatus::confirmed)) {
    out.changes_until = *out.view.interview.start - out.link.rules.change_notice;
  }
  return out;
}

Result<LinkPage> SchedulingLinks::open(std::string_view token) {
  ASSIGN_OR_RETURN(auto found, page(token));
  if (!found.link.opened_at) {
    const auto now = clock_.now();
    RETURN_IF_ERROR(store::transact(db_, [&](store::Connection& db) -> Status {
      RETURN_IF_ERROR(links_.mark_opened(db, found.link.id, now));
      return interviews_.add_history(db, found.link.interview_id,
                                     {now, "contact", "link_opened", "The contact opened the scheduling link"});
    }));
    found.link.opened_at = now;
  }
  return found;
}

Result<std::vector<TimeRange>> SchedulingLinks::team_free(const interviews::InterviewView& view, SystemTime from,
                                                          SystemTime to, const std::string& request_id) {
  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  AvailabilityRequest request;
  request.request_id = request_id;
  request.from = from;
  request.to = to;
  std::vector<std::int64_t> ids;
  for (const auto& assignment : view.interview.team) ids.push_back(assignment.team_member_id);
  ASSIGN_OR_RETURN(request.members, views_.members(ids));
  request.event_type_id = view.interview.event_type_id;
  request.team_id = calcom_.team_id();
  for (std::size_t i = 0; i < view.team_members.size() && i < view.interview.team.size(); ++i) {
    if (view.interview.team[i].is_primary) request.primary_username = view.team_members[i].fields.calcom_username;
  }
  request.duration_minutes = view.interview.duration_minutes > 0 ? view.interview.duration_minutes : 30;
  Availability availability(*client, probe_slug_);
  ASSIGN_OR_RETURN(auto team, availability.for_team(request));
  return team.common;
}

Result<std::vector<TimeRange>> SchedulingLinks::free_times(std::string_view token, SystemTime from, SystemTime to,
                                                           const std::string& request_id) {
  ASSIGN_OR_RETURN(auto found, page(token));
  const auto now = clock_.now();
  // Picking uses an active link, moving a booked one: either way the same window.
  if (found.state == LinkState::revoked) return fail(ErrorCode::gone, "This link is no longer valid.");
  if (found.state == LinkState::expired) return fail(ErrorCode::gone, "This link has expired.");
  from = std::max(from, domain::earliest_pick(found.link.rules, now));
  to = std::min(to, found.link.rules.window_end);
  if (to <= from) return std::vector<TimeRange>{};
  ASSIGN_OR_RETURN(auto free, team_free(found.view, from, to, request_id));
  std::vector<SystemTime> starts;
  for (const auto& range : free) starts.push_back(range.start);
  const auto allowed = domain::pickable(found.link, starts, now);
  std::erase_if(
      free, [&](const TimeRange& range) { return !std::binary_search(allowed.begin(), allowed.end(), range.start); });
  return free;
}

Result<bool> SchedulingLinks::still_free(const interviews::InterviewView& view, SystemTime start,
                                         const std::string& request_id) {
  ASSIGN_OR_RETURN(auto free,
                   team_free(view, start - std::chrono::hours(12), start + std::chrono::hours(12), request_id));
  return std::any_of(free.begin(), free.end(), [&](const TimeRange& range) { return range.start == start; });
}

RequestInfo SchedulingLinks::as_contact(const LinkPage& page, const std::string& request_id) {
  RequestInfo who;
  who.actor.email = page.view.contact ? page.view.contact->fields.email : "contact";
  who.actor.name = page.view.contact ? page.view.contact->fields.name : "contact";
  who.request_id = request_id;
  return who;
}

Result<LinkPage> SchedulingLinks::pick(std::string_view token, const PickChoice& choice,
                                       const std::string& request_id) {
  ASSIGN_OR_RETURN(auto found, page(token));
  const auto now = clock_.now();
  const auto& interview = found.view.interview;
  // The same choice again (a double submit, a second tab): the booking it made is the answer.
  if (found.state == LinkState::booked && interview.start == choice.start) return found;
  RETURN_IF_ERROR(domain::check_pick(found.link, choice.start, now));
  if (interview.status != InterviewStatus::awaiting_contact) {
    return fail(ErrorCode::conflict,
                "This interview no longer waits for a time. Please write to the team who invited you.");
  }
  const std::string note = domain::bounded_text(domain::trimmed(choice.note), 1000);
  if (choice.guest) {
    auto guests = interview.guests;
    guests.push_back(*choice.guest);
    RETURN_IF_ERROR(domain::check_guests(guests));
  }
  ASSIGN_OR_RETURN(bool free, still_free(found.view, choice.start, request_id));
  if (!free) return fail(ErrorCode::conflict, "That time was just taken. Please pick another of the times shown.");

  const RequestInfo who = as_contact(found, request_id);
  // The contact's choice is written once: a second submit of it (a double click, another tab)
  // finds it written and waits in confirm for the first one's booking. Another time while one
  // is being booked is refused, unless that one is older than a booking's hold (its request died).
  bool wrote = false;
  RETURN_IF_ERROR(store::transact(db_, [&](store::Connection& db) -> Status {
    wrote = false;
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, found.link.interview_id));
    auto& draft = current.interview;
    if (draft.status != InterviewStatus::awaiting_contact) return {};
    if (draft.start && now - draft.updated_at < kBookingHold) {
      if (*draft.start == choice.start) return {};
      return fail(ErrorCode::conflict,
                  "Another time is being booked with this link right now. Reload the page in a moment.");
    }
    draft.start = choice.start;
    draft.end = choice.start + std::chrono::minutes(draft.duration_minutes > 0 ? draft.duration_minutes : 30);
    if (choice.guest) draft.guests.push_back(*choice.guest);
    draft.updated_at = now;
    RETURN_IF_ERROR(interviews_.save(db, draft));
    std::string detail = "The contact picked " + format_iso8601_utc(choice.start);
    if (choice.guest) detail += " and added " + choice.guest->email;
    if (!note.empty()) detail += ". Their note: " + note;
    RETURN_IF_ERROR(interviews_.add_history(db, draft.id, {now, who.actor.email, "time_picked", detail}));
    wrote = true;
    return {};
  }));
  auto booked = service_.confirm(who, found.link.interview_id);
  if (!booked) {
    // Cal.com refused (the time was taken after all): the choice is taken back, so the contact
    // can pick another; the refusal is the answer.
    if (wrote) RETURN_IF_ERROR(forget_choice(found.link.interview_id, choice));
    return tl::unexpected(booked.error());
  }
  if (!wrote && booked->interview.start != choice.start) {
    return fail(ErrorCode::conflict, "A time has already been chosen with this link.");
  }
  RETURN_IF_ERROR(store::transact(db_, [&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto marked, links_.mark_booked(db, found.link.id, clock_.now()));
    (void)marked;  // a second tab's call finds it marked already
    return {};
  }));
  return page(token);
}

Status SchedulingLinks::forget_choice(std::int64_t id, const PickChoice& choice) {
  return store::transact(db_, [&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto current, views_.load_view(db, id));
    auto& draft = current.interview;
    if (draft.status != InterviewStatus::awaiting_contact || draft.start != choice.start) return {};
    draft.start.reset();
    draft.end.reset();
    if (choice.guest) {
      const auto email = domain::normalize_email(choice.guest->email);
      std::erase_if(draft.guests,
                    [&](const domain::Guest& guest) { return domain::normalize_email(guest.email) == email; });
    }
    draft.updated_at = clock_.now();
    return interviews_.save(db, draft);
  });
}

Result<LinkPage> SchedulingLinks::reschedule(std::string_view token, SystemTime start, const std::string& reason_in,
                                             const std::string& request_id) {
  ASSIGN_OR_RETURN(auto found, page(token));
  const auto now = clock_.now();
  if (!found.view.interview.start) return fail(ErrorCode::conflict, "No time has been chosen with this link yet.");
  RETURN_IF_ERROR(domain::check_contact_change(found.link, *found.view.interview.start, now));
  const std::string reason = checked_reason(reason_in);
  if (reason.empty()) return invalid_field("reason", "say why you need another time (the team reads it)");
  // The new time follows the link's rules like the first choice did.
  RETURN_IF_ERROR(domain::check_slot(found.link.rules, start, now));
  ASSIGN_OR_RETURN(bool free, still_free(found.view, start, request_id));
  if (!free) return fail(ErrorCode::conflict, "That time was just taken. Please pick another of the times shown.");
  RETURN_IF_ERROR(service_.reschedule(as_contact(found, request_id), found.link.interview_id, {start, reason}));
  return page(token);
}

Result<LinkPage> SchedulingLinks::cancel(std::string_view token, const std::string& reason_in,
                                         const std::string& request_id) {
  ASSIGN_OR_RETURN(auto found, page(token));
  if (!found.view.interview.start) return fail(ErrorCode::conflict, "No time has been chosen with this link yet.");
  RETURN_IF_ERROR(domain::check_contact_change(found.link, *found.view.interview.start, clock_.now()));
  const std::string reason = checked_reason(reason_in);
  if (reason.empty()) return invalid_field("reason", "say why the interview cannot take place (the team reads it)");
  RETURN_IF_ERROR(service_.cancel(as_contact(found, request_id), found.link.interview_id, reason));
  return page(token);
}

}  // namespace poblysh::scheduling
