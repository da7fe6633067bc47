#include "fixture.hpp"

#include <fstream>
#include <set>
#include <stdexcept>

#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

int parse_hhmm(const std::string& text, const std::string& where) {
  // "24:00" is allowed as an end time, as in Cal.com schedules.
  if (text.size() != 5 || text[2] != ':') throw std::runtime_error(where + ": time must be HH:MM, got " + text);
  const int hours = std::stoi(text.substr(0, 2));
  const int minutes = std::stoi(text.substr(3, 2));
  if (hours < 0 || hours > 24 || minutes < 0 || minutes > 59 || (hours == 24 && minutes != 0)) {
    throw std::runtime_error(where + ": time out of range: " + text);
  }
  return hours * 60 + minutes;
}

User parse_user(const json& item) {
  User user;
  user.id = item.at("id").get<int>();
  user.username = item.at("username").get<std::string>();
  user.email = item.at("email").get<std::string>();
  user.name = item.value("name", user.username);
  user.time_zone = item.value("timeZone", "UTC");
  user.time_format = item.value("timeFormat", 24);
  user.week_start = item.value("weekStart", "Monday");
  user.default_schedule_id = item.value("defaultScheduleId", 0);
  user.locale = item.value("locale", "en");
  const std::string where = "user " + user.username;
  if (!is_known_zone(user.time_zone)) throw std::runtime_error(where + ": unknown time zone " + user.time_zone);
  for (const auto& range : item.value("workingHours", json::array())) {
    DayRange day_range{parse_hhmm(range.at("startTime").get<std::string>(), where),
                       parse_hhmm(range.at("endTime").get<std::string>(), where)};
    if (day_range.end_minute <= day_range.start_minute) throw std::runtime_error(where + ": empty working range");
    for (int day : range.at("days")) {
      if (day < 0 || day > 6) throw std::runtime_error(where + ": day must be 0 (Sunday) to 6");
      user.hours[static_cast<std::size_t>(day)].push_back(day_range);
    }
  }
  return user;
}

Team parse_team(const json& item) {
  Team team;
  team.id = item.at("id").get<int>();
  team.name = item.at("name").get<std::string>();
  team.slug = item.at("slug").get<std::string>();
  team.time_zone = item.value("timeZone", "UTC");
  for (const auto& member : item.value("members", json::array())) {
    team.members.push_back(Membership{member.at("id").get<int>(), member.at("userId").get<int>(),
                                      member.value("role", "MEMBER"), member.value("accepted", true)});
  }
  return team;
}

EventType parse_event_type(const json& item) {
  EventType type;
  type.id = item.at("id").get<int>();
  type.slug = item.at("slug").get<std::string>();
  type.title = item.at("title").get<std::string>();
  type.description = item.value("description", "");
  type.length = item.at("lengthInMinutes").get<int>();
  type.length_options = item.value("lengthInMinutesOptions", std::vector<int>{});
  type.locations = item.value("locations", json::array());
  if (item.contains("ownerId")) type.owner_id = item.at("ownerId").get<int>();
  if (item.contains("teamId")) type.team_id = item.at("teamId").get<int>();
  type.scheduling_type = item.value("schedulingType", "");
  type.host_ids = item.value("hostUserIds", std::vector<int>{});
  type.hidden = item.value("hidden", false);
  type.disable_guests = item.value("disableGuests", false);
  type.requires_confirmation = item.value("requiresConfirmation", false);
  type.minimum_booking_notice = item.value("minimumBookingNotice", 0);
  type.before_buffer = item.value("beforeEventBuffer", 0);
  type.after_buffer = item.value("afterEventBuffer", 0);
  if (item.contains("slotInterval")) type.slot_interval = item.at("slotInterval").get<int>();
  if (type.owner_id.has_value() == type.team_id.has_value()) {
    throw std::runtime_error("event type " + std::to_string(type.id) + ": needs exactly one of ownerId, teamId");
  }
  if (type.team_id && type.host_ids.empty()) {
    throw std::runtime_error("event type " + std::to_string(type.id) + ": team types need hostUserIds");
  }
  return type;
}

}  // namespace

Fixture parse_fixture(const json& document) {
  Fixture fixture;
  for (const auto& item : document.at("users")) fixture.users.push_back(parse_user(item));
  for (const auto& item : document.value("teams", json::array())) fixture.teams.push_back(parse_team(item));
  for (const auto& item : document.value("eventTypes", json::array())) {
    fixture.event_types.push_back(parse_event_type(item));
  }
  for (const auto& item : document.value("apiKeys", json::array())) {
    ApiKey key{item.at("key").get<std::string>(), item.at("userId").get<int>(),
               item.value("deny", std::vector<std::string>{})};
    if (key.key.rfind("cal_", 0) != 0) throw std::runtime_error("API keys start with cal_: " + key.key);
    fixture.api_keys.push_back(std::move(key));
  }
  // Dangling references would surface later as confusing 404s; refuse them here instead.
  std::set<int> user_ids;
  for (const auto& user : fixture.users) user_ids.insert(user.id);
  auto check_user = [&](int id, const std::string& where) {
    if (!user_ids.count(id)) throw std::runtime_error(where + ": unknown user id " + std::to_string(id));
  };
  for (const auto& key : fixture.api_keys) check_user(key.user_id, "apiKeys");
  for (const auto& team : fixture.teams) {
    for (const auto& member : team.members) check_user(member.user_id, "team " + team.slug);
  }
  for (const auto& type : fixture.event_types) {
    if (type.owner_id) check_user(*type.owner_id, "event type " + type.slug);
    for (int host : type.host_ids) check_user(host, "event type " + type.slug);
  }
  return fixture;
}

Fixture load_fixture(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot open fixture " + path);
  return parse_fixture(json::parse(file));
}

}  // namespace poblysh::calcom_sim
