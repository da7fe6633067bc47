#include "store/interview_repo.hpp"

#include <unordered_map>

#include "core/time.hpp"
#include "store/interview_rows.hpp"
#include "store/people_rows.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

using namespace interview_rows;

Result<std::optional<domain::Interview>> find_where(Connection& db, const std::string& sql, const Value& key) {
  ASSIGN_OR_RETURN(auto row, db.query_one(sql, {key}));
  if (!row) return std::optional<domain::Interview>{};
  auto interview = from_row(*row);
  RETURN_IF_ERROR(load_children(db, interview));
  return std::optional<domain::Interview>(std::move(interview));
}

}  // namespace

Result<std::optional<domain::Interview>> InterviewRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM interviews i WHERE i.id = ?";
  return find_where(db, kSql, id);
}

Result<std::optional<domain::Interview>> InterviewRepo::find_by_booking_uid(Connection& db, const std::string& uid) {
  static const std::string kSql =
      "SELECT " + std::string(kColumns) + " FROM interviews i WHERE i.calcom_booking_uid = ?";
  return find_where(db, kSql, uid);
}

Result<std::optional<InterviewWithPeople>> InterviewRepo::find_with_people(Connection& db, std::int64_t id) {
  using namespace people_rows;
  static const std::string kSql = "SELECT " + std::string(kColumns) + ", " + qualified("s", kStartupColumns) + ", " +
                                  qualified("c", kContactColumns) + ", i.prep_notes_html" +
                                  " FROM interviews i LEFT JOIN startups s ON s.id = i.startup_id "
                                  "LEFT JOIN contacts c ON c.id = i.contact_id WHERE i.id = ?";
  static const std::string kTeamSql = "SELECT t.team_member_id, t.is_primary, " + qualified("m", kTeamMemberColumns) +
                                      " FROM interview_team t LEFT JOIN team_members m ON m.id = t.team_member_id "
                                      "WHERE t.interview_id = ? ORDER BY t.is_primary DESC, t.team_member_id";
  constexpr std::size_t kStartupAt = kColumnCount;
  constexpr std::size_t kContactAt = kStartupAt + kStartupColumnCount;
  constexpr std::size_t kNotesHtmlAt = kContactAt + kContactColumnCount;
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {id}));
  if (!row) return std::optional<InterviewWithPeople>{};
  InterviewWithPeople found;
  found.interview = from_row(*row);
  if (!row->is_null(kStartupAt)) found.startup = startup(*row, kStartupAt);
  if (!row->is_null(kContactAt)) found.contact = contact(*row, kContactAt);
  if (!row->is_null(kNotesHtmlAt)) found.interview.prep_notes_html = row->text(kNotesHtmlAt);
  ASSIGN_OR_RETURN(auto team, db.query(kTeamSql, {id}));
  for (const auto& member : team) {
    found.interview.team.push_back({member.integer(0), member.boolean(1)});
    if (!member.is_null(2)) found.team_members.push_back(team_member(member, 2));
  }
  RETURN_IF_ERROR(load_guests_and_questions(db, found.interview));
  return std::optional<InterviewWithPeople>(std::move(found));
}

Status InterviewRepo::set_notes_html(Connection& db, std::int64_t id, const std::string& html) {
  return check(db.execute("UPDATE interviews SET prep_notes_html = ? WHERE id = ?", {html, id}));
}

Result<std::optional<std::int64_t>> InterviewRepo::row_version(Connection& db, std::int64_t id) {
  ASSIGN_OR_RETURN(auto row, db.query_one("SELECT row_version FROM interviews WHERE id = ?", {id}));
  if (!row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(row->integer(0));
}

Result<std::optional<std::int64_t>> InterviewRepo::id_by_booking_uid(Connection& db, const std::string& uid) {
  ASSIGN_OR_RETURN(auto row, db.query_one("SELECT id FROM interviews WHERE calcom_booking_uid = ?", {uid}));
  if (!row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(row->integer(0));
}

Result<Page<InterviewRow>> InterviewRepo::list(Connection& db, const InterviewFilter& filter, const PageRequest& page) {
  // Only the filters in use become SQL, so the planner can walk an index in list order
  // (interviews_by_status, _by_startup, _by_sort) instead of testing every row for "unset or
  // equal". A meeting time puts sort_at = start_at, so a start_at range is also a sort_at range:
  // repeating it on sort_at lets that walk start and stop at the range's ends. The walked indexes
  // also hold start_at (and _by_sort the startup and title: migration 0007), so the date range
  // and the search are tested on the index entry and only a match costs a row lookup.
  //
  // Filtered by a team member, the walk is over that member's interview_team rows instead, which
  // carry the interview's status, sort_at and start_at (interview_team_by_member_order, which
  // holds all three: migration 0011): the page is the first matches in list order, the status
  // and dates tested on the entry, not a probe of every interview of a status.
  const bool by_member = filter.team_member_id.has_value();
  const std::string order = by_member ? "t." : "i.";  // the table walked in list order
  const std::string id = by_member ? "t.interview_id" : "i.id";
  std::string sql = "SELECT " + std::string(kColumns) + ", s.name, COALESCE(c.name, '') FROM ";
  sql += by_member ? "interview_team t JOIN interviews i ON i.id = t.interview_id " : "interviews i ";
  sql += "JOIN startups s ON s.id = i.startup_id LEFT JOIN contacts c ON c.id = i.contact_id WHERE 1 = 1";
  std::vector<Value> params;
  if (by_member) {
    sql += " AND t.team_member_id = ?";
    params.emplace_back(*filter.team_member_id);
  }
  if (filter.status) {
    sql += " AND " + order + "status = ?";
    params.emplace_back(std::string(domain::status_name(*filter.status)));
  }
  if (filter.startup_id) {
    sql += " AND i.startup_id = ?";
    params.emplace_back(*filter.startup_id);
  }
  if (filter.from) {
    sql += " AND " + order + "start_at >= ? AND " + order + "sort_at >= ?";
    params.insert(params.end(), 2, Value(to_unix_ms(*filter.from)));
  }
  if (filter.to) {
    sql += " AND " + order + "start_at < ? AND " + order + "sort_at < ?";
    params.insert(params.end(), 2, Value(to_unix_ms(*filter.to)));
  }
  // A meeting is upcoming until it ends. None lasts a day, so one still going began less than a
  // day ago: that bound on start_at (and sort_at) lets the walk skip the past.
  const bool ascending = filter.when == InterviewWhen::upcoming;
  if (filter.when != InterviewWhen::all) {
    const std::int64_t now = to_unix_ms(filter.now);
    if (ascending) {
      sql += " AND i.end_at > ? AND " + order + "start_at > ? AND " + order + "sort_at > ?";
      params.emplace_back(now);
      params.insert(params.end(), 2, Value(now - std::int64_t{24 * 60 * 60 * 1000}));
    } else {
      sql += " AND i.end_at <= ? AND " + order + "start_at <= ? AND " + order + "sort_at <= ?";
      params.insert(params.end(), 3, Value(now));
    }
  }
  if (!filter.text.empty()) {
    // The pattern is lower case (sort_key). SQLite's LIKE ignores ASCII case by itself, and its
    // LOWER() changes nothing else, so the title needs no LOWER() there: one string built per
    // index entry walked fewer (a fifth of a search's time). PostgreSQL's LIKE heeds case. The
    // startup's sort name is repeated on the interview (0008), so neither test reads a row.
    sql += db.dialect() == Dialect::sqlite ? " AND (i.title LIKE ? ESCAPE '\\'"
                                           : " AND (LOWER(i.title) LIKE ? ESCAPE '\\'";
    sql += " OR i.startup_name_sort LIKE ? ESCAPE '\\')";
    params.insert(params.end(), 2, Value(contains_pattern(filter.text)));
  }
  if (page.after_key) {
    const std::int64_t after = std::stoll(*page.after_key);
    const std::string onward = ascending ? ">" : "<";  // further along the list
    sql += " AND " + order + "sort_at " + onward + "= ? AND (" + order + "sort_at " + onward + " ? OR (" + order +
           "sort_at = ? AND " + id + " " + onward + " ?))";
    params.insert(params.end(), 3, Value(after));
    params.emplace_back(page.after_id.value_or(0));
  }
  const std::string direction = ascending ? " ASC" : " DESC";
  sql += " ORDER BY " + order + "sort_at" + direction + ", " + id + direction + " LIMIT ?";
  params.emplace_back(std::int64_t{page.limit + 1});
  ASSIGN_OR_RETURN(auto rows, db.query(sql, params));
  auto result = page_of(rows, page.limit, [](const Row& row) {
    return InterviewRow{from_row(row), row.text(kColumnCount), row.text(kColumnCount + 1)};
  });
  if (result.items.empty()) return result;

  // The page's teams in one query, not one per row.
  std::string team_sql = "SELECT interview_id, team_member_id, is_primary FROM interview_team WHERE interview_id IN (";
  std::vector<Value> ids;
  std::unordered_map<std::int64_t, domain::Interview*> by_id;
  for (auto& item : result.items) {
    team_sql += ids.empty() ? "?" : ", ?";
    ids.emplace_back(item.interview.id);
    by_id.emplace(item.interview.id, &item.interview);
  }
  team_sql += ") ORDER BY interview_id, is_primary DESC, team_member_id";
  ASSIGN_OR_RETURN(auto team, db.query(team_sql, ids));
  for (const auto& row : team) by_id.at(row.integer(0))->team.push_back({row.integer(1), row.boolean(2)});
  return result;
}

Status InterviewRepo::add_history(Connection& db, std::int64_t interview_id, const domain::HistoryEntry& entry) {
  return check(
      db.execute("INSERT INTO interview_events (interview_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                 {interview_id, to_unix_ms(entry.at), entry.actor, entry.action, entry.detail}));
}

Result<std::vector<domain::HistoryEntry>> InterviewRepo::history(Connection& db, std::int64_t interview_id) {
  ASSIGN_OR_RETURN(auto rows,
                   db.query("SELECT at, actor, action, detail FROM interview_events WHERE interview_id = ? ORDER BY id",
                            {interview_id}));
  std::vector<domain::HistoryEntry> entries;
  for (const auto& row : rows) entries.push_back({from_unix_ms(row.integer(0)), row.text(1), row.text(2), row.text(3)});
  return entries;
}

Result<bool> InterviewRepo::has_team_member(Connection& db, std::int64_t team_member_id) {
  ASSIGN_OR_RETURN(auto row,
                   db.query_one("SELECT 1 FROM interview_team WHERE team_member_id = ? LIMIT 1", {team_member_id}));
  return row.has_value();
}

}  // namespace poblysh::store
