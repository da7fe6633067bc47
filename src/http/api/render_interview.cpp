#include "http/api/render_interview.hpp"

#include <chrono>

#include "http/api/render.hpp"
#include "scheduling/markdown.hpp"
#include "scheduling/time_zones.hpp"

namespace poblysh::http::api {
namespace {

// The same text as iso() ("2026-05-04T09:30:00Z") without date::format's stream and locale per
// call: a page of 50 interviews formats 150 times, and that dominated the list's rendering.
std::string utc_text(SystemTime time) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const auto day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss clock{seconds - day};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) return iso(time);
  char text[] = "0000-00-00T00:00:00Z";
  auto put = [&text](int at, unsigned value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(year), 4);
  put(5, static_cast<unsigned>(date.month()), 2);
  put(8, static_cast<unsigned>(date.day()), 2);
  put(11, static_cast<unsigned>(clock.hours().count()), 2);
  put(14, static_cast<unsigned>(clock.minutes().count()), 2);
  put(17, static_cast<unsigned>(clock.seconds().count()), 2);
  return std::string(text, sizeof(text) - 1);
}

json time_or_null(const std::optional<SystemTime>& time) { return time ? json(utc_text(*time)) : json(nullptr); }

json zoned(const std::optional<SystemTime>& time, const std::string& meeting_zone, const std::string& viewer_zone) {
  if (!time) return nullptr;
  auto meeting = scheduling::in_zone(*time, meeting_zone);
  auto viewer = scheduling::in_zone(*time, viewer_zone);
  return {{"utc", utc_text(*time)},
          {"meeting", {{"zone", meeting.zone}, {"local", meeting.local}, {"display", meeting.display}}},
          {"viewer", {{"zone", viewer.zone}, {"local", viewer.local}, {"display", viewer.display}}}};
}

json render_guest(const domain::Guest& guest) {
  return {{"id", guest.id},
          {"name", guest.name},
          {"email", guest.email},
          {"role", guest.role},
          {"company", guest.company},
          {"contact_id", guest.contact_id ? json(*guest.contact_id) : json(nullptr)},
          {"invitation_status", domain::guest_invitation_name(guest.invitation)},
          {"invited_at", time_or_null(guest.invited_at)},
          {"last_sent_at", time_or_null(guest.last_sent_at)}};
}

json event_type_json(const domain::Interview& interview) {
  if (!interview.event_type_id) return nullptr;
  return {{"id", *interview.event_type_id}, {"slug", interview.event_type_slug}, {"title", interview.event_type_title}};
}

// Which steps are complete, so a client can resume a draft where it was left.
json steps(const scheduling::InterviewView& view) {
  const auto& i = view.interview;
  return {{"contact", i.contact_id.has_value()},
          {"team", i.primary_interviewer().has_value()},
          {"booking", i.event_type_id.has_value() && i.start.has_value()},
          {"guests", true},
          {"details", true}};
}

}  // namespace

json render(const scheduling::InterviewView& view, const std::string& viewer_zone, bool sandbox) {
  const auto& i = view.interview;
  json team = json::array();
  for (std::size_t k = 0; k < i.team.size() && k < view.team_members.size(); ++k) {
    const auto& member = view.team_members[k];
    team.push_back({{"team_member_id", member.id},
                    {"is_primary", i.team[k].is_primary},
                    {"name", member.fields.name},
                    {"email", member.fields.email},
                    {"role", member.fields.role},
                    {"active", member.fields.active}});
  }
  json guests = json::array();
  for (const auto& guest : i.guests) guests.push_back(render_guest(guest));
  json questions = i.custom_questions;
  json history = json::array();
  for (const auto& entry : view.history) {
    history.push_back({{"at", utc_text(entry.at)}, {"actor", entry.actor}, {"action", entry.action}, {"detail", entry.detail}});
  }
  json deliveries = json::array();
  for (const auto& delivery : view.deliveries) {
    deliveries.push_back({{"id", delivery.id},
                          {"trigger", delivery.trigger},
                          {"received_at", utc_text(delivery.received_at)},
                          {"outcome", store::outcome_name(delivery.outcome)},
                          {"source", delivery.source == store::DeliverySource::sync ? "sync" : "webhook"}});
  }
  const std::size_t people = i.team.size() + i.guests.size() + (view.contact ? 1 : 0);
  return {{"id", i.id},
          {"title", i.title},
          {"status", domain::status_name(i.status)},
          {"invitation_status", domain::invitation_name(i.invitation_status())},
          {"startup", {{"id", view.startup.id}, {"name", view.startup.fields.name}}},
          {"contact", view.contact ? render(*view.contact) : json(nullptr)},
          {"event_type", event_type_json(i)},
          {"duration_minutes", i.duration_minutes},
          {"custom_duration", i.custom_duration},
          {"timezone", i.timezone},
          {"start_time", time_or_null(i.start)},
          {"end_time", time_or_null(i.end)},
          {"calcom_booking_id", i.calcom_booking_id ? json(*i.calcom_booking_id) : json(nullptr)},
          {"calcom_booking_uid", i.calcom_booking_uid.empty() ? json(nullptr) : json(i.calcom_booking_uid)},
          {"meeting_url", i.meeting_url.empty() ? json(nullptr) : json(i.meeting_url)},
          {"meeting_provider", i.meeting_provider.empty() ? json(nullptr) : json(i.meeting_provider)},
          {"prep_notes_markdown", i.prep_notes_markdown},
          {"prep_notes_html", scheduling::render_markdown(i.prep_notes_markdown)},
          {"custom_questions", questions},
          {"team", team},
          {"guests", guests},
          {"cancellation_reason", i.cancellation_reason.empty() ? json(nullptr) : json(i.cancellation_reason)},
          {"history", history},
          {"deliveries", deliveries},
          {"steps", steps(view)},
          {"summary",
           {{"duration_minutes", i.duration_minutes},
            {"total_duration_minutes", i.duration_minutes},
            {"guest_count", i.guests.size()},
            {"people_count", people},
            {"start", zoned(i.start, i.timezone, viewer_zone)},
            {"end", zoned(i.end, i.timezone, viewer_zone)}}},
          {"sandbox", sandbox},
          {"created_at", utc_text(i.created_at)},
          {"updated_at", utc_text(i.updated_at)}};
}

json render_row(const store::InterviewRow& row) {
  // Filled key by key rather than from nested initializer lists, which build and copy a
  // temporary array per key: this runs 50 times per page of the list.
  const auto& i = row.interview;
  json team = json::array();
  for (const auto& member : i.team) {
    json entry = json::object();
    entry["team_member_id"] = member.team_member_id;
    entry["is_primary"] = member.is_primary;
    team.push_back(std::move(entry));
  }
  json startup = json::object();
  startup["id"] = i.startup_id;
  startup["name"] = row.startup_name;
  json out = json::object();
  out["id"] = i.id;
  out["title"] = i.title;
  out["status"] = domain::status_name(i.status);
  out["invitation_status"] = domain::invitation_name(i.invitation_status());
  out["startup"] = std::move(startup);
  out["contact_name"] = row.contact_name;
  out["timezone"] = i.timezone;
  out["duration_minutes"] = i.duration_minutes;
  out["start_time"] = time_or_null(i.start);
  out["end_time"] = time_or_null(i.end);
  out["meeting_url"] = i.meeting_url.empty() ? json(nullptr) : json(i.meeting_url);
  out["calcom_booking_uid"] = i.calcom_booking_uid.empty() ? json(nullptr) : json(i.calcom_booking_uid);
  out["team"] = std::move(team);
  out["updated_at"] = utc_text(i.updated_at);
  return out;
}

json render_ranges(const std::vector<scheduling::TimeRange>& ranges) {
  json out = json::array();
  for (const auto& range : ranges) out.push_back({{"start", utc_text(range.start)}, {"end", utc_text(range.end)}});
  return out;
}

json render(const scheduling::TeamAvailability& availability) {
  json members = json::array();
  for (const auto& entry : availability.members) {
    members.push_back({{"team_member_id", entry.member.id},
                       {"name", entry.member.fields.name},
                       {"role", entry.member.fields.role},
                       {"calcom_username", entry.member.fields.calcom_username ? json(*entry.member.fields.calcom_username) : json(nullptr)},
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
