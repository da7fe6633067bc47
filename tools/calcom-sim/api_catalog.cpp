// /v2/me, /v2/event-types, /v2/teams…, /v2/slots: the read-only catalogue and availability.
#include <map>

#include "render.hpp"
#include "routes.hpp"
#include "zones.hpp"

namespace poblysh::calcom_sim {
namespace {

using nlohmann::json;

http::Response fail(SimContext& context, const http::Request& request, const ApiError& error) {
  return nest_error(request, error, context.clock.now());
}

// Nest's ParseIntPipe answer for a non-numeric path id.
ApiError not_numeric() { return ApiError{400, "BadRequestException", "Validation failed (numeric string is expected)"}; }

bool is_member(const Team& team, int user_id) {
  for (const auto& member : team.members) if (member.user_id == user_id && member.accepted) return true;
  return false;
}

http::Response list_event_types(SimContext& context, http::Request& request, const Caller& caller) {
  const Store& store = context.store;
  const bool current = api_version(request) == kEventTypesVersion;
  const auto username = request.query_param("username");
  const auto usernames = request.query_param("usernames");
  const auto slug = request.query_param("eventSlug");
  std::vector<const EventType*> found;
  if (username || usernames) {
    std::vector<std::string> names = usernames ? split_list(*usernames) : std::vector<std::string>{*username};
    for (const auto& name : names) {
      const User* owner = store.user_by_username(name);
      if (!owner) return fail(context, request, ApiError{404, "NotFoundException", "User with username=" + name + " not found"});
      for (const auto& type : store.fixture().event_types) {
        if (type.owner_id != owner->id) continue;
        if (slug ? type.slug == *slug : !type.hidden) found.push_back(&type);
      }
    }
  } else {
    if (!caller.user) {
      return fail(context, request, ApiError{401, "UnauthorizedException",
                                             "Provide an API key, or a username to list public event types"});
    }
    for (const auto& type : store.fixture().event_types) {
      if (type.owner_id == caller.user->id && (!slug || type.slug == *slug)) found.push_back(&type);
    }
  }
  json data = json::array();
  for (const auto* type : found) data.push_back(current ? event_type_json(*type, store) : legacy_event_type_json(*type));
  if (!current) data = json{{"eventTypeGroups", json::array({json{{"eventTypes", data}}})}};
  return success(200, data);
}

http::Response get_event_type(SimContext& context, http::Request& request, const Caller& caller) {
  const Store& store = context.store;
  const auto id = to_int(request.path_params["eventTypeId"]);
  if (!id) return fail(context, request, not_numeric());
  const EventType* type = store.event_type(*id);
  if (!type) return fail(context, request, ApiError{404, "NotFoundException", "Event type with id=" + std::to_string(*id) + " not found"});
  bool allowed = false;
  for (int host : store.hosts_of(*type)) allowed = allowed || store.manages(caller.user->id, host);
  if (!allowed) {
    return fail(context, request, ApiError{403, "ForbiddenException",
                                           "User with id=" + std::to_string(caller.user->id) +
                                               " is not authorized to access event type with id=" + std::to_string(*id)});
  }
  if (api_version(request) != kEventTypesVersion) return success(200, json{{"eventType", legacy_event_type_json(*type)}});
  return success(200, type->team_id ? team_event_type_json(*type, store) : event_type_json(*type, store));
}

http::Response list_teams(SimContext& context, http::Request&, const Caller& caller) {
  json data = json::array();
  for (const auto& team : context.store.fixture().teams) {
    if (is_member(team, caller.user->id)) data.push_back(team_json(team));
  }
  return success(200, data);
}

http::Response list_memberships(SimContext& context, http::Request& request, const Caller& caller) {
  const auto id = to_int(request.path_params["teamId"]);
  if (!id) return fail(context, request, not_numeric());
  const Team* team = context.store.team(*id);
  if (!team || !is_member(*team, caller.user->id)) {
    // Cal.com's team guard does not tell strangers whether the team exists.
    return fail(context, request, ApiError{403, "ForbiddenException", "User is not a member of team with id=" + std::to_string(*id)});
  }
  const int take = to_int(request.query_param("take").value_or("250")).value_or(250);
  const int skip = to_int(request.query_param("skip").value_or("0")).value_or(0);
  if (take < 1 || take > 250 || skip < 0) {
    return fail(context, request, ApiError{400, "BadRequestException", "take must not be greater than 250, skip must not be less than 0"});
  }
  const auto emails = split_list(request.query_param("emails").value_or(""));
  json data = json::array();
  int index = 0;
  for (const auto& membership : team->members) {
    const User* member = context.store.user(membership.user_id);
    if (!emails.empty() && (!member || std::find(emails.begin(), emails.end(), member->email) == emails.end())) continue;
    if (index++ < skip || static_cast<int>(data.size()) >= take) continue;
    data.push_back(membership_json(*team, membership, context.store));
  }
  return success(200, data);
}

http::Response list_team_event_types(SimContext& context, http::Request& request, const Caller&) {
  const auto id = to_int(request.path_params["teamId"]);
  if (!id) return fail(context, request, not_numeric());
  if (!context.store.team(*id)) return fail(context, request, ApiError{404, "NotFoundException", "Team with id=" + std::to_string(*id) + " not found"});
  const auto slug = request.query_param("eventSlug");
  json data = json::array();
  for (const auto& type : context.store.fixture().event_types) {
    if (type.team_id == *id && (!slug || type.slug == *slug)) data.push_back(team_event_type_json(type, context.store));
  }
  return success(200, data);
}

http::Response get_slots(SimContext& context, http::Request& request, const Caller&) {
  if (api_version(request) != kSlotsVersion) return cannot_route(request, context.clock.now());
  SlotQuery query;
  query.start = request.query_param("start").value_or("");
  query.end = request.query_param("end").value_or("");
  if (auto id = request.query_param("eventTypeId")) {
    query.event_type_id = to_int(*id);
    if (!query.event_type_id) return fail(context, request, ApiError{400, "BadRequestException", "eventTypeId must be a number"});
  }
  query.event_type_slug = request.query_param("eventTypeSlug").value_or("");
  query.username = request.query_param("username").value_or("");
  query.team_slug = request.query_param("teamSlug").value_or("");
  query.usernames = split_list(request.query_param("usernames").value_or(""));
  if (auto duration = request.query_param("duration")) {
    query.duration = to_int(*duration);
    if (!query.duration) return fail(context, request, ApiError{400, "BadRequestException", "duration must be a number"});
  }
  query.time_zone = request.query_param("timeZone").value_or("UTC");
  query.booking_uid_to_reschedule = request.query_param("bookingUidToReschedule").value_or("");
  auto answer = context.store.slots(query);
  if (!answer) return fail(context, request, answer.error());
  const bool range = request.query_param("format").value_or("") == "range";
  json data = json::object();
  for (const auto& start : answer->starts) {
    json slot{{"start", format_in_zone(start, query.time_zone)}};
    if (range) slot["end"] = format_in_zone(start + std::chrono::minutes(answer->duration), query.time_zone);
    data[local_date(start, query.time_zone)].push_back(std::move(slot));
  }
  return success(200, data);
}

}  // namespace

bool is_bookings_version(const std::string& version) { return version == "2024-08-13" || version == "2026-02-25"; }

std::vector<http::Route> catalog_routes(SimContext& context) {
  using http::Method;
  auto bind = [&context](auto function) {
    return [&context, function](http::Request& request, const Caller& caller) { return function(context, request, caller); };
  };
  return {
      {Method::get, "/v2/me", guarded(context, Auth::required, "", [](http::Request&, const Caller& caller) {
         return success(200, me_json(*caller.user));
       })},
      {Method::get, "/v2/event-types", guarded(context, Auth::optional, "", bind(list_event_types))},
      {Method::get, "/v2/event-types/:eventTypeId", guarded(context, Auth::required, "", bind(get_event_type))},
      {Method::get, "/v2/teams", guarded(context, Auth::required, "", bind(list_teams))},
      {Method::get, "/v2/teams/:teamId/memberships", guarded(context, Auth::required, "", bind(list_memberships))},
      {Method::get, "/v2/teams/:teamId/event-types", guarded(context, Auth::optional, "", bind(list_team_event_types))},
      {Method::get, "/v2/slots", guarded(context, Auth::optional, "", bind(get_slots))},
  };
}

}  // namespace poblysh::calcom_sim
