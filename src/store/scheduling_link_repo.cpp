#include "store/scheduling_link_repo.hpp"

#include <charconv>

#include "store/sql_helpers.hpp"

namespace poblysh::store {
namespace {

using std::chrono::minutes;

constexpr std::string_view kColumns =
    "id, interview_id, token_hash, window_start, window_end, min_notice_minutes, shortlist, invite_guests, "
    "change_notice_minutes, created_by, created_at, expires_at, opened_at, booked_at, revoked_at";

std::string shortlist_text(const std::vector<SystemTime>& shortlist) {
  std::string text;
  for (SystemTime slot : shortlist) text += std::to_string(to_unix_ms(slot)) + "\n";
  return text;
}

std::vector<SystemTime> shortlist_of(std::string_view text) {
  std::vector<SystemTime> out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    std::int64_t ms = 0;
    if (std::from_chars(line.data(), line.data() + line.size(), ms).ec == std::errc()) {
      out.push_back(from_unix_ms(ms));
    }
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return out;
}

domain::SchedulingLink from_row(const Row& row) {
  domain::SchedulingLink link;
  link.id = row.integer(0);
  link.interview_id = row.integer(1);
  link.token_digest = row.text(2);
  link.rules.window_start = from_unix_ms(row.integer(3));
  link.rules.window_end = from_unix_ms(row.integer(4));
  link.rules.min_notice = minutes(row.integer(5));
  link.rules.shortlist = shortlist_of(row.text(6));
  link.rules.invite_guests = row.integer(7) != 0;
  link.rules.change_notice = minutes(row.integer(8));
  if (!row.is_null(9)) link.created_by = row.integer(9);
  link.created_at = from_unix_ms(row.integer(10));
  link.expires_at = from_unix_ms(row.integer(11));
  link.opened_at = optional_time(row, 12);
  link.booked_at = optional_time(row, 13);
  link.revoked_at = optional_time(row, 14);
  return link;
}

}  // namespace

Result<std::int64_t> SchedulingLinkRepo::replace(Connection& db, const domain::SchedulingLink& link, SystemTime now) {
  RETURN_IF_ERROR(revoke_all(db, link.interview_id, now));
  static const std::string kInsert =
      "INSERT INTO scheduling_links (interview_id, token_hash, window_start, window_end, min_notice_minutes, "
      "shortlist, invite_guests, change_notice_minutes, created_by, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  const auto& rules = link.rules;
  ASSIGN_OR_RETURN(auto id,
                   db.insert_row(kInsert, {link.interview_id, link.token_digest, to_unix_ms(rules.window_start),
                                           to_unix_ms(rules.window_end), std::int64_t{rules.min_notice.count()},
                                           shortlist_text(rules.shortlist), std::int64_t{rules.invite_guests ? 1 : 0},
                                           std::int64_t{rules.change_notice.count()},
                                           link.created_by ? Value(*link.created_by) : null_value(),
                                           to_unix_ms(link.created_at), to_unix_ms(link.expires_at)}));
  if (!id) return fail(ErrorCode::internal, "The link could not be saved.", "scheduling link insert skipped");
  return *id;
}

Result<std::optional<domain::SchedulingLink>> SchedulingLinkRepo::find_by_digest(Connection& db,
                                                                                 std::string_view token_digest) {
  static const std::string kSql = "SELECT " + std::string(kColumns) + " FROM scheduling_links WHERE token_hash = ?";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {std::string(token_digest)}));
  return if_found(row, from_row);
}

Result<std::optional<domain::SchedulingLink>> SchedulingLinkRepo::latest(Connection& db, std::int64_t interview_id) {
  static const std::string kSql =
      "SELECT " + std::string(kColumns) + " FROM scheduling_links WHERE interview_id = ? ORDER BY id DESC LIMIT 1";
  ASSIGN_OR_RETURN(auto row, db.query_one(kSql, {interview_id}));
  return if_found(row, from_row);
}

Result<std::int64_t> SchedulingLinkRepo::revoke_all(Connection& db, std::int64_t interview_id, SystemTime now) {
  static const std::string kSql =
      "UPDATE scheduling_links SET revoked_at = ? WHERE interview_id = ? AND revoked_at IS NULL";
  return db.execute(kSql, {to_unix_ms(now), interview_id});
}

Status SchedulingLinkRepo::mark_opened(Connection& db, std::int64_t id, SystemTime now) {
  static const std::string kSql = "UPDATE scheduling_links SET opened_at = ? WHERE id = ? AND opened_at IS NULL";
  RETURN_IF_ERROR(db.execute(kSql, {to_unix_ms(now), id}));
  return {};
}

Result<bool> SchedulingLinkRepo::mark_booked(Connection& db, std::int64_t id, SystemTime now) {
  static const std::string kSql =
      "UPDATE scheduling_links SET booked_at = ? WHERE id = ? AND booked_at IS NULL AND revoked_at IS NULL";
  return changed_any(db, kSql, {to_unix_ms(now), id});
}

}  // namespace poblysh::store
