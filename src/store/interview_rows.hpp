// store: an interview's row and children as InterviewRepo reads and writes them (shared by its
// reads, interview_repo.cpp, and its saves, interview_repo_save.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/interview.hpp"
#include "store/database.hpp"

namespace poblysh::store::interview_rows {

// The interviews columns a domain::Interview is read from, as `i.`: from_row reads them in order.
inline constexpr std::string_view kColumns =
    "i.id, i.startup_id, i.contact_id, i.title, i.status, i.event_type_id, i.event_type_slug, i.event_type_title, "
    "i.duration_minutes, i.custom_duration, i.timezone, i.start_at, i.end_at, i.calcom_booking_id, "
    "i.calcom_booking_uid, i.ical_uid, i.ical_sequence, i.meeting_url, i.meeting_provider, i.prep_notes_markdown, "
    "i.cancellation_reason, i.confirm_lock_until, i.booking_attempted_at, i.created_by, i.created_at, i.updated_at, "
    "i.calcom_sequence, i.calcom_event_at, i.row_version, i.outcome_note, i.calcom_last_event, "
    "i.calcom_last_event_at, i.no_shows, i.calendar_uid, i.place_kind, i.place_detail";
inline constexpr std::size_t kColumnCount = 36;

domain::Interview from_row(const Row& row);
// sort_at: the meeting time once there is one, else when the draft was made.
std::int64_t list_order(const domain::Interview& i);
// The values of an INSERT or UPDATE of the row, in interview_update's column order.
std::vector<Value> row_values(const domain::Interview& i);
// A statement's outcome without its count of changed rows.
Status check(const Result<std::int64_t>& result);
// The team, guests and questions of `interview` (by its id).
Status load_children(Connection& db, domain::Interview& interview);
// Its guests and questions only.
Status load_guests_and_questions(Connection& db, domain::Interview& interview);

}  // namespace poblysh::store::interview_rows
