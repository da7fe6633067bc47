#include "http/api/render_interview.hpp"

#include "core/zone_time.hpp"
#include "domain/validation.hpp"
#include "http/api/render.hpp"

namespace poblysh::http::api {
namespace {

void write_time_or_null(JsonWriter& out, const std::optional<SystemTime>& time) {
  if (time) {
    out.value(iso(*time));
  } else {
    out.value(nullptr);
  }
}

void write_text_or_null(JsonWriter& out, const std::string& text) {
  if (text.empty()) {
    out.value(nullptr);
  } else {
    out.value(text);
  }
}

// "place": the kind, and the address or the number it has (null otherwise); a video call's
// provider and link are meeting_provider and meeting_url.
void write_place(JsonWriter& out, const domain::Place& place) {
  out.key("place").begin_object().key("address");
  write_text_or_null(out, place.kind == domain::PlaceKind::in_person ? place.detail : std::string());
  out.key("kind").value(domain::place_kind_name(place.kind)).key("phone");
  write_text_or_null(out, place.kind == domain::PlaceKind::phone ? place.detail : std::string());
  out.end_object();
}

void write_local(JsonWriter& out, const ZonedTime& local) {
  out.begin_object().key("display").value(local.display).key("local").value(local.local).key("zone").value(local.zone);
  out.end_object();
}

void write_zoned(JsonWriter& out, const std::optional<SystemTime>& time, const std::string& meeting_zone,
                 const std::string& viewer_zone) {
  if (!time) {
    out.value(nullptr);
    return;
  }
  out.begin_object().key("meeting");
  write_local(out, in_zone(*time, meeting_zone));
  out.key("utc").value(iso(*time)).key("viewer");
  write_local(out, in_zone(*time, viewer_zone));
  out.end_object();
}

void write_guest(JsonWriter& out, const domain::Guest& guest) {
  out.begin_object()
      .key("company")
      .value(guest.company)
      .key("contact_id")
      .value(guest.contact_id)
      .key("email")
      .value(guest.email)
      .key("id")
      .value(guest.id)
      .key("invitation_status")
      .value(domain::guest_invitation_name(guest.invitation))
      .key("invited_at");
  write_time_or_null(out, guest.invited_at);
  out.key("last_sent_at");
  write_time_or_null(out, guest.last_sent_at);
  out.key("name").value(guest.name).key("role").value(guest.role).end_object();
}

void write_event_type(JsonWriter& out, const domain::Interview& interview) {
  if (!interview.event_type_id) {
    out.value(nullptr);
    return;
  }
  out.begin_object()
      .key("id")
      .value(*interview.event_type_id)
      .key("slug")
      .value(interview.event_type_slug)
      .key("title")
      .value(interview.event_type_title)
      .end_object();
}

// Which steps are complete, so a client can resume a draft where it was left.
void write_steps(JsonWriter& out, const interviews::InterviewView& view) {
  const auto& i = view.interview;
  out.begin_object()
      .key("booking")
      .value(i.event_type_id.has_value() && i.start.has_value())
      .key("contact")
      .value(i.contact_id.has_value())
      .key("details")
      .value(true)
      .key("guests")
      .value(true)
      .key("team")
      .value(i.primary_interviewer().has_value())
      .end_object();
}

void write_team(JsonWriter& out, const interviews::InterviewView& view) {
  const auto& i = view.interview;
  out.begin_array();
  for (std::size_t k = 0; k < i.team.size() && k < view.team_members.size(); ++k) {
    const auto& member = view.team_members[k];
    out.begin_object()
        .key("active")
        .value(member.fields.active)
        .key("email")
        .value(member.fields.email)
        .key("is_primary")
        .value(i.team[k].is_primary)
        .key("name")
        .value(member.fields.name)
        .key("role")
        .value(member.fields.role)
        .key("team_member_id")
        .value(member.id)
        .end_object();
  }
  out.end_array();
}

void write_history_entry(JsonWriter& out, const domain::HistoryEntry& entry) {
  out.begin_object()
      .key("action")
      .value(entry.action)
      .key("actor")
      .value(entry.actor)
      .key("at")
      .value(iso(entry.at))
      .key("detail")
      .value(entry.detail)
      .end_object();
}

void write_delivery(JsonWriter& out, const store::DeliverySummary& delivery) {
  out.begin_object()
      .key("id")
      .value(delivery.id)
      .key("outcome")
      .value(store::outcome_name(delivery.outcome))
      .key("received_at")
      .value(iso(delivery.received_at))
      .key("source")
      .value(delivery.source == store::DeliverySource::sync ? "sync" : "webhook")
      .key("trigger")
      .value(delivery.trigger)
      .end_object();
}

// Who did not come, named as the interview's people are: {email, name, party, team_member_id}.
void write_no_show(JsonWriter& out, const interviews::InterviewView& view, const domain::NoShow& absent) {
  std::string email;
  std::string name;
  if (absent.party == domain::AbsentParty::contact && view.contact) {
    email = view.contact->fields.email;
    name = view.contact->fields.name;
  } else if (absent.party == domain::AbsentParty::guest) {
    email = absent.guest_email;
    for (const auto& guest : view.interview.guests) {
      if (domain::normalize_email(guest.email) == absent.guest_email) name = guest.name;
    }
  } else if (absent.party == domain::AbsentParty::interviewer) {
    for (const auto& member : view.team_members) {
      if (member.id != absent.team_member_id) continue;
      email = member.fields.email;
      name = member.fields.name;
    }
  }
  out.begin_object().key("email").value(email).key("name").value(name).key("party");
  out.value(domain::absent_party_name(absent.party)).key("team_member_id");
  if (absent.party == domain::AbsentParty::interviewer) {
    out.value(absent.team_member_id);
  } else {
    out.value(nullptr);
  }
  out.end_object();
}

// The last Cal.com event that changed the interview, in plain words, or null.
void write_latest_calcom_event(JsonWriter& out, const domain::Interview& interview) {
  if (interview.calcom_last_event.empty()) {
    out.value(nullptr);
    return;
  }
  out.begin_object().key("at");
  write_time_or_null(out, interview.calcom_last_event_at);
  out.key("summary").value(interview.calcom_last_event).end_object();
}

// The fields an interview's page and its row in a list both end with, and the object's end.
void write_closing_fields(JsonWriter& out, const domain::Interview& i) {
  out.key("timezone").value(i.timezone).key("title").value(i.title).key("updated_at").value(iso(i.updated_at));
  out.end_object();
}

// An array of `items`, each written by `write_item`.
template <class Item, class WriteItem>
void write_array(JsonWriter& out, const std::vector<Item>& items, WriteItem write_item) {
  out.begin_array();
  for (const auto& item : items) write_item(out, item);
  out.end_array();
}

}  // namespace

// Keys in byte order (see JsonWriter), so the text is what a json DOM would give.
std::string render_json(const interviews::InterviewView& view, const std::string& notes_html,
                        const std::string& viewer_zone, bool sandbox) {
  const auto& i = view.interview;
  JsonWriter out;
  out.begin_object().key("calcom_booking_id").value(i.calcom_booking_id).key("calcom_booking_uid");
  write_text_or_null(out, i.calcom_booking_uid);
  out.key("cancellation_reason");
  write_text_or_null(out, i.cancellation_reason);
  out.key("contact");
  if (view.contact) {
    write(out, *view.contact);
  } else {
    out.value(nullptr);
  }
  out.key("created_at")
      .value(iso(i.created_at))
      .key("custom_duration")
      .value(i.custom_duration)
      .key("custom_questions")
      .begin_array();
  for (const auto& question : i.custom_questions) out.value(question);
  out.end_array().key("deliveries");
  write_array(out, view.deliveries, write_delivery);
  out.key("duration_minutes").value(i.duration_minutes).key("end_time");
  write_time_or_null(out, i.end);
  out.key("event_type");
  write_event_type(out, i);
  out.key("guests");
  write_array(out, i.guests, write_guest);
  out.key("history");
  write_array(out, view.history, write_history_entry);
  out.key("id")
      .value(i.id)
      .key("invitation_status")
      .value(domain::invitation_name(i.invitation_status()))
      .key("latest_calcom_event");
  write_latest_calcom_event(out, i);
  out.key("meeting_provider");
  write_text_or_null(out, i.meeting_provider);
  out.key("meeting_url");
  write_text_or_null(out, i.meeting_url);
  out.key("no_shows").begin_array();
  for (const auto& absent : i.no_shows) write_no_show(out, view, absent);
  out.end_array().key("outcome_note");
  write_text_or_null(out, i.outcome_note);
  write_place(out, i.place);
  out.key("prep_notes_html")
      .value(notes_html)
      .key("prep_notes_markdown")
      .value(i.prep_notes_markdown)
      .key("sandbox")
      .value(sandbox)
      .key("start_time");
  write_time_or_null(out, i.start);
  out.key("startup").begin_object().key("id").value(view.startup.id).key("name").value(view.startup.fields.name);
  out.end_object().key("status").value(domain::status_name(i.status)).key("steps");
  write_steps(out, view);
  const std::size_t people = i.team.size() + i.guests.size() + (view.contact ? 1 : 0);
  out.key("summary").begin_object().key("duration_minutes").value(i.duration_minutes).key("end");
  write_zoned(out, i.end, i.timezone, viewer_zone);
  out.key("guest_count").value(i.guests.size()).key("people_count").value(people).key("start");
  write_zoned(out, i.start, i.timezone, viewer_zone);
  out.key("total_duration_minutes").value(i.duration_minutes).end_object().key("team");
  write_team(out, view);
  write_closing_fields(out, i);
  return out.take();
}

void write_row(JsonWriter& out, const store::InterviewRow& row) {
  const auto& i = row.interview;
  out.begin_object().key("calcom_booking_uid");
  write_text_or_null(out, i.calcom_booking_uid);
  out.key("contact_name").value(row.contact_name).key("duration_minutes").value(i.duration_minutes).key("end_time");
  write_time_or_null(out, i.end);
  out.key("id")
      .value(i.id)
      .key("invitation_status")
      .value(domain::invitation_name(i.invitation_status()))
      .key("meeting_url");
  write_text_or_null(out, i.meeting_url);
  out.key("start_time");
  write_time_or_null(out, i.start);
  out.key("startup")
      .begin_object()
      .key("id")
      .value(i.startup_id)
      .key("name")
      .value(row.startup_name)
      .end_object()
      .key("status")
      .value(domain::status_name(i.status))
      .key("team")
      .begin_array();
  for (const auto& member : i.team) {
    out.begin_object().key("is_primary").value(member.is_primary).key("team_member_id").value(member.team_member_id);
    out.end_object();
  }
  out.end_array();
  write_closing_fields(out, i);
}

json render_row(const store::InterviewRow& row) {
  // The list writes rows as text (write_row); other answers that embed a row get the same
  // fields as a value by reading that text back, so there is one definition of a row.
  JsonWriter out;
  write_row(out, row);
  return json::parse(out.take());
}

json render_ranges(const std::vector<scheduling::TimeRange>& ranges) {
  json out = json::array();
  for (const auto& range : ranges) out.push_back({{"start", iso(range.start)}, {"end", iso(range.end)}});
  return out;
}

json render(const scheduling::TeamAvailability& availability) {
  json members = json::array();
  for (const auto& entry : availability.members) {
    members.push_back(
        {{"team_member_id", entry.member.id},
         {"name", entry.member.fields.name},
         {"role", entry.member.fields.role},
         {"calcom_username",
          entry.member.fields.calcom_username ? json(*entry.member.fields.calcom_username) : json(nullptr)},
         {"availability", entry.known ? "known" : "unknown"},
         {"reason", entry.reason.empty() ? json(nullptr) : json(entry.reason)},
         {"slots", render_ranges(entry.slots)}});
  }
  return {{"members", members}, {"common_slots", render_ranges(availability.common)}};
}

json render(const scheduling::EventTypeOption& option) {
  const auto& type = option.event_type;
  return {{"id", type.id},
          {"slug", type.slug},
          {"title", type.title},
          {"length_minutes", type.length_in_minutes},
          {"length_options", type.length_in_minutes_options},
          {"description", type.description},
          {"common_free_slots", option.common.size()},
          {"slots", render_ranges(option.common)}};
}

}  // namespace poblysh::http::api
