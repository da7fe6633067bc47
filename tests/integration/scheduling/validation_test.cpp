// Every step refuses bad input, names the field, and leaves the draft as it was.
#include "workflow_fixture.hpp"

using namespace poblysh::testing;
using nlohmann::json;

TEST_F(WorkflowTest, TeamNeedsExactlyOnePrimaryAndActiveMembers) {
  const int id = create_draft();
  auto no_primary = api_->send("PUT", path(id, "team"), json{{"additional_team_member_ids", {bruno_}}}.dump(), {});
  ASSERT_EQ(no_primary.status, 400);
  EXPECT_TRUE(no_primary.json()["error"]["details"]["fields"].contains("primary_team_member_id"));

  ASSERT_EQ(api_->post("/api/v1/team-members/" + std::to_string(bruno_) + "/deactivate", json::object()).status, 200);
  auto inactive = api_->send("PUT", path(id, "team"),
                             json{{"primary_team_member_id", alice_}, {"additional_team_member_ids", {bruno_}}}.dump(), {});
  ASSERT_EQ(inactive.status, 400);
  EXPECT_TRUE(inactive.json()["error"]["details"]["fields"].contains("additional_team_member_ids"));
  auto inactive_primary = api_->send("PUT", path(id, "team"), json{{"primary_team_member_id", bruno_}}.dump(), {});
  EXPECT_EQ(inactive_primary.status, 400);
  auto unknown = api_->send("PUT", path(id, "team"), json{{"primary_team_member_id", 424242}}.dump(), {});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(api_->get(path(id)).json()["team"].empty());
}

TEST_F(WorkflowTest, GuestsAreValidatedAsTyped) {
  const int id = create_draft();
  auto bad_email = api_->send("PUT", path(id, "guests"), json{{"guests", {{{"name", "X"}, {"email", "not-an-email"}}}}}.dump(), {});
  ASSERT_EQ(bad_email.status, 400);
  EXPECT_TRUE(bad_email.json()["error"]["details"]["fields"].contains("guests[0].email"));
  auto duplicate = api_->send("PUT", path(id, "guests"),
                              json{{"guests", {{{"email", "ivy@fund.example"}}, {{"email", "IVY@fund.example"}}}}}.dump(), {});
  ASSERT_EQ(duplicate.status, 400);
  EXPECT_TRUE(duplicate.json()["error"]["details"]["fields"].contains("guests[1].email"));
  auto interviewee = api_->send("PUT", path(id, "guests"), json{{"guests", {{{"email", "lena@northwind.example"}}}}}.dump(), {});
  EXPECT_EQ(interviewee.status, 400);
  auto not_a_list = api_->send("PUT", path(id, "guests"), json{{"guests", "ivy@fund.example"}}.dump(), {});
  EXPECT_EQ(not_a_list.status, 400);
  EXPECT_TRUE(api_->get(path(id)).json()["guests"].empty());
}

TEST_F(WorkflowTest, DraftCreationValidatesStartupAndContact) {
  EXPECT_EQ(api_->post("/api/v1/interviews", {{"startup_id", 999999}, {"contact_id", 1}}).status, 404);
  auto no_contact = api_->post("/api/v1/interviews", {{"startup_id", startup_id_}});
  ASSERT_EQ(no_contact.status, 400);
  EXPECT_TRUE(no_contact.json()["error"]["details"]["fields"].contains("contact_id"));
  auto bad_inline = api_->post("/api/v1/interviews", {{"startup_id", startup_id_}, {"contact", {{"name", "No Mail"}, {"email", "x@"}}}});
  ASSERT_EQ(bad_inline.status, 400);
  EXPECT_TRUE(bad_inline.json()["error"]["details"]["fields"].contains("contact.email"));
  auto other = api_->post("/api/v1/startups", {{"name", "Other Co"}}).json()["id"].get<int>();
  auto foreign = api_->post("/api/v1/interviews", {{"startup_id", other}, {"contact_id", advisor_id_}});
  EXPECT_EQ(foreign.status, 400);
}

TEST_F(WorkflowTest, DetailsRefuseUnknownZonesAndRenderMarkdownSafely) {
  const int id = create_draft();
  auto bad_zone = api_->send("PUT", path(id, "details"), json{{"timezone", "Mars/Olympus"}}.dump(), {});
  ASSERT_EQ(bad_zone.status, 400);
  EXPECT_TRUE(bad_zone.json()["error"]["details"]["fields"].contains("timezone"));
  const std::string hostile =
      "<script>alert('x')</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n"
      "<a href=\"#\" onclick=\"steal()\">link</a> [ok](https://example.com)";
  auto saved = api_->send("PUT", path(id, "details"), json{{"timezone", "UTC"}, {"prep_notes_markdown", hostile}}.dump(), {});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const std::string html = saved.json()["prep_notes_html"];
  EXPECT_EQ(saved.json()["prep_notes_markdown"], hostile);
  // Raw HTML is shown as text (escaped), never as markup; the unsafe link keeps no URL.
  for (const char* forbidden : {"<script", "href=\"javascript:", "<img", "<a href=\"#\""}) {
    EXPECT_EQ(html.find(forbidden), std::string::npos) << forbidden << " in " << html;
  }
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://example.com\""), std::string::npos);
  auto preview = api_->post("/api/v1/markdown/preview", {{"markdown", "<script>x</script>**b**"}});
  ASSERT_EQ(preview.status, 200);
  EXPECT_EQ(preview.json()["html"].get<std::string>().find("<script"), std::string::npos);
}

TEST_F(WorkflowTest, OneUnreadableCalendarDoesNotHideTheOthersAvailability) {
  // Emma's Cal.com account has no founder-interview event type to read her calendar through;
  // Bruno's is 45 minutes long while the meeting is 30.
  const int emma = member("Emma Lindqvist", "emma@poblysh.test", "Scout", "emma-scout");
  const int id = create_draft();
  auto availability = api_->get(path(id, "availability") + "?members=" + std::to_string(alice_) + "," +
                                std::to_string(bruno_) + "," + std::to_string(emma) + "&duration=30");
  ASSERT_EQ(availability.status, 200) << availability.body;
  const auto body = availability.json();
  EXPECT_EQ(body["members"][0]["availability"], "known");
  EXPECT_EQ(body["members"][1]["availability"], "known");
  EXPECT_EQ(body["members"][2]["availability"], "unknown");
  EXPECT_FALSE(body["members"][2]["reason"].is_null());
  ASSERT_FALSE(body["common_slots"].empty());
  // Every common slot lies inside both known members' free time.
  for (const auto& slot : body["common_slots"]) {
    for (int m = 0; m < 2; ++m) {
      bool inside = false;
      for (const auto& own : body["members"][m]["slots"]) inside |= own["start"] <= slot["start"] && slot["start"] < own["end"];
      EXPECT_TRUE(inside) << slot.dump();
    }
  }
}
