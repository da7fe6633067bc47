// app: demo interviews in every state, so a newcomer sees what the lists and pages look like.
#pragma once

#include "core/clock.hpp"
#include "store/database.hpp"

namespace poblysh::app {

// Expects the demo team, startups and contacts (ids 1…) to have been inserted just before.
Status add_demo_interviews(store::Connection& db, SystemTime now);

}  // namespace poblysh::app
