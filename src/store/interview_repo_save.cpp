// InterviewRepo's writes: an interview's row, and only those of its team, guests and questions
// that changed.
#include <algorithm>
#include <array>
#include <tuple>

#include "core/time.hpp"
#include "domain/validation.hpp"
#include "store/interview_repo.hpp"
#include "store/interview_rows.hpp"
#include "store/interview_update.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

using namespace interview_rows;

// Saving rewrites only the child rows that changed: most saves (a webhook moving the meeting, a
// status change) keep the team, guests and questions, and deleting and re-inserting them with
// their indexes would be most of what such a save writes.
bool same_team(std::vector<domain::TeamAssignment> a, std::vector<domain::TeamAssignment> b) {
  auto by_member = [](const auto& x, const auto& y) {
    return std::pair(!x.is_primary, x.team_member_id) < std::pair(!y.is_primary, y.team_member_id);
  };
  std::sort(a.begin(), a.end(), by_member);
  std::sort(b.begin(), b.end(), by_member);
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.team_member_id == y.team_member_id && x.is_primary == y.is_primary;
  });
}

std::optional<std::int64_t> stored_ms(const std::optional<SystemTime>& at) {
  return at ? std::optional<std::int64_t>(to_unix_ms(*at)) : std::nullopt;
}

bool same_guests(const std::vector<domain::Guest>& a, const std::vector<domain::Guest>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const domain::Guest& x, const domain::Guest& y) {
    return x.name == y.name && x.email == y.email && x.role == y.role && x.company == y.company &&
           x.contact_id == y.contact_id && x.invitation == y.invitation &&
           stored_ms(x.invited_at) == stored_ms(y.invited_at) && stored_ms(x.last_sent_at) == stored_ms(y.last_sent_at);
  });
}

Status write_guests_and_questions(Connection& db, const domain::Interview& interview, const domain::Interview& stored) {
  if (!same_guests(stored.guests, interview.guests)) {
    RETURN_IF_ERROR(check(db.execute("DELETE FROM interview_guests WHERE interview_id = ?", {interview.id})));
    for (std::size_t i = 0; i < interview.guests.size(); ++i) {
      const auto& g = interview.guests[i];
      auto inserted = db.execute(
          "INSERT INTO interview_guests (interview_id, position, name, email, email_normalized, role, company, "
          "contact_id, invitation_status, invited_at, last_sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {interview.id, static_cast<std::int64_t>(i), g.name, g.email, domain::normalize_email(g.email), g.role,
           g.company, optional_value(g.contact_id), std::string(domain::guest_invitation_name(g.invitation)),
           time_value(g.invited_at), time_value(g.last_sent_at)});
      if (!inserted) {
        if (inserted.error().code == ErrorCode::conflict) return invalid_field("guests", "lists the same email twice");
        return tl::unexpected(inserted.error());
      }
    }
  }
  if (stored.custom_questions != interview.custom_questions) {
    RETURN_IF_ERROR(check(db.execute("DELETE FROM interview_questions WHERE interview_id = ?", {interview.id})));
    for (std::size_t i = 0; i < interview.custom_questions.size(); ++i) {
      auto inserted = db.execute("INSERT INTO interview_questions (interview_id, position, text) VALUES (?, ?, ?)",
                                 {interview.id, static_cast<std::int64_t>(i), interview.custom_questions[i]});
      RETURN_IF_ERROR(check(inserted));
    }
  }
  return {};
}

// The team rows' copies of the status, list order and meeting time: one UPDATE per combination
// of them that changed (index 1–7: status, sort_at, start_at as bits 0–2).
std::size_t team_refresh_index(unsigned changed_indexed) {
  return ((changed_indexed & interview_update::kStatus) ? 1U : 0U) |
         ((changed_indexed & interview_update::kSortAt) ? 2U : 0U) |
         ((changed_indexed & interview_update::kStartAt) ? 4U : 0U);
}

std::array<std::string, 8> team_refresh_statements() {
  std::array<std::string, 8> all;
  for (std::size_t combination = 1; combination < all.size(); ++combination) {
    // Rows already holding the values are left alone (a save that marks everything changed).
    std::string set;
    std::string differs;
    for (const auto& [bit, column, test] :
         {std::tuple{1U, "status = ?", "status <> ?"}, std::tuple{2U, "sort_at = ?", "sort_at <> ?"},
          std::tuple{4U, "start_at = ?", "start_at IS DISTINCT FROM ?"}}) {
      if ((combination & bit) == 0) continue;
      set += set.empty() ? "" : ", ";
      set += column;
      differs += differs.empty() ? "" : " OR ";
      differs += test;
    }
    all[combination] = "UPDATE interview_team SET " + set + " WHERE interview_id = ? AND (" + differs + ")";
  }
  return all;
}

Status write_interview(Connection& db, const domain::Interview& interview, const domain::Interview& stored,
                       unsigned changed_indexed) {
  auto update = interview_update::statement(row_values(interview), changed_indexed, interview.id);
  ASSIGN_OR_RETURN(auto updated, db.execute(update.sql, update.values));
  if (updated == 0) return fail(ErrorCode::not_found, "This interview does not exist.");

  const bool order_changed =
      (changed_indexed & (interview_update::kStatus | interview_update::kSortAt | interview_update::kStartAt)) != 0;
  // The team rows repeat the interview's status, list order (migration 0006) and meeting time
  // (0007), so the list filtered by a member walks that member's rows in order.
  const std::string status(domain::status_name(interview.status));
  const std::int64_t sort_at = list_order(interview);
  const Value start_at = time_value(interview.start);
  if (same_team(stored.team, interview.team)) {
    if (!order_changed) return write_guests_and_questions(db, interview, stored);
    // Only the columns that changed: SQLite rewrites the entries of every index holding a column
    // the statement sets, so a status change leaves the rows' entries by meeting time alone.
    static const auto kRefresh = team_refresh_statements();
    std::vector<Value> set;
    for (const auto& [bit, value] :
         {std::pair{interview_update::kStatus, Value(status)}, std::pair{interview_update::kSortAt, Value(sort_at)},
          std::pair{interview_update::kStartAt, start_at}}) {
      if (changed_indexed & bit) set.push_back(value);
    }
    std::vector<Value> values = set;
    values.emplace_back(interview.id);
    values.insert(values.end(), set.begin(), set.end());
    RETURN_IF_ERROR(check(db.execute(kRefresh.at(team_refresh_index(changed_indexed)), values)));
  } else {
    RETURN_IF_ERROR(check(db.execute("DELETE FROM interview_team WHERE interview_id = ?", {interview.id})));
    for (const auto& member : interview.team) {
      auto inserted = db.execute(
          "INSERT INTO interview_team (interview_id, team_member_id, is_primary, status, sort_at, start_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {interview.id, member.team_member_id, std::int64_t{member.is_primary ? 1 : 0}, status, sort_at, start_at});
      RETURN_IF_ERROR(check(inserted));
    }
  }
  return write_guests_and_questions(db, interview, stored);
}

}  // namespace

Result<std::int64_t> InterviewRepo::insert(Connection& db, const domain::Interview& interview) {
  static const std::string kSql =
      "INSERT INTO interviews (startup_id, contact_id, title, status, event_type_id, event_type_slug, "
      "event_type_title, duration_minutes, custom_duration, timezone, start_at, end_at, calcom_booking_id, "
      "calcom_booking_uid, ical_uid, ical_sequence, meeting_url, meeting_provider, prep_notes_markdown, "
      "cancellation_reason, confirm_lock_until, booking_attempted_at, created_by, created_at, updated_at, sort_at, "
      "calcom_sequence, calcom_event_at, outcome_note, calcom_last_event, calcom_last_event_at, no_shows, "
      "calendar_uid, place_kind, place_detail) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?) "
      "RETURNING id";
  ASSIGN_OR_RETURN(auto rows, db.query(kSql, row_values(interview)));
  domain::Interview saved = interview;
  saved.id = rows.front().integer(0);
  RETURN_IF_ERROR(save(db, saved));
  return saved.id;
}

Status InterviewRepo::save(Connection& db, const domain::Interview& interview) {
  domain::Interview stored;
  stored.id = interview.id;
  RETURN_IF_ERROR(load_children(db, stored));
  return write_interview(db, interview, stored, interview_update::kEveryIndexed);
}

Status InterviewRepo::save(Connection& db, const domain::Interview& interview, const domain::Interview& as_loaded) {
  const unsigned changed = interview_update::changed_indexed(row_values(interview), row_values(as_loaded));
  return write_interview(db, interview, as_loaded, changed);
}

}  // namespace poblysh::store
