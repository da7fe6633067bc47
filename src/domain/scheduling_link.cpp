#include "domain/scheduling_link.hpp"

#include <algorithm>

#include "core/enum_names.hpp"

namespace poblysh::domain {
namespace {

using std::chrono::hours;

constexpr EnumName<LinkState> kStateNames[] = {{LinkState::active, "active"},
                                               {LinkState::booked, "booked"},
                                               {LinkState::expired, "expired"},
                                               {LinkState::revoked, "revoked"}};

Status in_range(const char* field, int value, int low, int high, const char* unit) {
  if (value < low || value > high) {
    return invalid_field(field, "must be from " + std::to_string(low) + " to " + std::to_string(high) + " " + unit);
  }
  return {};
}

}  // namespace

const char* link_state_name(LinkState state) { return name_in(kStateNames, state, "active"); }

LinkState SchedulingLink::state(SystemTime now) const {
  if (revoked_at) return LinkState::revoked;
  if (booked_at) return LinkState::booked;
  if (now >= expires_at) return LinkState::expired;
  return LinkState::active;
}

Result<SchedulingLinkRules> make_link_rules(const SchedulingLinkRequest& request, SystemTime now) {
  RETURN_IF_ERROR(in_range("window_days", request.window_days, 1, kMaxWindowDays, "days"));
  RETURN_IF_ERROR(in_range("min_notice_hours", request.min_notice_hours, 0, kMaxNoticeHours, "hours"));
  RETURN_IF_ERROR(in_range("change_notice_hours", request.change_notice_hours, 0, kMaxNoticeHours, "hours"));
  RETURN_IF_ERROR(in_range("expires_in_days", request.expires_in_days, 1, kMaxExpiryDays, "days"));
  SchedulingLinkRules rules;
  rules.window_start = now;
  rules.window_end = now + hours(24 * request.window_days);
  rules.min_notice = hours(request.min_notice_hours);
  rules.change_notice = hours(request.change_notice_hours);
  rules.invite_guests = request.invite_guests;
  if (request.shortlist.size() > kMaxShortlist) {
    return invalid_field("shortlist", "may offer at most " + std::to_string(kMaxShortlist) + " times");
  }
  rules.shortlist = request.shortlist;
  std::sort(rules.shortlist.begin(), rules.shortlist.end());
  rules.shortlist.erase(std::unique(rules.shortlist.begin(), rules.shortlist.end()), rules.shortlist.end());
  const SystemTime earliest = earliest_pick(rules, now);
  for (SystemTime slot : rules.shortlist) {
    if (slot < earliest || slot >= rules.window_end) {
      return invalid_field("shortlist", "each time offered must lie after the notice and inside the window");
    }
  }
  return rules;
}

SystemTime link_expiry(const SchedulingLinkRequest& request, SystemTime now) {
  return now + hours(24 * request.expires_in_days);
}

SystemTime earliest_pick(const SchedulingLinkRules& rules, SystemTime now) {
  return std::max(rules.window_start, now + rules.min_notice);
}

Status check_pick(const SchedulingLink& link, SystemTime slot, SystemTime now) {
  switch (link.state(now)) {
    case LinkState::active: break;
    case LinkState::booked: return fail(ErrorCode::conflict, "A time has already been chosen with this link.");
    case LinkState::expired: return fail(ErrorCode::gone, "This link has expired.");
    case LinkState::revoked: return fail(ErrorCode::gone, "This link is no longer valid.");
  }
  return check_slot(link.rules, slot, now);
}

Status check_slot(const SchedulingLinkRules& rules, SystemTime slot, SystemTime now) {
  if (slot < earliest_pick(rules, now) || slot >= rules.window_end) {
    return invalid_field("start", "is not one of the times offered; pick one of the times shown");
  }
  if (!rules.shortlist.empty() && !std::binary_search(rules.shortlist.begin(), rules.shortlist.end(), slot)) {
    return invalid_field("start", "is not one of the times offered; pick one of the times shown");
  }
  return {};
}

Status check_contact_change(const SchedulingLink& link, SystemTime start, SystemTime now) {
  const LinkState state = link.state(now);
  if (state == LinkState::revoked) return fail(ErrorCode::gone, "This link is no longer valid.");
  if (state != LinkState::booked) return fail(ErrorCode::conflict, "No time has been chosen with this link yet.");
  if (now + link.rules.change_notice > start) {
    return fail(ErrorCode::conflict,
                "The interview starts too soon to change it here. Please write to the team who invited you.");
  }
  return {};
}

std::vector<SystemTime> pickable(const SchedulingLink& link, const std::vector<SystemTime>& free, SystemTime now) {
  std::vector<SystemTime> out;
  const SystemTime earliest = earliest_pick(link.rules, now);
  for (SystemTime slot : free) {
    if (slot < earliest || slot >= link.rules.window_end) continue;
    if (!link.rules.shortlist.empty() &&
        !std::binary_search(link.rules.shortlist.begin(), link.rules.shortlist.end(), slot)) {
      continue;
    }
    out.push_back(slot);
  }
  return out;
}

}  // namespace poblysh::domain
