#include "store/interview_update.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace poblysh::store::interview_update {
namespace {

// The written columns, in InterviewRepo's row order (row_values in interview_repo.cpp).
// clang-format off
constexpr std::array<std::string_view, 35> kWrittenColumns = {
    "startup_id", "contact_id", "title", "status", "event_type_id", "event_type_slug", "event_type_title",
    "duration_minutes", "custom_duration", "timezone", "start_at", "end_at", "calcom_booking_id",
    "calcom_booking_uid", "ical_uid", "ical_sequence", "meeting_url", "meeting_provider", "prep_notes_markdown",
    "cancellation_reason", "confirm_lock_until", "booking_attempted_at", "created_by", "created_at", "updated_at",
    "sort_at", "calcom_sequence", "calcom_event_at", "outcome_note", "calcom_last_event", "calcom_last_event_at",
    "no_shows", "calendar_uid", "place_kind", "place_detail"};
// clang-format on
// Bit n of a `changed` mask is column kIndexedColumns[n].
constexpr std::array<std::size_t, 6> kIndexedColumns = {0, 3, 13, 25, 10, 2};
static_assert(kEveryIndexed == (1U << kIndexedColumns.size()) - 1);
static_assert(kStatus == 1U << 1 && kIndexedColumns[1] == 3 && kSortAt == 1U << 3 && kIndexedColumns[3] == 25 &&
              kStartAt == 1U << 4 && kIndexedColumns[4] == 10);

std::optional<std::size_t> indexed_bit(std::size_t column) {
  for (std::size_t bit = 0; bit < kIndexedColumns.size(); ++bit) {
    if (kIndexedColumns[bit] == column) return bit;
  }
  return std::nullopt;
}

// The list's index repeats the startup's sort name for searches (migration 0008): it is set by
// the statement that sets startup_id, from the startup's row, with the same parameter again.
constexpr std::size_t kStartupColumn = 0;
constexpr std::string_view kStartupName =
    "startup_name_sort = COALESCE((SELECT s.name_sort FROM startups s WHERE s.id = ?), '')";
static_assert(kStartupId == 1U << 0 && kIndexedColumns[0] == kStartupColumn);

bool written(std::size_t column, unsigned changed) {
  const auto bit = indexed_bit(column);
  return !bit || (changed & (1U << *bit)) != 0;
}

std::array<std::string, kEveryIndexed + 1> statements() {
  std::array<std::string, kEveryIndexed + 1> all;
  for (unsigned changed = 0; changed <= kEveryIndexed; ++changed) {
    std::string sql = "UPDATE interviews SET ";
    for (std::size_t column = 0; column < kWrittenColumns.size(); ++column) {
      if (!written(column, changed)) continue;
      if (sql.back() != ' ') sql += ", ";
      sql += std::string(kWrittenColumns[column]) + " = ?";
      if (column == kStartupColumn) sql += ", " + std::string(kStartupName);
    }
    // Every save counts (domain::Interview::row_version), whatever it changed.
    all[changed] = sql + ", row_version = row_version + 1 WHERE id = ?";
  }
  return all;
}

}  // namespace

unsigned changed_indexed(const std::vector<Value>& now, const std::vector<Value>& before) {
  unsigned changed = 0;
  for (std::size_t bit = 0; bit < kIndexedColumns.size(); ++bit) {
    if (now.at(kIndexedColumns[bit]) != before.at(kIndexedColumns[bit])) changed |= 1U << bit;
  }
  return changed;
}

Statement statement(std::vector<Value> row, unsigned changed, std::int64_t id) {
  static const auto all = statements();
  std::vector<Value> values;
  values.reserve(row.size() + 1);
  for (std::size_t column = 0; column < row.size(); ++column) {
    if (!written(column, changed)) continue;
    if (column == kStartupColumn) values.push_back(row[column]);  // for the startup's name
    values.push_back(std::move(row[column]));
  }
  values.emplace_back(id);
  return {all.at(changed & kEveryIndexed), std::move(values)};
}

}  // namespace poblysh::store::interview_update
