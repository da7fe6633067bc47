// scheduling: when the chosen Poblysh team can meet, from Cal.com slots fetched in parallel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calcom/client.hpp"
#include "domain/team_member.hpp"

namespace poblysh::scheduling {

struct TimeRange {
  SystemTime start;
  SystemTime end;
};

struct MemberAvailability {
  domain::TeamMember member;
  bool known = false;             // false: no Cal.com username, or Cal.com could not tell
  std::string reason;             // why unknown, in plain words
  std::vector<TimeRange> slots;   // the member's own free slots of the meeting's length
};

struct TeamAvailability {
  std::vector<MemberAvailability> members;
  std::vector<TimeRange> common;  // when everybody known is free and the event type can be booked
};

struct AvailabilityRequest {
  std::vector<domain::TeamMember> members;
  std::optional<std::int64_t> event_type_id;
  int duration_minutes = 30;
  SystemTime from;
  SystemTime to;
  std::string request_id;
  std::optional<std::string> primary_username;  // whose event types can be booked
  std::optional<std::int64_t> team_id;          // a Cal.com team whose event types can be booked too
};

// What the meeting can be booked as: the primary interviewer's event types, the key owner's,
// and the configured team's, without duplicates and without hidden ones.
Result<std::vector<calcom::EventType>> bookable_event_types(calcom::Client& client,
                                                            const std::optional<std::string>& primary_username,
                                                            const std::optional<std::int64_t>& team_id,
                                                            const std::string& request_id);

struct EventTypeOption {
  calcom::EventType event_type;
  std::vector<TimeRange> common;  // common free slots for this event type's length
};

class Availability {
 public:
  // `probe_slug`: the event type every Cal.com user has (Cal.com creates "30min" for each new
  // user); individual availability is read through it because `usernames` needs two people.
  Availability(calcom::Client& client, std::string probe_slug) : client_(client), probe_slug_(std::move(probe_slug)) {}

  Result<TeamAvailability> for_team(const AvailabilityRequest& request);
  // The event types the key can book, each with the team's common free slots.
  Result<std::vector<EventTypeOption>> options(const AvailabilityRequest& request);

 private:
  calcom::Client& client_;
  std::string probe_slug_;
};

// Slots present in both lists (same start and end).
std::vector<TimeRange> intersect(const std::vector<TimeRange>& a, const std::vector<TimeRange>& b);

}  // namespace poblysh::scheduling
