#include "store/interview_repo.hpp"

#include <algorithm>
#include <array>
#include <tuple>
#include <unordered_map>

#include "core/time.hpp"
#include "domain/validation.hpp"
#include "store/interview_update.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

constexpr std::string_view kColumns =
    "i.id, i.startup_id, i.contact_id, i.title, i.status, i.event_type_id, i.event_type_slug, i.event_type_title, "
    "i.duration_minutes, i.custom_duration, i.timezone, i.start_at, i.end_at, i.calcom_booking_id, "
    "i.calcom_booking_uid, i.ical_uid, i.ical_sequence, i.meeting_url, i.meeting_provider, i.prep_notes_markdown, "
    "i.cancellation_reason, i.confirm_lock_until, i.booking_attempted_at, i.created_by, i.created_at, i.updated_at, "
    "i.calcom_sequence, i.calcom_event_at, i.row_version";
constexpr std::size_t kColumnCount = 29;

std::optional<SystemTime> optional_time(const Row& row, std::size_t column) {
  if (row.is_null(column)) return std::nullopt;
  return from_unix_ms(row.integer(column));
}

Value time_value(const std::optional<SystemTime>& time) {
  return time ? Value(to_unix_ms(*time)) : null_value();
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
  return i;
}

// sort_at: the meeting time once there is one, else when the draft was made.
std::int64_t list_order(const domain::Interview& i) { return i.start ? to_unix_ms(*i.start) : to_unix_ms(i.created_at); }

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
          time_value(i.calcom_event_at)};
}

Status check(const Result<std::int64_t>& result) {
  if (!result) return tl::unexpected(result.error());
  return {};
}

Status load_children(Connection& db, domain::Interview& interview) {
  auto team = db.query("SELECT team_member_id, is_primary FROM interview_team WHERE interview_id = ? "
                       "ORDER BY is_primary DESC, team_member_id",
                       {interview.id});
  if (!team) return tl::unexpected(team.error());
  for (const auto& row : *team) interview.team.push_back({row.integer(0), row.boolean(1)});
  auto guests = db.query("SELECT id, name, email, role, company, contact_id, invitation_status, invited_at, last_sent_at "
                         "FROM interview_guests WHERE interview_id = ? ORDER BY position",
                         {interview.id});
  if (!guests) return tl::unexpected(guests.error());
  for (const auto& row : *guests) {
    domain::Guest guest{row.integer(0), row.text(1), row.text(2), row.text(3), row.text(4), row.optional_integer(5),
                        row.text(6) == "sent" ? domain::GuestInvitation::sent : domain::GuestInvitation::pending,
                        optional_time(row, 7), optional_time(row, 8)};
    interview.guests.push_back(std::move(guest));
  }
  auto questions = db.query("SELECT text FROM interview_questions WHERE interview_id = ? ORDER BY position",
                            {interview.id});
  if (!questions) return tl::unexpected(questions.error());
  for (const auto& row : *questions) interview.custom_questions.push_back(row.text(0));
  return {};
}

// Saving rewrites only the child rows that changed: most saves (a webhook moving the meeting, a
// status change) keep the team, guests and questions, and deleting and re-inserting them with
// their indexes was most of what such a save wrote.
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

Result<std::optional<domain::Interview>> find_where(Connection& db, const std::string& sql, const Value& key) {
  auto row = db.query_one(sql, {key});
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<domain::Interview>{};
  auto interview = from_row(**row);
  if (auto loaded = load_children(db, interview); !loaded) return tl::unexpected(loaded.error());
  return std::optional<domain::Interview>(std::move(interview));
}

Status write_guests_and_questions(Connection& db, const domain::Interview& interview, const domain::Interview& stored) {
  if (!same_guests(stored.guests, interview.guests)) {
    if (auto done = check(db.execute("DELETE FROM interview_guests WHERE interview_id = ?", {interview.id})); !done) {
      return done;
    }
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
    if (auto done = check(db.execute("DELETE FROM interview_questions WHERE interview_id = ?", {interview.id})); !done) {
      return done;
    }
    for (std::size_t i = 0; i < interview.custom_questions.size(); ++i) {
      auto inserted = db.execute("INSERT INTO interview_questions (interview_id, position, text) VALUES (?, ?, ?)",
                                 {interview.id, static_cast<std::int64_t>(i), interview.custom_questions[i]});
      if (auto done = check(inserted); !done) return done;
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
  auto updated = db.execute(update.sql, update.values);
  if (!updated) return tl::unexpected(updated.error());
  if (*updated == 0) return fail(ErrorCode::not_found, "This interview does not exist.");

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
    if (auto done = check(db.execute(kRefresh.at(team_refresh_index(changed_indexed)), values)); !done) return done;
  } else {
    if (auto done = check(db.execute("DELETE FROM interview_team WHERE interview_id = ?", {interview.id})); !done) {
      return done;
    }
    for (const auto& member : interview.team) {
      auto inserted = db.execute(
          "INSERT INTO interview_team (interview_id, team_member_id, is_primary, status, sort_at, start_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {interview.id, member.team_member_id, std::int64_t{member.is_primary ? 1 : 0}, status, sort_at, start_at});
      if (auto done = check(inserted); !done) return done;
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
      "calcom_sequence, calcom_event_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
  auto rows = db.query(kSql, row_values(interview));
  if (!rows) return tl::unexpected(rows.error());
  domain::Interview saved = interview;
  saved.id = rows->front().integer(0);
  if (auto children = save(db, saved); !children) return tl::unexpected(children.error());
  return saved.id;
}

Status InterviewRepo::save(Connection& db, const domain::Interview& interview) {
  domain::Interview stored;
  stored.id = interview.id;
  if (auto loaded = load_children(db, stored); !loaded) return loaded;
  return write_interview(db, interview, stored, interview_update::kEveryIndexed);
}

Status InterviewRepo::save(Connection& db, const domain::Interview& interview, const domain::Interview& as_loaded) {
  const unsigned changed = interview_update::changed_indexed(row_values(interview), row_values(as_loaded));
  return write_interview(db, interview, as_loaded, changed);
}

Result<std::optional<domain::Interview>> InterviewRepo::find(Connection& db, std::int64_t id) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM interviews i WHERE i.id = ?";
  return find_where(db, kSql, id);
}

Result<std::optional<domain::Interview>> InterviewRepo::find_by_booking_uid(Connection& db, const std::string& uid) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM interviews i WHERE i.calcom_booking_uid = ?";
  return find_where(db, kSql, uid);
}

Result<std::optional<std::int64_t>> InterviewRepo::row_version(Connection& db, std::int64_t id) {
  auto row = db.query_one("SELECT row_version FROM interviews WHERE id = ?", {id});
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>((*row)->integer(0));
}

Result<std::optional<std::int64_t>> InterviewRepo::id_by_booking_uid(Connection& db, const std::string& uid) {
  auto row = db.query_one("SELECT id FROM interviews WHERE calcom_booking_uid = ?", {uid});
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>((*row)->integer(0));
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
  // carry the interview's status, sort_at and start_at (interview_team_by_member_status /
  // _by_member_sort): the page is the first matches in list order, not a probe of every
  // interview of a status.
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
    sql += " AND " + order + "sort_at <= ? AND (" + order + "sort_at < ? OR (" + order + "sort_at = ? AND " + id + " < ?))";
    params.insert(params.end(), 3, Value(after));
    params.emplace_back(page.after_id.value_or(0));
  }
  sql += " ORDER BY " + order + "sort_at DESC, " + id + " DESC LIMIT ?";
  params.emplace_back(std::int64_t{page.limit + 1});
  auto rows = db.query(sql, params);
  if (!rows) return tl::unexpected(rows.error());
  Page<InterviewRow> result;
  for (const auto& row : *rows) {
    InterviewRow item{from_row(row), row.text(kColumnCount), row.text(kColumnCount + 1)};
    result.items.push_back(std::move(item));
  }
  result.has_more = trim_to_limit(result.items, page.limit);
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
  auto team = db.query(team_sql, ids);
  if (!team) return tl::unexpected(team.error());
  for (const auto& row : *team) by_id.at(row.integer(0))->team.push_back({row.integer(1), row.boolean(2)});
  return result;
}

Status InterviewRepo::add_history(Connection& db, std::int64_t interview_id, const domain::HistoryEntry& entry) {
  return check(db.execute("INSERT INTO interview_events (interview_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                          {interview_id, to_unix_ms(entry.at), entry.actor, entry.action, entry.detail}));
}

Result<std::vector<domain::HistoryEntry>> InterviewRepo::history(Connection& db, std::int64_t interview_id) {
  auto rows = db.query("SELECT at, actor, action, detail FROM interview_events WHERE interview_id = ? ORDER BY id",
                       {interview_id});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<domain::HistoryEntry> entries;
  for (const auto& row : *rows) entries.push_back({from_unix_ms(row.integer(0)), row.text(1), row.text(2), row.text(3)});
  return entries;
}

Result<bool> InterviewRepo::has_team_member(Connection& db, std::int64_t team_member_id) {
  auto row = db.query_one("SELECT 1 FROM interview_team WHERE team_member_id = ? LIMIT 1", {team_member_id});
  if (!row) return tl::unexpected(row.error());
  return row->has_value();
}

}  // namespace poblysh::store
