#include "scheduling/interview_service.hpp"

#include <set>

#include "core/zone_time.hpp"
#include "domain/interview_title.hpp"
#include "domain/validation.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/booking_place.hpp"
#include "scheduling/markdown.hpp"

namespace poblysh::scheduling {
using interviews::found;

InterviewService::InterviewService(store::Database& db, store::InterviewRepo& interviews,
                                   interviews::InterviewViews& views, store::StartupRepo& startups,
                                   store::ContactRepo& contacts, store::TeamMemberRepo& team,
                                   calcom::Integration& calcom, interviews::InterviewNotices& notices,
                                   jobs::JobPlanner& jobs, const Clock& clock, std::shared_ptr<spdlog::logger> log)
    : db_(db),
      interviews_(interviews),
      views_(views),
      startups_(startups),
      contacts_(contacts),
      team_(team),
      calcom_(calcom),
      notices_(notices),
      jobs_(jobs),
      clock_(clock),
      log_(std::move(log)) {}

Result<domain::Contact> InterviewService::resolve_contact(store::Connection& db, std::int64_t startup_id,
                                                          const ContactChoice& choice) {
  ASSIGN_OR_RETURN(auto startup, found(startups_.find(db, startup_id), "startup"));
  if (choice.contact_id) {
    ASSIGN_OR_RETURN(auto contact, contacts_.find(db, *choice.contact_id));
    if (!contact || contact->startup_id != startup_id) {
      return invalid_field("contact_id", "is not a contact of " + startup.fields.name);
    }
    return *contact;
  }
  if (!choice.new_contact) return invalid_field("contact_id", "choose a contact or add a new one");
  auto fields = domain::validated(*choice.new_contact, startup.fields.name);
  if (!fields) {
    Error error = fields.error();
    std::map<std::string, std::string> prefixed;
    for (const auto& [field, problem] : error.fields) prefixed.emplace("contact." + field, problem);
    error.fields = std::move(prefixed);
    return tl::unexpected(std::move(error));
  }
  // Typing in someone who is already a contact of this startup picks that contact.
  ASSIGN_OR_RETURN(auto existing, contacts_.find_by_email(db, startup_id, fields->email));
  if (existing) return *existing;
  return contacts_.insert(db, startup_id, *fields, clock_.now());
}

Result<interviews::InterviewView> InterviewService::create_draft(const RequestInfo& who, std::int64_t startup_id,
                                                                 const ContactChoice& contact,
                                                                 std::optional<std::string> title) {
  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto chosen, resolve_contact(db, startup_id, contact));
    ASSIGN_OR_RETURN(auto startup, found(startups_.find(db, startup_id), "startup"));
    domain::Interview interview;
    interview.startup_id = startup_id;
    interview.contact_id = chosen.id;
    if (const auto problem = domain::title_problem(title.value_or("")); !problem.empty()) {
      return invalid_field("title", problem);
    }
    interview.title = domain::trimmed(title.value_or(""));
    if (interview.title.empty()) interview.title = domain::default_title(startup.fields.name, chosen.fields.name);
    interview.created_by = who.actor.id;
    interview.created_at = interview.updated_at = clock_.now();
    ASSIGN_OR_RETURN(auto id, interviews_.insert(db, interview));
    RETURN_IF_ERROR(interviews_.add_history(db, id,
                                            {clock_.now(), who.actor.email, "created",
                                             "Draft for " + chosen.fields.name + " (" + startup.fields.name + ")"}));
    return views_.load_view(db, id);
  });
}

Result<interviews::InterviewView> InterviewService::edit_draft(const RequestInfo& who, std::int64_t id,
                                                               const std::string& action, const Edit& edit) {
  return store::transact(db_, [&](store::Connection& db) -> Result<interviews::InterviewView> {
    ASSIGN_OR_RETURN(auto interview, found(interviews_.find(db, id), "interview"));
    RETURN_IF_ERROR(domain::require_draft(interview));
    RETURN_IF_ERROR(edit(interview, db));
    interview.updated_at = clock_.now();
    RETURN_IF_ERROR(interviews_.save(db, interview));
    RETURN_IF_ERROR(interviews_.add_history(db, id, {clock_.now(), who.actor.email, action, ""}));
    return views_.load_view(db, id);
  });
}

Result<interviews::InterviewView> InterviewService::choose_contact(const RequestInfo& who, std::int64_t id,
                                                                   const ContactChoice& contact) {
  return edit_draft(who, id, "contact_chosen", [&](domain::Interview& interview, store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto chosen, resolve_contact(db, interview.startup_id, contact));
    RETURN_IF_ERROR(retitle_for_contact(db, interview, chosen));
    interview.contact_id = chosen.id;
    return {};
  });
}

Result<interviews::InterviewView> InterviewService::assign_team(const RequestInfo& who, std::int64_t id,
                                                                std::int64_t primary,
                                                                const std::vector<std::int64_t>& additional) {
  return edit_draft(who, id, "team_assigned", [&](domain::Interview& interview, store::Connection& db) -> Status {
    std::vector<domain::TeamAssignment> team;
    if (primary > 0) team.push_back({primary, true});
    for (auto member : additional) team.push_back({member, false});
    RETURN_IF_ERROR(domain::check_team(team));
    domain::FieldErrors errors;
    for (const auto& assignment : team) {
      const auto field = assignment.is_primary ? std::string("primary_team_member_id") : "additional_team_member_ids";
      ASSIGN_OR_RETURN(auto member, team_.find(db, assignment.team_member_id));
      if (!member)
        errors.add(field, "team member " + std::to_string(assignment.team_member_id) + " does not exist");
      else if (!member->fields.active)
        errors.add(field, member->fields.name + " is no longer active");
    }
    RETURN_IF_ERROR(errors.result());
    interview.team = std::move(team);
    return {};
  });
}

Result<interviews::InterviewView> InterviewService::choose_booking(const RequestInfo& who, std::int64_t id,
                                                                   const BookingChoice& choice) {
  ASSIGN_OR_RETURN(auto client, calcom_.usable());
  // Read the event types before the transaction: Cal.com calls never hold the write lock.
  ASSIGN_OR_RETURN(auto view, views_.get(id));
  std::optional<std::string> primary_username;
  for (std::size_t i = 0; i < view.team_members.size(); ++i) {
    if (view.interview.team[i].is_primary) primary_username = view.team_members[i].fields.calcom_username;
  }
  ASSIGN_OR_RETURN(auto types, bookable_event_types(*client, primary_username, calcom_.team_id(), who.request_id));
  const calcom::EventType* type = nullptr;
  for (const auto& candidate : types) {
    if (candidate.id == choice.event_type_id) type = &candidate;
  }
  if (!type) return invalid_field("event_type_id", "is not one of the Cal.com event types available to book");
  int duration = type->length_in_minutes;
  if (choice.custom_duration_minutes) {
    RETURN_IF_ERROR(domain::check_custom_duration(*choice.custom_duration_minutes));
    const auto& options = type->length_in_minutes_options;
    const bool allowed = *choice.custom_duration_minutes == type->length_in_minutes ||
                         std::find(options.begin(), options.end(), *choice.custom_duration_minutes) != options.end();
    if (!allowed) {
      std::string lengths = std::to_string(type->length_in_minutes);
      for (int option : options) lengths += ", " + std::to_string(option);
      return invalid_field("custom_duration_minutes", "\"" + type->title + "\" can be booked for " + lengths +
                                                          " minutes; choose one of these or another event type");
    }
    duration = *choice.custom_duration_minutes;
  }
  if (choice.start && *choice.start <= clock_.now()) return invalid_field("start_time", "must be in the future");
  return edit_draft(who, id, "booking_type_chosen", [&](domain::Interview& interview, store::Connection&) -> Status {
    interview.event_type_id = type->id;
    interview.event_type_slug = type->slug;
    interview.event_type_title = type->title;
    interview.duration_minutes = duration;
    interview.custom_duration = choice.custom_duration_minutes.has_value() && duration != type->length_in_minutes;
    interview.place = default_place(*type);
    interview.start = choice.start;
    interview.end = choice.start ? std::optional(*choice.start + std::chrono::minutes(duration)) : std::nullopt;
    return {};
  });
}

Result<interviews::InterviewView> InterviewService::set_guests(const RequestInfo& who, std::int64_t id,
                                                               const std::vector<GuestChoice>& choices) {
  return edit_draft(who, id, "guests_updated", [&](domain::Interview& interview, store::Connection& db) -> Status {
    std::vector<domain::Guest> guests;
    domain::FieldErrors errors;
    for (std::size_t i = 0; i < choices.size(); ++i) {
      domain::Guest guest = choices[i].typed;
      if (choices[i].contact_id) {
        ASSIGN_OR_RETURN(auto contact, contacts_.find(db, *choices[i].contact_id));
        if (!contact) {
          errors.add("guests[" + std::to_string(i) + "].contact_id", "this contact does not exist");
          continue;
        }
        guest = {0,
                 contact->fields.name,
                 contact->fields.email,
                 contact->fields.title,
                 contact->fields.company,
                 contact->id,
                 domain::GuestInvitation::pending,
                 {},
                 {}};
      }
      guest.name = domain::trimmed(guest.name);
      guest.email = domain::trimmed(guest.email);
      if (guest.name.empty()) guest.name = guest.email.substr(0, guest.email.find('@'));
      // Keep what was already recorded about a guest who stays on the list.
      for (const auto& existing : interview.guests) {
        if (domain::normalize_email(existing.email) == domain::normalize_email(guest.email)) {
          guest.invitation = existing.invitation;
          guest.invited_at = existing.invited_at;
          guest.last_sent_at = existing.last_sent_at;
        }
      }
      guests.push_back(std::move(guest));
    }
    RETURN_IF_ERROR(errors.result());
    RETURN_IF_ERROR(domain::check_guests(guests));
    std::optional<std::string> interviewee;
    if (interview.contact_id) {
      if (auto contact = contacts_.find(db, *interview.contact_id); contact && *contact) {
        interviewee = domain::normalize_email((*contact)->fields.email);
      }
    }
    for (std::size_t i = 0; i < guests.size(); ++i) {
      if (interviewee && domain::normalize_email(guests[i].email) == *interviewee) {
        errors.add("guests[" + std::to_string(i) + "].email",
                   "is the person being interviewed, who is invited already");
      }
    }
    RETURN_IF_ERROR(errors.result());
    interview.guests = std::move(guests);
    return {};
  });
}

Result<interviews::InterviewView> InterviewService::set_details(const RequestInfo& who, std::int64_t id,
                                                                const Details& details) {
  domain::FieldErrors errors;
  if (!is_known_zone(details.timezone)) errors.add("timezone", "is not a time zone name such as Europe/Berlin");
  RETURN_IF_ERROR(errors.result());
  RETURN_IF_ERROR(domain::check_prep_notes(details.prep_notes_markdown));
  // Rendered once, here: saved only when they render within the limits, and views read the HTML.
  ASSIGN_OR_RETURN(auto html, render_markdown(details.prep_notes_markdown));
  std::vector<std::string> questions;
  for (const auto& question : details.custom_questions) questions.push_back(domain::trimmed(question));
  RETURN_IF_ERROR(domain::check_questions(questions));
  std::optional<domain::Place> place;
  if (details.place_kind) {
    ASSIGN_OR_RETURN(place, domain::checked_place(*details.place_kind, details.place_detail));
  }
  return edit_draft(who, id, "details_updated", [&](domain::Interview& interview, store::Connection& db) -> Status {
    RETURN_IF_ERROR(interviews_.set_notes_html(db, id, html));
    interview.prep_notes_markdown = details.prep_notes_markdown;
    interview.custom_questions = questions;
    interview.timezone = details.timezone;
    if (place) interview.place = *place;
    return {};
  });
}

tl::unexpected<Error> InterviewService::release_hold_after(const RequestInfo& who, std::int64_t id,
                                                           const std::string& action, const Error& failure) {
  auto released = db_.transaction([&](store::Connection& db) -> Status {
    ASSIGN_OR_RETURN(auto interview, interviews_.find(db, id));
    if (!interview) return {};  // deleted meanwhile: nothing left to release
    interview->confirm_lock_until.reset();
    RETURN_IF_ERROR(interviews_.save(db, *interview));
    return interviews_.add_history(db, id, {clock_.now(), who.actor.email, action, failure.message});
  });
  return tl::unexpected(released ? failure : released.error());
}

}  // namespace poblysh::scheduling
