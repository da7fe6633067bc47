// store: the rows of startups, contacts and team members as their repositories read them, and
// as an interview's detail reads them joined to its own row (InterviewRepo::find_with_people).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/startup.hpp"
#include "domain/team_member.hpp"
#include "store/database.hpp"

namespace poblysh::store::people_rows {

// Each reader takes its columns in this order, starting at column `first` of the row.
inline constexpr std::string_view kStartupColumns = "id, name, website, description, created_at, updated_at";
inline constexpr std::size_t kStartupColumnCount = 6;
inline constexpr std::string_view kContactColumns =
    "id, name, email, title, company, phone, created_at, updated_at, startup_id";
inline constexpr std::size_t kContactColumnCount = 9;
inline constexpr std::string_view kTeamMemberColumns =
    "id, name, email, role, calcom_user_id, calcom_username, active, created_at, updated_at";

// "a, b" as "s.a, s.b": the columns of a table joined under `alias`.
std::string qualified(std::string_view alias, std::string_view columns);

domain::Startup startup(const Row& row, std::size_t first = 0);
domain::Contact contact(const Row& row, std::size_t first = 0);
domain::TeamMember team_member(const Row& row, std::size_t first = 0);

}  // namespace poblysh::store::people_rows
