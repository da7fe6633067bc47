// app: demo interviews in every state, so a newcomer sees what the lists and pages look like.
#pragma once

#include <cstdint>
#include <vector>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace poblysh::app {

// The ids the demo team, startups and contacts got, in the order they were inserted. They are
// not 1…n: on PostgreSQL a sequence hands out numbers that rolled-back transactions used (two
// instances starting together both try), and SQLite never reuses a deleted row's id here.
struct DemoIds {
  std::vector<std::int64_t> team, startups, contacts;
};

// Expects the demo team, startups and contacts to have been inserted just before.
Status add_demo_interviews(store::Connection& db, SystemTime now, const DemoIds& ids);

}  // namespace poblysh::app
