// store: a person's drafts, and discarding one. The literal status = 'draft' in each WHERE lets
// both stores use the partial index of migration 0019.
#include "core/time.hpp"
#include "store/interview_repo.hpp"
#include "store/sql_helpers.hpp"

namespace poblysh::store {

Result<DraftList> InterviewRepo::drafts_of(Connection& db, std::int64_t user_id, std::optional<std::int64_t> startup_id,
                                           int limit) {
  std::string where = " WHERE i.created_by = ? AND i.status = 'draft'";
  std::vector<Value> params{user_id};
  if (startup_id) {
    where += " AND i.startup_id = ?";
    params.emplace_back(*startup_id);
  }
  DraftList list;
  ASSIGN_OR_RETURN(auto count, db.query_one("SELECT COUNT(*) FROM interviews i" + where, params));
  list.total = count ? count->integer(0) : 0;
  if (list.total == 0 || limit <= 0) return list;
  params.emplace_back(std::int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, db.query("SELECT i.id, i.title, i.startup_id, s.name, i.contact_id, c.name, "
                                       "i.created_at, i.updated_at FROM interviews i "
                                       "JOIN startups s ON s.id = i.startup_id "
                                       "LEFT JOIN contacts c ON c.id = i.contact_id" +
                                           where + " ORDER BY i.updated_at DESC, i.id DESC LIMIT ?",
                                       params));
  for (const auto& row : rows) {
    list.items.push_back({row.integer(0), row.text(1), row.integer(2), row.text(3), row.optional_integer(4),
                          row.text(5), from_unix_ms(row.integer(6)), from_unix_ms(row.integer(7))});
  }
  return list;
}

Result<bool> InterviewRepo::delete_draft(Connection& db, std::int64_t id) {
  // The children go with it (ON DELETE CASCADE); a draft has no booking, mail or deliveries.
  return changed_any(db, "DELETE FROM interviews WHERE id = ? AND status = 'draft'", {id});
}

}  // namespace poblysh::store
