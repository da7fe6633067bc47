// The interview list as users see it while others write: a page is never older than the last
// write that finished before it was asked for — this instance's writes, or another process's
// on the same database (kept pages are dropped on any commit; see http/api/page_cache.hpp).
#include <gtest/gtest.h>

#include <cstdlib>

#include "http_client.hpp"
#include "service_process.hpp"

using namespace poblysh::testing;
using nlohmann::json;

class ListPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = std::make_unique<Service>();
    password_ = service_->add_user("mia@example.com", "Mia Member", "member");
    client_ = login(*service_);
    auto startup = client_->post("/api/v1/startups", {{"name", "Orbital Kitchens"}});
    ASSERT_EQ(startup.status, 201) << startup.body;
    startup_id_ = startup.json()["id"].get<int>();
  }

  std::unique_ptr<HttpClient> login(const Service& service) {
    auto client = std::make_unique<HttpClient>(service.base_url());
    EXPECT_EQ(client->login("mia@example.com", password_).status, 200);
    return client;
  }

  static int create_draft(HttpClient& client, int startup_id, const std::string& title) {
    auto created = client.post(
        "/api/v1/interviews",
        {{"startup_id", startup_id},
         {"title", title},
         {"contact", {{"name", "Ada Founder"}, {"email", "ada." + std::to_string(std::rand()) + "@orbital.example"}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json().value("id", 0);
  }

  std::vector<std::string> titles(HttpClient& client, const std::string& query) {
    auto page = client.get("/api/v1/interviews" + query);
    EXPECT_EQ(page.status, 200) << page.body;
    std::vector<std::string> out;
    const json body = page.json();
    for (const auto& item : body["items"]) out.push_back(item["title"].get<std::string>());
    return out;
  }

  std::unique_ptr<Service> service_;
  std::string password_;
  std::unique_ptr<HttpClient> client_;
  int startup_id_ = 0;
};

TEST_F(ListPagesTest, AWriteShowsOnTheNextPageAskedFor) {
  const std::string query = "?status=draft&startup_id=" + std::to_string(startup_id_);
  EXPECT_TRUE(titles(*client_, query).empty());
  EXPECT_TRUE(titles(*client_, query).empty());  // asked twice: the second may be a kept page
  create_draft(*client_, startup_id_, "First talk");
  EXPECT_EQ(titles(*client_, query), std::vector<std::string>{"First talk"});
  create_draft(*client_, startup_id_, "Second talk");
  EXPECT_EQ(titles(*client_, query).size(), 2u);
}

TEST_F(ListPagesTest, AnotherInstancesWriteShowsToo) {
  // A second service on the same database, as a second instance or the CLI would write.
  Service other({{"POBLYSH_DATABASE_URL", service_->database_url()}});
  auto other_client = login(other);
  const std::string query = "?startup_id=" + std::to_string(startup_id_);
  EXPECT_TRUE(titles(*client_, query).empty());
  EXPECT_TRUE(titles(*client_, query).empty());
  create_draft(*other_client, startup_id_, "Booked elsewhere");
  EXPECT_EQ(titles(*client_, query), std::vector<std::string>{"Booked elsewhere"});
}

TEST_F(ListPagesTest, AKeptPageIsTheSameAnswerAndStillNeedsASignIn) {
  create_draft(*client_, startup_id_, "First talk");
  const std::string path = "/api/v1/interviews?startup_id=" + std::to_string(startup_id_) + "&limit=50";
  auto first = client_->get(path);
  auto second = client_->get(path);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.header("content-type"), first.header("content-type"));
  HttpClient stranger(service_->base_url());
  EXPECT_EQ(stranger.get(path).status, 401);
  // Query parameters in another order ask for the same page.
  auto reordered = client_->get("/api/v1/interviews?limit=50&startup_id=" + std::to_string(startup_id_));
  EXPECT_EQ(reordered.body, first.body);
}

TEST_F(ListPagesTest, BadFiltersAreStillRefused) {
  EXPECT_EQ(client_->get("/api/v1/interviews?status=maybe").status, 400);
  EXPECT_EQ(client_->get("/api/v1/interviews?status=maybe").status, 400);
}
