#include "northwind.hpp"

#include <gtest/gtest.h>

namespace poblysh::testing::northwind {

int add_member(HttpClient& api, const std::string& name, const std::string& email, const std::string& role,
               const std::string& calcom_username) {
  nlohmann::json body{{"name", name}, {"email", email}, {"role", role}};
  if (!calcom_username.empty()) body["calcom_username"] = calcom_username;
  auto created = api.post("/api/v1/team-members", body);
  EXPECT_EQ(created.status, 201) << created.body;
  return created.json().value("id", 0);
}

People add_people(HttpClient& api, bool with_advisor, const std::string& website) {
  People people;
  people.alice = add_member(api, "Alice Martin", "alice@poblysh.test", "Editor", "alice-editor");
  people.bruno = add_member(api, "Bruno Keller", "bruno@poblysh.test", "Partner", "bruno-partner");
  nlohmann::json startup{{"name", "Northwind Robotics"}};
  if (!website.empty()) startup["website"] = website;
  auto created = api.post("/api/v1/startups", startup);
  EXPECT_EQ(created.status, 201) << created.body;
  people.startup_id = created.json().value("id", 0);
  if (with_advisor) {
    auto advisor = api.post("/api/v1/startups/" + std::to_string(people.startup_id) + "/contacts",
                            {{"name", "Tomás Álvarez"}, {"email", "tomas@northwind.example"}, {"title", "CTO"}});
    EXPECT_EQ(advisor.status, 201) << advisor.body;
    people.advisor_id = advisor.json().value("id", 0);
  }
  return people;
}

std::string interview_path(int id, const std::string& step) {
  return "/api/v1/interviews/" + std::to_string(id) + (step.empty() ? "" : "/" + step);
}

int create_draft(HttpClient& api, int startup_id) {
  auto created =
      api.post("/api/v1/interviews",
               {{"startup_id", startup_id},
                {"contact", {{"name", "Lena Fischer"}, {"email", "lena@northwind.example"}, {"title", "CEO"}}}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.json().value("id", 0);
}

void assign_team(HttpClient& api, int interview_id, const People& people) {
  const nlohmann::json team{{"primary_team_member_id", people.alice}, {"additional_team_member_ids", {people.bruno}}};
  auto assigned = api.send("PUT", interview_path(interview_id, "team"), team.dump(), {});
  EXPECT_EQ(assigned.status, 200) << assigned.body;
}

}  // namespace poblysh::testing::northwind
