// A person's drafts through the real API: the title (its default, set, limits), the caller's own
// drafts listed, and discarding one — never a booked interview.
#include <string>

#include "workflow_fixture.hpp"

using namespace poblysh::testing;
using nlohmann::json;

namespace {

const std::string kLenaDefault = "Interview with Northwind Robotics \u2013 Lena Fischer";
const std::string kTomasDefault = "Interview with Northwind Robotics \u2013 Tom\u00e1s \u00c1lvarez";

}  // namespace

class DraftsTest : public WorkflowTest {
 protected:
  HttpResponse put_title(int id, const json& body) { return api_->send("PUT", path(id, "title"), body.dump(), {}); }

  json drafts(const std::string& query = "", HttpClient* as = nullptr) {
    auto answer = (as ? *as : *api_).get("/api/v1/drafts" + query);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json();
  }

  static std::vector<int> ids(const json& list) {
    std::vector<int> out;
    const json items = list.value("items", json::array());
    for (const auto& item : items) out.push_back(item.value("id", 0));
    return out;
  }

  // The answer is a 400 naming `field`.
  static void expect_field_error(const HttpResponse& answer, const std::string& field) {
    ASSERT_EQ(answer.status, 400) << answer.body;
    const json fields = answer.json()["error"]["details"].value("fields", json::object());
    EXPECT_TRUE(fields.contains(field)) << answer.body;
  }

  int other_startup() {
    auto created = api_->post("/api/v1/startups", {{"name", "Southwind Labs"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json().value("id", 0);
  }
};

TEST_F(DraftsTest, TheTitleDefaultsToStartupAndContactFollowsTheContactUntilSetAndCanBeReset) {
  const int id = create_draft();
  const json created_draft = api_->get(path(id)).json();
  EXPECT_EQ(created_draft["title"], kLenaDefault);
  const int lena = created_draft["contact"]["id"];

  // Another contact in step 1: an untouched title names the new one.
  auto moved = api_->send("PUT", path(id, "contact"), json{{"contact_id", advisor_id_}}.dump(), {});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["title"], kTomasDefault);

  auto named = put_title(id, {{"title", "  Seed follow-up \u00b7 \u05e9\u05dc\u05d5\u05dd  "}});
  ASSERT_EQ(named.status, 200) << named.body;
  EXPECT_EQ(named.json()["title"], "Seed follow-up \u00b7 \u05e9\u05dc\u05d5\u05dd");  // trimmed; Hebrew is fine
  bool recorded = false;
  const json named_body = named.json();  // kept: the loop iterates into it
  for (const auto& entry : named_body["history"]) recorded |= entry["action"] == "title_changed";
  EXPECT_TRUE(recorded) << named.body;

  // A title the person chose stays whoever the contact becomes.
  auto back = api_->send("PUT", path(id, "contact"), json{{"contact_id", lena}}.dump(), {});
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["title"], "Seed follow-up \u00b7 \u05e9\u05dc\u05d5\u05dd");

  // Emptied (or null): the default again, for the contact it has now.
  auto reset = put_title(id, {{"title", "   "}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.json()["title"], kLenaDefault);
  ASSERT_EQ(put_title(id, {{"title", "x"}}).status, 200);
  auto nulled = put_title(id, {{"title", nullptr}});
  ASSERT_EQ(nulled.status, 200) << nulled.body;
  EXPECT_EQ(nulled.json()["title"], kLenaDefault);

  // Given in step 1, it is used as given.
  auto created = api_->post("/api/v1/interviews",
                            {{"startup_id", startup_id_}, {"contact_id", advisor_id_}, {"title", "CTO deep dive"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["title"], "CTO deep dive");
}

TEST_F(DraftsTest, ATitleIsOneLineOfAtMost200BytesAndOnlyADraftIsRenamed) {
  const int id = create_draft();
  const std::string longest(200, 'a');
  auto at_limit = put_title(id, {{"title", longest}});
  ASSERT_EQ(at_limit.status, 200) << at_limit.body;
  EXPECT_EQ(at_limit.json()["title"], longest);

  expect_field_error(put_title(id, {{"title", longest + "a"}}), "title");
  // 67 three-byte characters are 201 bytes.
  std::string wide;
  for (int i = 0; i < 67; ++i) wide += "\u20ac";
  expect_field_error(put_title(id, {{"title", wide}}), "title");
  expect_field_error(put_title(id, {{"title", "two\nlines"}}), "title");
  expect_field_error(put_title(id, {{"title", 42}}), "title");
  expect_field_error(put_title(id, json::object()), "title");
  expect_field_error(api_->post("/api/v1/interviews",
                                {{"startup_id", startup_id_}, {"contact_id", advisor_id_}, {"title", longest + "a"}}),
                     "title");
  EXPECT_EQ(api_->get(path(id)).json()["title"], longest);  // the refused ones changed nothing

  int booked = 0;
  booked_draft(booked);
  ASSERT_EQ(api_->post(path(booked, "confirm"), json::object()).status, 200);
  auto refused = put_title(booked, {{"title", "Renamed after sending"}});
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(put_title(999999, {{"title", "Nobody"}}).status, 404);
}

TEST_F(DraftsTest, TheListHoldsOnlyTheCallersOwnDraftsLastEditedFirstWithTheirCount) {
  const int first = create_draft();
  const int second = create_draft();
  auto elsewhere_created = api_->post(
      "/api/v1/interviews",
      {{"startup_id", other_startup()}, {"contact", {{"name", "Sam Sun"}, {"email", "sam@southwind.example"}}}});
  ASSERT_EQ(elsewhere_created.status, 201) << elsewhere_created.body;
  int booked = 0;
  booked_draft(booked);
  ASSERT_EQ(api_->post(path(booked, "confirm"), json::object()).status, 200);

  // Editing the first makes it the last edited.
  ASSERT_EQ(put_title(first, {{"title", "Edited last"}}).status, 200);
  const std::string northwind = "?startup_id=" + std::to_string(startup_id_);
  const json mine = drafts(northwind);
  EXPECT_EQ(ids(mine), (std::vector<int>{first, second}));
  EXPECT_EQ(mine["total"], 2);
  EXPECT_EQ(mine["items"][0]["title"], "Edited last");
  EXPECT_EQ(mine["items"][0]["status"], "draft");
  EXPECT_EQ(mine["items"][0]["startup"]["name"], "Northwind Robotics");
  EXPECT_EQ(mine["items"][1]["contact"]["name"], "Lena Fischer");
  EXPECT_TRUE(mine["items"][0]["updated_at"].is_string());

  const json latest = drafts(northwind + "&limit=1");
  EXPECT_EQ(ids(latest), std::vector<int>{first});
  EXPECT_EQ(latest["total"], 2);  // one shown, two in all
  EXPECT_EQ(drafts()["total"], 3);
  EXPECT_EQ(drafts("?startup_id=" + std::to_string(startup_id_ + 1000))["total"], 0);  // no such startup

  // Another member sees none of these, and theirs are not the admin's.
  service_->add_user("max@example.com", "Max Member", "member", "member-password-123");
  HttpClient max(service_->base_url());
  ASSERT_EQ(max.login("max@example.com", "member-password-123").status, 200);
  EXPECT_EQ(drafts(northwind, &max)["total"], 0);
  const int maxs = northwind::create_draft(max, startup_id_);
  EXPECT_EQ(ids(drafts(northwind, &max)), std::vector<int>{maxs});
  EXPECT_EQ(ids(drafts(northwind)), (std::vector<int>{first, second}));

  for (const std::string bad : {"?limit=0", "?limit=201", "?limit=x", "?startup_id=-1", "?startup_id=1e3"}) {
    EXPECT_EQ(api_->get("/api/v1/drafts" + bad).status, 400) << bad;
  }
}

TEST_F(DraftsTest, DiscardingDeletesADraftButNeverABookedInterviewNorAnotherMembersDraft) {
  const int id = create_draft();
  northwind::assign_team(*api_, id, {alice_, bruno_, startup_id_, advisor_id_});
  auto discarded = api_->del(path(id));
  ASSERT_EQ(discarded.status, 204) << discarded.body;
  EXPECT_EQ(api_->get(path(id)).status, 404);
  EXPECT_EQ(drafts()["total"], 0);
  EXPECT_EQ(api_->del(path(id)).status, 404);

  int booked = 0;
  booked_draft(booked);
  ASSERT_EQ(api_->post(path(booked, "confirm"), json::object()).status, 200);
  auto refused = api_->del(path(booked));
  ASSERT_EQ(refused.status, 409) << refused.body;
  const std::string message = refused.json()["error"]["message"];
  EXPECT_NE(message.find("only a draft can be discarded"), std::string::npos) << message;
  EXPECT_EQ(api_->get(path(booked)).json()["status"], "scheduled");
  EXPECT_EQ(sim_bookings_for(booked).size(), 1u);

  // A member may not discard the admin's draft; the admin may discard a member's.
  service_->add_user("max@example.com", "Max Member", "member", "member-password-123");
  HttpClient max(service_->base_url());
  ASSERT_EQ(max.login("max@example.com", "member-password-123").status, 200);
  const int admins = create_draft();
  EXPECT_EQ(max.del(path(admins)).status, 403);
  EXPECT_EQ(api_->get(path(admins)).status, 200);
  const int maxs = northwind::create_draft(max, startup_id_);
  EXPECT_EQ(api_->del(path(maxs)).status, 204);
  const int own = northwind::create_draft(max, startup_id_);
  EXPECT_EQ(max.del(path(own)).status, 204);
}

// Cal.com may have made the booking of a send whose answer was lost: that draft is kept, and a
// second send finds the booking.
TEST_F(DraftsTest, ADraftCalcomWasAskedToBookIsKept) {
  int id = 0;
  booked_draft(id);
  sim_->admin_post("/_sim/faults", {{"errorCount", 20}, {"pathPrefix", "/v2/bookings"}});
  EXPECT_GE(api_->post(path(id, "confirm"), json::object()).status, 500);
  sim_->admin_post("/_sim/faults", {{"errorCount", 0}});
  auto refused = api_->del(path(id));
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("send the invitation again"), std::string::npos);
  EXPECT_EQ(api_->get(path(id)).json()["status"], "draft");
}
