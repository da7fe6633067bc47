#include "slots.hpp"

#include <algorithm>

namespace poblysh::calcom_sim {
namespace {

std::vector<Interval> normalise(std::vector<Interval> list) {
  std::sort(list.begin(), list.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::vector<Interval> merged;
  for (const auto& item : list) {
    if (item.end <= item.start) continue;
    if (!merged.empty() && item.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, item.end);
    } else {
      merged.push_back(item);
    }
  }
  return merged;
}

std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> out;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const auto start = std::max(a[i].start, b[j].start);
    const auto end = std::min(a[i].end, b[j].end);
    if (start < end) out.push_back(Interval{start, end});
    if (a[i].end < b[j].end) ++i; else ++j;
  }
  return out;
}

bool overlaps_busy(const SlotRequest& request, SystemTime start) {
  const SystemTime from = start - request.before_buffer;
  const SystemTime to = start + request.duration + request.after_buffer;
  return std::any_of(request.busy.begin(), request.busy.end(),
                     [&](const Interval& busy) { return busy.start < to && from < busy.end; });
}

}  // namespace

std::vector<Interval> intersect_all(const std::vector<std::vector<Interval>>& lists) {
  if (lists.empty()) return {};
  auto common = normalise(lists.front());
  for (std::size_t k = 1; k < lists.size(); ++k) common = intersect(common, normalise(lists[k]));
  return common;
}

std::vector<SystemTime> compute_slots(const SlotRequest& request) {
  std::vector<SystemTime> slots;
  if (request.duration.count() <= 0 || request.interval.count() <= 0) return slots;
  for (const auto& free : intersect_all(request.availability)) {
    for (SystemTime start = free.start; start + request.duration <= free.end; start += request.interval) {
      if (start < request.window.start || start >= request.window.end) continue;
      if (start < request.earliest || overlaps_busy(request, start)) continue;
      slots.push_back(start);
    }
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  return slots;
}

bool is_bookable(const SlotRequest& request, SystemTime start) {
  if (start < request.earliest || overlaps_busy(request, start)) return false;
  const SystemTime end = start + request.duration;
  const auto common = intersect_all(request.availability);
  return std::any_of(common.begin(), common.end(),
                     [&](const Interval& free) { return free.start <= start && end <= free.end; });
}

}  // namespace poblysh::calcom_sim
