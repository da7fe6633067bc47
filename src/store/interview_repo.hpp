// store: interviews with their team, guests, questions and history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/interview.hpp"
#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "store/database.hpp"

namespace poblysh::store {

// Which meetings by time: all in list order (latest first), those not over yet (the next one
// first), or those over (the latest first). Meetings without a time are only in `all`.
enum class InterviewWhen { all, upcoming, past };

struct InterviewFilter {
  InterviewWhen when = InterviewWhen::all;
  SystemTime now{};  // what `upcoming` and `past` are counted from
  std::optional<domain::InterviewStatus> status;
  std::optional<std::int64_t> startup_id;
  std::optional<std::int64_t> team_member_id;
  std::optional<SystemTime> from;  // meeting starts at or after
  std::optional<SystemTime> to;    // meeting starts before
  std::string text;                // title or startup name
};

// A list row: the interview (team included, guests not) and the names a list shows.
struct InterviewRow {
  domain::Interview interview;
  std::string startup_name;
  std::string contact_name;
};

// An interview with the people its detail shows.
struct InterviewWithPeople {
  domain::Interview interview;
  std::optional<domain::Startup> startup;  // absent only if its row is gone (a foreign key keeps it)
  std::optional<domain::Contact> contact;
  std::vector<domain::TeamMember> team_members;  // in the team's order; one whose row is gone is left out
};

// A draft as a person's drafts list and the wizard's offer to resume it show it.
struct DraftRow {
  std::int64_t id = 0;
  std::string title;
  std::int64_t startup_id = 0;
  std::string startup_name;
  std::optional<std::int64_t> contact_id;
  std::string contact_name;
  SystemTime created_at{};
  SystemTime updated_at{};
};

struct DraftList {
  std::vector<DraftRow> items;  // the last edited first
  std::int64_t total = 0;       // all of them, however few items were asked for
};

class InterviewRepo {
 public:
  Result<std::int64_t> insert(Connection& db, const domain::Interview& interview);
  // Writes the record and replaces its team, guests and questions with the given ones.
  Status save(Connection& db, const domain::Interview& interview);
  // The same, given the interview as read earlier in this transaction: only the children and
  // indexed columns that differ from it are written (an index entry rewritten with the same key
  // still dirties its page, and a webhook changes a few columns of an interview).
  Status save(Connection& db, const domain::Interview& interview, const domain::Interview& as_loaded);
  Result<std::optional<domain::Interview>> find(Connection& db, std::int64_t id);
  Result<std::optional<domain::Interview>> find_by_booking_uid(Connection& db, const std::string& uid);
  // find's interview with its startup and contact read in the statement of its row, and its
  // team members in the statement of its team: a detail's ten statements become six.
  Result<std::optional<InterviewWithPeople>> find_with_people(Connection& db, std::int64_t id);
  // Stores the notes' HTML beside them. No other write touches it: a save of an interview read
  // without it (a webhook's) keeps it.
  Status set_notes_html(Connection& db, std::int64_t id, const std::string& html);
  // Single-column look-ups for checking that an interview read earlier is still current.
  Result<std::optional<std::int64_t>> row_version(Connection& db, std::int64_t id);
  Result<std::optional<std::int64_t>> id_by_booking_uid(Connection& db, const std::string& uid);
  // Bookings an interview replaced with one of its own making (a change of the primary
  // interviewer; interview_repo_replaced.cpp): Cal.com's events about them are stale.
  Status add_replaced_booking(Connection& db, std::int64_t interview_id, const std::string& uid, SystemTime at);
  Result<std::optional<std::int64_t>> id_by_replaced_booking(Connection& db, const std::string& uid);
  // Newest first (by meeting time, or creation for drafts).
  Result<Page<InterviewRow>> list(Connection& db, const InterviewFilter& filter, const PageRequest& page);

  // The drafts `user_id` started (of one startup, when given); see draft_rows.cpp.
  Result<DraftList> drafts_of(Connection& db, std::int64_t user_id, std::optional<std::int64_t> startup_id, int limit);
  // Deletes an interview that is still a draft, with its team, guests, questions and history.
  // Whether it was one (a booked interview is never deleted).
  Result<bool> delete_draft(Connection& db, std::int64_t id);

  Status add_history(Connection& db, std::int64_t interview_id, const domain::HistoryEntry& entry);
  Result<std::vector<domain::HistoryEntry>> history(Connection& db, std::int64_t interview_id);
  // Whether a team member is on any interview (such members are deactivated, never deleted).
  Result<bool> has_team_member(Connection& db, std::int64_t team_member_id);
};

}  // namespace poblysh::store
