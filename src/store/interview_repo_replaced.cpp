// The bookings an interview replaced (migration 0018): written with the save that takes the new
// booking, read by the webhook applier before it matches an event by its metadata interview id.
#include "core/time.hpp"
#include "store/interview_repo.hpp"

namespace poblysh::store {

Status InterviewRepo::add_replaced_booking(Connection& db, std::int64_t interview_id, const std::string& uid,
                                           SystemTime at) {
  if (uid.empty()) return {};
  // A booking is replaced once; a repeat of the same save changes nothing.
  RETURN_IF_ERROR(
      db.execute("INSERT INTO interview_replaced_bookings (booking_uid, interview_id, replaced_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (booking_uid) DO NOTHING",
                 {uid, interview_id, to_unix_ms(at)}));
  return {};
}

Result<std::optional<std::int64_t>> InterviewRepo::id_by_replaced_booking(Connection& db, const std::string& uid) {
  ASSIGN_OR_RETURN(auto row,
                   db.query_one("SELECT interview_id FROM interview_replaced_bookings WHERE booking_uid = ?", {uid}));
  if (!row) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(row->integer(0));
}

}  // namespace poblysh::store
