// scheduling: the hold one change of a booking takes (confirm, reschedule: `confirm_lock_until`)
// and the wait of a second request for it, so two clicks or two tabs never both call Cal.com.
#pragma once

#include <chrono>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

namespace poblysh::scheduling {

// How long one change may hold an interview; a crashed process's hold simply runs out.
inline constexpr auto kBookingHold = std::chrono::minutes(2);
// How long a second request waits for the first before it says so.
inline constexpr auto kWaitForHold = std::chrono::seconds(40);

enum class Claim { claimed, done, busy };

// What a second request hears once the first has held the interview for kWaitForHold.
inline constexpr const char* kBeingChanged = "This interview is being changed right now. Reload the page in a moment.";

// Runs `claim` (a short transaction over `db` answering a Result of something with a `claim`)
// until it is not busy; after kWaitForHold, a conflict saying `busy_message`.
template <typename ClaimWork>
auto claim_when_free(const Clock& clock, store::Database& db, const ClaimWork& claim,
                     const std::string& busy_message = kBeingChanged) -> decltype(store::transact(db, claim)) {
  const auto deadline = clock.steady_now() + kWaitForHold;
  while (true) {
    auto claimed = store::transact(db, claim);
    if (!claimed || claimed->claim != Claim::busy) return claimed;
    if (clock.steady_now() > deadline) return fail(ErrorCode::conflict, busy_message);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace poblysh::scheduling
