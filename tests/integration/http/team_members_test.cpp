// Team members: admins write, members read; unique emails; validation; pagination.
#include <gtest/gtest.h>

#include <set>

#include "suite_service.hpp"

using namespace poblysh::testing;
using nlohmann::json;

class TeamMembersTest : public SuiteServiceTest {
 protected:
  void SetUp() override {
    admin_ = signed_in_admin();
    member_ = signed_in_member();
    ASSERT_FALSE(HasFailure());
  }
  std::unique_ptr<HttpClient> admin_, member_;
};

TEST_F(TeamMembersTest, AdminCreatesAMemberWhoIsActiveByDefault) {
  auto created = admin_->post("/api/v1/team-members", {{"name", "Grace Hopper"},
                                                       {"email", "grace@poblysh.example"},
                                                       {"role", "Head of Research"},
                                                       {"calcom_username", "grace-h"},
                                                       {"calcom_user_id", 42}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = created.json();
  EXPECT_EQ(body["active"], true);
  EXPECT_EQ(body["role"], "Head of Research");
  EXPECT_EQ(body["calcom_username"], "grace-h");
  EXPECT_EQ(body["calcom_user_id"], 42);
  auto fetched = member_->get("/api/v1/team-members/" + std::to_string(body["id"].get<int>()));
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.json()["email"], "grace@poblysh.example");
}

TEST_F(TeamMembersTest, MembersCannotWrite) {
  auto refused =
      member_->post("/api/v1/team-members", {{"name", "X"}, {"email", "x@poblysh.example"}, {"role", "Editor"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "forbidden");
  auto created =
      admin_->post("/api/v1/team-members", {{"name", "Y"}, {"email", "y@poblysh.example"}, {"role", "Editor"}});
  ASSERT_EQ(created.status, 201);
  const auto path = "/api/v1/team-members/" + std::to_string(created.json()["id"].get<int>());
  EXPECT_EQ(member_->patch(path, {{"role", "Boss"}}).status, 403);
  EXPECT_EQ(member_->post(path + "/deactivate", json::object()).status, 403);
  EXPECT_EQ(member_->get(path).json()["role"], "Editor");
}

TEST_F(TeamMembersTest, DuplicateEmailIsAConflictWhateverTheLetterCase) {
  ASSERT_EQ(
      admin_->post("/api/v1/team-members", {{"name", "Dup One"}, {"email", "dup@poblysh.example"}, {"role", "Editor"}})
          .status,
      201);
  for (const char* email : {"dup@poblysh.example", "DUP@Poblysh.Example", "  dup@poblysh.example "}) {
    auto conflict = admin_->post("/api/v1/team-members", {{"name", "Dup Two"}, {"email", email}, {"role", "Editor"}});
    EXPECT_EQ(conflict.status, 409) << email;
    EXPECT_EQ(conflict.json()["error"]["code"], "conflict");
    EXPECT_TRUE(conflict.json()["error"]["details"]["fields"].contains("email"));
  }
  // Changing another member's email to a taken one is refused the same way.
  auto other =
      admin_->post("/api/v1/team-members", {{"name", "Other"}, {"email", "other@poblysh.example"}, {"role", "Editor"}});
  auto path = "/api/v1/team-members/" + std::to_string(other.json()["id"].get<int>());
  EXPECT_EQ(admin_->patch(path, {{"email", "Dup@poblysh.example"}}).status, 409);
}

TEST_F(TeamMembersTest, ValidationNamesEveryBadField) {
  auto refused =
      admin_->post("/api/v1/team-members", {{"name", ""}, {"email", "not-an-email"}, {"calcom_user_id", "seven"}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  auto fields = refused.json()["error"]["details"]["fields"];
  EXPECT_TRUE(fields.contains("calcom_user_id"));
  auto second = admin_->post("/api/v1/team-members", {{"name", " "}, {"email", "not-an-email"}});
  auto fields2 = second.json()["error"]["details"]["fields"];
  EXPECT_TRUE(fields2.contains("name"));
  EXPECT_TRUE(fields2.contains("email"));
  EXPECT_TRUE(fields2.contains("role"));
  EXPECT_EQ(admin_->send("POST", "/api/v1/team-members", "{not json", {}).status, 400);
}

TEST_F(TeamMembersTest, DeactivationKeepsTheRecordAndFiltersWork) {
  auto created = admin_->post("/api/v1/team-members",
                              {{"name", "Leaving Soon"}, {"email", "leaving@poblysh.example"}, {"role", "Writer"}});
  const auto id = created.json()["id"].get<int>();
  auto deactivated = admin_->post("/api/v1/team-members/" + std::to_string(id) + "/deactivate", json::object());
  ASSERT_EQ(deactivated.status, 200) << deactivated.body;
  EXPECT_EQ(deactivated.json()["active"], false);
  auto active = member_->get("/api/v1/team-members?active=true&q=leaving").json()["items"];
  EXPECT_TRUE(active.empty());
  auto inactive = member_->get("/api/v1/team-members?active=false&q=leaving").json()["items"];
  ASSERT_EQ(inactive.size(), 1u);
  EXPECT_EQ(inactive[0]["id"], id);
  auto reactivated = admin_->patch("/api/v1/team-members/" + std::to_string(id), {{"active", true}});
  EXPECT_EQ(reactivated.json()["active"], true);
  EXPECT_EQ(member_->get("/api/v1/team-members?active=maybe").status, 400);
}

TEST_F(TeamMembersTest, SearchMatchesNameEmailAndRole) {
  admin_->post("/api/v1/team-members",
               {{"name", "Zora Quinby"}, {"email", "zq@poblysh.example"}, {"role", "Cartographer"}});
  EXPECT_EQ(member_->get("/api/v1/team-members?q=quinby").json()["items"].size(), 1u);
  EXPECT_EQ(member_->get("/api/v1/team-members?q=ZQ%40").json()["items"].size(), 1u);
  EXPECT_EQ(member_->get("/api/v1/team-members?q=cartog").json()["items"].size(), 1u);
}

TEST_F(TeamMembersTest, PaginationVisitsEveryMemberOnceInNameOrder) {
  for (int i = 0; i < 7; ++i) {
    admin_->post("/api/v1/team-members", {{"name", "Paged Person " + std::to_string(i)},
                                          {"email", "paged" + std::to_string(i) + "@poblysh.example"},
                                          {"role", "Editor"}});
  }
  std::vector<std::string> names;
  std::set<int> ids;
  std::string cursor;
  for (int pages = 0; pages < 10; ++pages) {
    auto page =
        member_->get("/api/v1/team-members?q=paged&limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (const auto& item : page["items"]) {
      names.push_back(item["name"]);
      ids.insert(item["id"].get<int>());
    }
    if (page["next_cursor"].is_null()) break;
    cursor = page["next_cursor"];
  }
  EXPECT_EQ(names.size(), 7u);
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(member_->get("/api/v1/team-members?limit=0").status, 400);
  EXPECT_EQ(member_->get("/api/v1/team-members?cursor=zz").status, 400);
}

TEST_F(TeamMembersTest, UnknownIdsAre404) {
  EXPECT_EQ(member_->get("/api/v1/team-members/999999").status, 404);
  EXPECT_EQ(member_->get("/api/v1/team-members/abc").status, 404);
  EXPECT_EQ(admin_->patch("/api/v1/team-members/999999", {{"role", "x"}}).status, 404);
  EXPECT_EQ(member_->get("/api/v1/nothing-here").status, 404);
}
