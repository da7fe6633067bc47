// Startups and contacts: search, the startup page, contacts with validation and search.
#include <gtest/gtest.h>

#include "suite_service.hpp"

using namespace poblysh::testing;
using nlohmann::json;

class StartupsTest : public SuiteServiceTest {
 protected:
  void SetUp() override {
    client_ = signed_in_member();
    ASSERT_FALSE(HasFailure());
  }
  int create_startup(const std::string& name) {
    auto created = client_->post("/api/v1/startups", {{"name", name}, {"website", "https://example.com"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json()["id"].get<int>();
  }
  std::unique_ptr<HttpClient> client_;
};

TEST_F(StartupsTest, SearchFindsSubstringsCaseInsensitivelyInNameOrder) {
  create_startup("Orbital Kitchens");
  create_startup("Kitchen Sync");
  create_startup("Unrelated Ltd");
  auto found = client_->get("/api/v1/startups?q=KITCHEN").json()["items"];
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]["name"], "Kitchen Sync");
  EXPECT_EQ(found[1]["name"], "Orbital Kitchens");
  EXPECT_TRUE(client_->get("/api/v1/startups?q=%25").json()["items"].empty());  // "%" is literal
}

TEST_F(StartupsTest, StartupValidationAndUpdate) {
  auto refused = client_->post("/api/v1/startups", {{"name", ""}, {"website", "ftp://x"}});
  ASSERT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.json()["error"]["details"]["fields"].contains("name"));
  EXPECT_TRUE(refused.json()["error"]["details"]["fields"].contains("website"));
  const int id = create_startup("Renamed Later");
  auto updated = client_->patch("/api/v1/startups/" + std::to_string(id), {{"description", "Now with a description"}});
  ASSERT_EQ(updated.status, 200);
  EXPECT_EQ(updated.json()["name"], "Renamed Later");
  EXPECT_EQ(updated.json()["description"], "Now with a description");
  EXPECT_EQ(client_->get("/api/v1/startups/987654").status, 404);
}

TEST_F(StartupsTest, ContactsBelongToAStartupAndDefaultTheirCompany) {
  const int id = create_startup("Contactful");
  const auto base = "/api/v1/startups/" + std::to_string(id);
  auto created = client_->post(base + "/contacts",
                               {{"name", "Ines Ortega"}, {"email", "ines@contactful.example"}, {"title", "CEO"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["company"], "Contactful");
  EXPECT_TRUE(created.json()["phone"].is_null());
  auto own_company = client_->post(
      base + "/contacts",
      {{"name", "Advisor"}, {"email", "adv@vc.example"}, {"company", "Big VC"}, {"phone", "+1 (555) 010-2030"}});
  ASSERT_EQ(own_company.status, 201) << own_company.body;
  EXPECT_EQ(own_company.json()["company"], "Big VC");

  auto page = client_->get(base).json();
  EXPECT_EQ(page["name"], "Contactful");
  EXPECT_EQ(page["contacts"].size(), 2u);
  EXPECT_EQ(client_->get(base + "/contacts").json()["items"].size(), 2u);

  auto duplicate = client_->post(base + "/contacts", {{"name", "Ines Again"}, {"email", "INES@contactful.example"}});
  EXPECT_EQ(duplicate.status, 409);
  auto invalid = client_->post(base + "/contacts", {{"name", "No Email"}, {"email", "ines@"}, {"phone", "call me"}});
  ASSERT_EQ(invalid.status, 400);
  EXPECT_TRUE(invalid.json()["error"]["details"]["fields"].contains("email"));
  EXPECT_TRUE(invalid.json()["error"]["details"]["fields"].contains("phone"));
  EXPECT_EQ(client_->post("/api/v1/startups/999999/contacts", {{"name", "Ghost"}, {"email", "g@x.example"}}).status,
            404);

  const auto contact_path = "/api/v1/contacts/" + std::to_string(created.json()["id"].get<int>());
  auto updated = client_->patch(contact_path, {{"title", "CEO & founder"}});
  ASSERT_EQ(updated.status, 200);
  EXPECT_EQ(updated.json()["title"], "CEO & founder");
  EXPECT_EQ(client_->get(contact_path).json()["name"], "Ines Ortega");
}

TEST_F(StartupsTest, ContactSearchSpansStartupsByNameOrEmail) {
  const int a = create_startup("Alpha Searchable");
  const int b = create_startup("Beta Searchable");
  client_->post("/api/v1/startups/" + std::to_string(a) + "/contacts",
                {{"name", "Xavier Needle"}, {"email", "xn@alpha.example"}});
  client_->post("/api/v1/startups/" + std::to_string(b) + "/contacts",
                {{"name", "Yara Other"}, {"email", "needle@beta.example"}});
  auto found = client_->get("/api/v1/contacts?q=needle").json()["items"];
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0]["startup_name"], "Alpha Searchable");
  EXPECT_EQ(found[1]["startup_name"], "Beta Searchable");
}
