#include "store/interview_rows.hpp"

#include <charconv>

#include "core/time.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store::interview_rows {
namespace {

// The absent parties in one column, a line each — "contact", "guest:<address>",
// "interviewer:<team member id>" — read with the row instead of by one more statement.
std::string no_shows_text(const std::vector<domain::NoShow>& no_shows) {
  std::string out;
  for (const auto& absent : no_shows) {
    if (!out.empty()) out += '\n';
    out += domain::absent_party_name(absent.party);
    if (absent.party == domain::AbsentParty::guest) out += ":" + absent.guest_email;
    if (absent.party == domain::AbsentParty::interviewer) out += ":" + std::to_string(absent.team_member_id);
  }
  return out;
}

std::vector<domain::NoShow> no_shows_from(std::string_view text) {
  std::vector<domain::NoShow> out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    const auto colon = line.find(':');
    const auto party = domain::parse_absent_party(line.substr(0, colon));
    if (!party) continue;  // written by no_shows_text alone
    const std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    domain::NoShow absent{*party, "", 0};
    if (*party == domain::AbsentParty::guest) absent.guest_email = std::string(value);
    if (*party == domain::AbsentParty::interviewer) {
      (void)std::from_chars(value.data(), value.data() + value.size(), absent.team_member_id);
    }
    out.push_back(std::move(absent));
  }
  return out;
}

}  // namespace

Status check(const Result<std::int64_t>& result) {
  if (!result) return tl::unexpected(result.error());
  return {};
}

domain::Interview from_row(const Row& row) {
  domain::Interview i;
  i.id = row.integer(0);
  i.startup_id = row.integer(1);
  i.contact_id = row.optional_integer(2);
  i.title = row.text(3);
  i.status = domain::parse_status(row.text(4)).value_or(domain::InterviewStatus::draft);
  i.event_type_id = row.optional_integer(5);
  i.event_type_slug = row.text(6);
  i.event_type_title = row.text(7);
  i.duration_minutes = static_cast<int>(row.integer(8));
  i.custom_duration = row.boolean(9);
  i.timezone = row.text(10);
  i.start = optional_time(row, 11);
  i.end = optional_time(row, 12);
  i.calcom_booking_id = row.optional_integer(13);
  i.calcom_booking_uid = row.text(14);
  i.ical_uid = row.text(15);
  i.ical_sequence = static_cast<int>(row.integer(16));
  i.meeting_url = row.text(17);
  i.meeting_provider = row.text(18);
  i.prep_notes_markdown = row.text(19);
  i.cancellation_reason = row.text(20);
  i.confirm_lock_until = optional_time(row, 21);
  i.booking_attempted_at = optional_time(row, 22);
  i.created_by = row.optional_integer(23);
  i.created_at = from_unix_ms(row.integer(24));
  i.updated_at = from_unix_ms(row.integer(25));
  i.calcom_sequence = static_cast<int>(row.integer(26));
  i.calcom_event_at = optional_time(row, 27);
  i.row_version = row.integer(28);
  i.outcome_note = row.text(29);
  i.calcom_last_event = row.text(30);
  i.calcom_last_event_at = optional_time(row, 31);
  i.no_shows = no_shows_from(row.text(32));
  i.calendar_uid = row.text(33);
  i.place.kind = domain::parse_place_kind(row.text(34)).value_or(domain::PlaceKind::video);
  i.place.detail = row.text(35);
  return i;
}

std::int64_t list_order(const domain::Interview& i) {
  return i.start ? to_unix_ms(*i.start) : to_unix_ms(i.created_at);
}

std::vector<Value> row_values(const domain::Interview& i) {
  const auto sort_at = list_order(i);
  return {i.startup_id,
          optional_value(i.contact_id),
          i.title,
          std::string(domain::status_name(i.status)),
          optional_value(i.event_type_id),
          i.event_type_slug,
          i.event_type_title,
          std::int64_t{i.duration_minutes},
          std::int64_t{i.custom_duration ? 1 : 0},
          i.timezone,
          time_value(i.start),
          time_value(i.end),
          optional_value(i.calcom_booking_id),
          i.calcom_booking_uid.empty() ? null_value() : Value(i.calcom_booking_uid),
          i.ical_uid.empty() ? null_value() : Value(i.ical_uid),
          std::int64_t{i.ical_sequence},
          i.meeting_url,
          i.meeting_provider,
          i.prep_notes_markdown,
          i.cancellation_reason,
          time_value(i.confirm_lock_until),
          time_value(i.booking_attempted_at),
          optional_value(i.created_by),
          to_unix_ms(i.created_at),
          to_unix_ms(i.updated_at),
          sort_at,
          std::int64_t{i.calcom_sequence},
          time_value(i.calcom_event_at),
          i.outcome_note,
          i.calcom_last_event,
          time_value(i.calcom_last_event_at),
          no_shows_text(i.no_shows),
          i.calendar_uid,
          std::string(domain::place_kind_name(i.place.kind)),
          i.place.detail};
}

Status load_children(Connection& db, domain::Interview& interview) {
  ASSIGN_OR_RETURN(auto team, db.query("SELECT team_member_id, is_primary FROM interview_team WHERE interview_id = ? "
                                       "ORDER BY is_primary DESC, team_member_id",
                                       {interview.id}));
  for (const auto& row : team) interview.team.push_back({row.integer(0), row.boolean(1)});
  return load_guests_and_questions(db, interview);
}

Status load_guests_and_questions(Connection& db, domain::Interview& interview) {
  ASSIGN_OR_RETURN(
      auto guests,
      db.query("SELECT id, name, email, role, company, contact_id, invitation_status, invited_at, last_sent_at "
               "FROM interview_guests WHERE interview_id = ? ORDER BY position",
               {interview.id}));
  for (const auto& row : guests) {
    domain::Guest guest{row.integer(0),
                        row.text(1),
                        row.text(2),
                        row.text(3),
                        row.text(4),
                        row.optional_integer(5),
                        row.text(6) == "sent" ? domain::GuestInvitation::sent : domain::GuestInvitation::pending,
                        optional_time(row, 7),
                        optional_time(row, 8)};
    interview.guests.push_back(std::move(guest));
  }
  ASSIGN_OR_RETURN(
      auto questions,
      db.query("SELECT text FROM interview_questions WHERE interview_id = ? ORDER BY position", {interview.id}));
  for (const auto& row : questions) interview.custom_questions.push_back(row.text(0));
  return {};
}

}  // namespace poblysh::store::interview_rows
