// http/api: domain records as the JSON the API promises (see docs/openapi.yaml).
#pragma once

#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "domain/user.hpp"
#include "http/api/json_io.hpp"

namespace poblysh::http::api {

json render(const domain::User& user);
json render(const domain::TeamMember& member);
json render(const domain::Startup& startup);
json render(const domain::Contact& contact);
// The same object as render(contact), written as text (an interview's detail embeds it).
void write(JsonWriter& out, const domain::Contact& contact);

}  // namespace poblysh::http::api
