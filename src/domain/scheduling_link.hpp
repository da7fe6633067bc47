// domain: a personal link with which a startup's contact picks the interview's time themselves,
// and later moves or cancels it, within the rules the team set.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace poblysh::domain {

// What staff decide when they send a link. The times offered are the team's common free times
// inside the window, no earlier than the notice — or only the shortlist, when there is one.
struct SchedulingLinkRules {
  SystemTime window_start{};
  SystemTime window_end{};
  std::chrono::minutes min_notice{0};
  std::vector<SystemTime> shortlist;  // ascending, unique; empty: any free time in the window
  bool invite_guests = false;         // the interview's guests get the link's email too
  // The contact may move or cancel the booked interview up to this long before it starts.
  std::chrono::minutes change_notice{0};
};

// What staff ask for, before it is checked: whole days and hours, as the wizard offers them.
struct SchedulingLinkRequest {
  int window_days = 10;
  int min_notice_hours = 24;
  std::vector<SystemTime> shortlist;
  bool invite_guests = false;
  int change_notice_hours = 24;
  int expires_in_days = 14;
};

inline constexpr int kMaxWindowDays = 60;
inline constexpr int kMaxNoticeHours = 14 * 24;
inline constexpr int kMaxExpiryDays = 60;
inline constexpr std::size_t kMaxShortlist = 20;

// active: the contact can pick a time. booked: a time was picked; the link now serves moving or
// cancelling it. expired, revoked: it serves nothing (a page that says so).
enum class LinkState { active, booked, expired, revoked };
const char* link_state_name(LinkState state);

struct SchedulingLink {
  std::int64_t id = 0;
  std::int64_t interview_id = 0;
  std::string token_digest;  // SHA-256 of the token: the token itself is never stored
  SchedulingLinkRules rules;
  std::optional<std::int64_t> created_by;
  SystemTime created_at{};
  SystemTime expires_at{};
  std::optional<SystemTime> opened_at;  // first opened by the contact
  std::optional<SystemTime> booked_at;
  std::optional<SystemTime> revoked_at;

  LinkState state(SystemTime now) const;
};

// The rules and expiry for a request made at `now`; each bad value names its field.
Result<SchedulingLinkRules> make_link_rules(const SchedulingLinkRequest& request, SystemTime now);
SystemTime link_expiry(const SchedulingLinkRequest& request, SystemTime now);

// The first time the contact may pick at `now`.
SystemTime earliest_pick(const SchedulingLinkRules& rules, SystemTime now);

// Whether `slot` lies inside the rules at `now` (after the notice, inside the window, on the
// shortlist when there is one). Free at Cal.com is checked by the caller.
Status check_slot(const SchedulingLinkRules& rules, SystemTime slot, SystemTime now);
// Whether the contact may book `slot` through `link` at `now`: the link is active and the slot
// lies inside the rules.
Status check_pick(const SchedulingLink& link, SystemTime slot, SystemTime now);

// Whether the contact may still move or cancel a meeting that starts at `start`.
Status check_contact_change(const SchedulingLink& link, SystemTime start, SystemTime now);

// The times of `free` the contact may pick at `now` (the shortlist's, when there is one).
std::vector<SystemTime> pickable(const SchedulingLink& link, const std::vector<SystemTime>& free, SystemTime now);

}  // namespace poblysh::domain
