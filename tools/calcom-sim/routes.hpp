// calcom-sim: the route tables — Cal.com's /v2 endpoints and the simulator's /_sim admin API.
#pragma once

#include <string>
#include <vector>

#include "http/message.hpp"
#include "nest.hpp"

namespace poblysh::calcom_sim {

// Version values each controller answers to; anything else reaches the 2024-04-15 controllers.
inline constexpr const char* kEventTypesVersion = "2024-06-14";
inline constexpr const char* kSlotsVersion = "2024-09-04";
bool is_bookings_version(const std::string& version);  // 2024-08-13, or the live 2026-02-25

std::vector<http::Route> catalog_routes(SimContext& context);   // me, event types, teams, slots
std::vector<http::Route> booking_routes(SimContext& context);   // /v2/bookings…
std::vector<http::Route> webhook_routes(SimContext& context);   // /v2/webhooks…
// /_sim/…; its reset restores the start-up state (no bookings, webhooks or deliveries; start-up
// faults, rate limit and clock).
std::vector<http::Route> admin_routes(SimContext& context, FaultConfig startup_faults);

}  // namespace poblysh::calcom_sim
