// store: the UPDATE of one interview row, setting its indexed columns only when they changed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace poblysh::store::interview_update {

// SQLite rewrites the entries of every index whose column is in an UPDATE's SET list, changed
// or not, and a webhook changes a few columns of an interview. So the columns in an index
// (startup_id, status, calcom_booking_uid, sort_at, start_at, title) are set only when they
// changed: one statement per combination, 64 in all, each prepared when first used. The
// startup's sort name (copied for searches, migration 0008) is set with startup_id.
constexpr unsigned kStartupId = 1U << 0;
constexpr unsigned kStatus = 1U << 1;
constexpr unsigned kSortAt = 1U << 3;
constexpr unsigned kStartAt = 1U << 4;
constexpr unsigned kEveryIndexed = 0x3F;

// `now` and `before` hold the interview's written columns in InterviewRepo's row order.
unsigned changed_indexed(const std::vector<Value>& now, const std::vector<Value>& before);

struct Statement {
  const std::string& sql;
  std::vector<Value> values;
};
// The UPDATE … WHERE id = ? for `row` (the written columns in row order) and its parameters.
Statement statement(std::vector<Value> row, unsigned changed, std::int64_t id);

}  // namespace poblysh::store::interview_update
