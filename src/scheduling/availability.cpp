#include "scheduling/availability.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace poblysh::scheduling {
namespace {

std::vector<TimeRange> flatten(const calcom::Slots& slots, int duration_minutes) {
  std::vector<TimeRange> out;
  for (const auto& [date, day] : slots.by_date) {
    for (const auto& slot : day) {
      out.push_back({slot.start, slot.start + std::chrono::minutes(duration_minutes)});
    }
  }
  std::sort(out.begin(), out.end(), [](const TimeRange& a, const TimeRange& b) { return a.start < b.start; });
  return out;
}

// Slots as Cal.com gives them (format=range), each with its own end.
std::vector<TimeRange> flatten_ranges(const calcom::Slots& slots) {
  std::vector<TimeRange> out;
  for (const auto& [date, day] : slots.by_date) {
    for (const auto& slot : day) out.push_back({slot.start, slot.end.value_or(slot.start)});
  }
  std::sort(out.begin(), out.end(), [](const TimeRange& a, const TimeRange& b) { return a.start < b.start; });
  return out;
}

// Adjacent or overlapping slots become one free window.
std::vector<TimeRange> merge(const std::vector<TimeRange>& sorted) {
  std::vector<TimeRange> out;
  for (const auto& range : sorted) {
    if (!out.empty() && range.start <= out.back().end)
      out.back().end = std::max(out.back().end, range.end);
    else
      out.push_back(range);
  }
  return out;
}

bool contains(const std::vector<TimeRange>& windows, const TimeRange& meeting) {
  return std::any_of(windows.begin(), windows.end(), [&](const TimeRange& window) {
    return window.start <= meeting.start && meeting.end <= window.end;
  });
}

// Meeting starts of `duration` that fit in a member's own free windows, on their slot grid.
std::vector<TimeRange> fitted(const std::vector<TimeRange>& slots, int duration_minutes) {
  const auto windows = merge(slots);
  std::vector<TimeRange> out;
  for (const auto& slot : slots) {
    TimeRange meeting{slot.start, slot.start + std::chrono::minutes(duration_minutes)};
    if (contains(windows, meeting)) out.push_back(meeting);
  }
  return out;
}

calcom::SlotsQuery base_query(const AvailabilityRequest& request) {
  calcom::SlotsQuery query;
  query.start = request.from;
  query.end = request.to;
  query.duration_minutes = request.duration_minutes;
  query.time_zone = "UTC";
  return query;
}

// Cal.com answers the same way for a username it does not know and for a user without the event
// type availability is read through, so the admin is pointed at both.
std::string unknown_reason(const Error& error, const std::string& probe_slug) {
  if (error.code == ErrorCode::not_found || error.code == ErrorCode::invalid_input) {
    return "Cal.com could not read their calendar. An admin can check their Cal.com username on the Team page. "
           "Their Cal.com account also needs the \u201c" +
           probe_slug + "\u201d event type.";
  }
  return "Cal.com did not answer for them. Try again in a moment; an admin can check the Cal.com page.";
}

}  // namespace

Result<std::vector<calcom::EventType>> bookable_event_types(calcom::Client& client,
                                                            const std::optional<std::string>& primary_username,
                                                            const std::optional<std::int64_t>& team_id,
                                                            const std::string& request_id) {
  std::vector<calcom::EventTypesQuery> sources;
  if (primary_username) sources.push_back({std::nullopt, primary_username, std::nullopt, false});
  sources.push_back({});
  if (team_id) sources.push_back({team_id, std::nullopt, std::nullopt, false});
  std::vector<calcom::EventType> out;
  std::set<std::int64_t> seen;
  for (const auto& source : sources) {
    ASSIGN_OR_RETURN(auto types, client.event_types(source, {request_id}));
    for (auto& type : types) {
      if (!type.hidden && seen.insert(type.id).second) out.push_back(std::move(type));
    }
  }
  return out;
}

std::vector<TimeRange> intersect(const std::vector<TimeRange>& a, const std::vector<TimeRange>& b) {
  // A slot is common when both sides can start then; the meeting's own length sets the end.
  std::set<SystemTime> starts;
  for (const auto& range : b) starts.insert(range.start);
  std::vector<TimeRange> out;
  for (const auto& range : a) {
    if (starts.count(range.start)) out.push_back(range);
  }
  return out;
}

Result<TeamAvailability> Availability::for_team(const AvailabilityRequest& request) {
  std::vector<calcom::SlotsQuery> queries;
  std::vector<std::string> usernames;
  TeamAvailability result;
  for (const auto& member : request.members) {
    MemberAvailability entry{member, false, {}, {}};
    if (member.fields.calcom_username) {
      // The probe event type has its own length (asking another one is refused), so a member's
      // slots are read as free windows and the meeting is fitted into them below.
      auto query = base_query(request);
      query.username = *member.fields.calcom_username;
      query.event_type_slug = probe_slug_;
      query.duration_minutes.reset();
      queries.push_back(std::move(query));
      usernames.push_back(*member.fields.calcom_username);
    } else {
      entry.reason = "No Cal.com username is set. An admin can add one on the Team page.";
    }
    result.members.push_back(std::move(entry));
  }
  const std::size_t group_index = queries.size();
  if (usernames.size() >= 2) {
    auto query = base_query(request);
    query.usernames = usernames;
    queries.push_back(std::move(query));
  }
  const std::size_t event_index = queries.size();
  if (request.event_type_id) {
    auto query = base_query(request);
    query.event_type_id = request.event_type_id;
    query.duration_minutes.reset();  // the event type's own length decides which starts exist
    queries.push_back(std::move(query));
  }
  auto answers = client_.slots_many(queries, {request.request_id});

  std::size_t next = 0;
  std::vector<std::vector<TimeRange>> windows;  // of every member whose calendar is known
  for (auto& entry : result.members) {
    if (!entry.member.fields.calcom_username) continue;
    auto& answer = answers[next++];
    if (answer) {
      entry.known = true;
      entry.slots = flatten_ranges(*answer);
      windows.push_back(merge(entry.slots));
    } else {
      entry.reason = unknown_reason(answer.error(), probe_slug_);
    }
  }
  // Candidate starts: the event type's own slots, else Cal.com's group slots, else a member's.
  std::optional<std::vector<TimeRange>> candidates;
  if (request.event_type_id) {
    if (!answers[event_index]) return tl::unexpected(answers[event_index].error());
    candidates = flatten(*answers[event_index], request.duration_minutes);
  }
  // The group answer is a cross-check; one unknown username makes Cal.com refuse it as a whole,
  // and then the members' own windows still answer.
  if (usernames.size() >= 2 && answers[group_index]) {
    auto group = flatten(*answers[group_index], request.duration_minutes);
    candidates = candidates ? intersect(*candidates, group) : group;
  }
  if (!candidates) {
    for (const auto& entry : result.members) {
      if (entry.known && !candidates) candidates = fitted(entry.slots, request.duration_minutes);
    }
  }
  const auto length = std::chrono::minutes(request.duration_minutes);
  for (const auto& slot : candidates.value_or(std::vector<TimeRange>{})) {
    const TimeRange meeting{slot.start, slot.start + length};
    const bool everyone_free =
        std::all_of(windows.begin(), windows.end(), [&](const auto& free) { return contains(free, meeting); });
    if (everyone_free) result.common.push_back(meeting);
  }
  return result;
}

Result<std::vector<EventTypeOption>> Availability::options(const AvailabilityRequest& request) {
  ASSIGN_OR_RETURN(auto event_types,
                   bookable_event_types(client_, request.primary_username, request.team_id, request.request_id));
  const std::vector<calcom::EventType>& visible = event_types;
  std::vector<std::string> usernames;
  for (const auto& member : request.members) {
    if (member.fields.calcom_username) usernames.push_back(*member.fields.calcom_username);
  }
  // All at once: each event type's slots, each member's free windows, and one group query per
  // distinct meeting length.
  std::vector<calcom::SlotsQuery> queries;
  for (const auto& type : visible) {
    auto query = base_query(request);
    query.event_type_id = type.id;
    query.duration_minutes.reset();
    queries.push_back(std::move(query));
  }
  const std::size_t first_member = queries.size();
  for (const auto& username : usernames) {
    auto query = base_query(request);
    query.username = username;
    query.event_type_slug = probe_slug_;
    query.duration_minutes.reset();
    queries.push_back(std::move(query));
  }
  std::map<int, std::size_t> group_query_of_length;
  for (const auto& type : visible) {
    if (usernames.size() < 2 || group_query_of_length.count(type.length_in_minutes)) continue;
    auto query = base_query(request);
    query.duration_minutes = type.length_in_minutes;
    query.usernames = usernames;
    group_query_of_length[type.length_in_minutes] = queries.size();
    queries.push_back(std::move(query));
  }
  auto answers = client_.slots_many(queries, {request.request_id});
  std::vector<std::vector<TimeRange>> windows;
  for (std::size_t i = 0; i < usernames.size(); ++i) {
    if (answers[first_member + i]) windows.push_back(merge(flatten_ranges(*answers[first_member + i])));
  }
  std::vector<EventTypeOption> out;
  for (std::size_t i = 0; i < visible.size(); ++i) {
    const int length = visible[i].length_in_minutes;
    EventTypeOption option{visible[i], {}};
    auto candidates = answers[i] ? flatten(*answers[i], length) : std::vector<TimeRange>{};
    if (auto group = group_query_of_length.find(length);
        group != group_query_of_length.end() && answers[group->second]) {
      candidates = intersect(candidates, flatten(*answers[group->second], length));
    }
    for (const auto& slot : candidates) {
      const bool everyone_free =
          std::all_of(windows.begin(), windows.end(), [&](const auto& free) { return contains(free, slot); });
      if (everyone_free) option.common.push_back(slot);
    }
    out.push_back(std::move(option));
  }
  return out;
}

}  // namespace poblysh::scheduling
