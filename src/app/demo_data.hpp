// app: the demo startups, contacts and team members loaded into an empty database.
#pragma once

#include "core/clock.hpp"
#include "store/database.hpp"

namespace poblysh::app {

// Loads the demo data when there are no startups yet; returns whether it did.
Result<bool> load_demo_data(store::Database& db, const Clock& clock);

}  // namespace poblysh::app
