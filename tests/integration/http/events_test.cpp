// GET /api/v1/events (Server-Sent Events): only a signed-in caller listens, a user holds a
// bounded number of streams, and a change committed by one instance reaches a stream held by
// another that shares its database (the same SQLite file, or PostgreSQL) within a second or two.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "event_stream.hpp"
#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kEvents = "/api/v1/events";

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    api_ = std::make_unique<HttpClient>(service_.base_url());
    ASSERT_EQ(api_->login("admin@example.com", "correct-horse-battery").status, 200);
    token_ = token_of(*api_);
  }

  static std::string token_of(HttpClient& client) {
    const auto created = client.post("/api/v1/api-tokens", {{"name", "live updates"}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json().value("token", "");
  }
  static std::map<std::string, std::string> bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  std::string address() const { return service_.process().address(); }

  // A new draft of a new startup, made through the API; its id.
  int new_draft(const std::string& startup) {
    const auto made = api_->post("/api/v1/startups", {{"name", startup}, {"website", "https://example.com"}});
    EXPECT_EQ(made.status, 201) << made.body;
    const auto draft =
        api_->post("/api/v1/interviews", {{"startup_id", made.json().value("id", 0)},
                                          {"contact", {{"name", "Lena Fischer"}, {"email", "lena@example.com"}}}});
    EXPECT_EQ(draft.status, 201) << draft.body;
    return draft.json().value("id", 0);
  }

  Service service_;
  std::unique_ptr<HttpClient> api_;
  std::string token_;
};

TEST_F(EventsTest, OnlyASignedInCallerMayListen) {
  EXPECT_EQ(EventStream(address(), kEvents, {}).status(), 401);
  EXPECT_EQ(EventStream(address(), kEvents, bearer("not-a-token")).status(), 401);
  EXPECT_EQ(EventStream(address(), kEvents, {{"Cookie", "poblysh_session=forged"}}).status(), 401);

  EventStream stream(address(), kEvents, bearer(token_));
  ASSERT_EQ(stream.status(), 200) << stream.head();
  EXPECT_NE(stream.head().find("text/event-stream"), std::string::npos) << stream.head();
  EXPECT_NE(stream.head().find("Cache-Control: no-store"), std::string::npos) << stream.head();
  EXPECT_TRUE(stream.wait_for("retry: 3000", 5s)) << stream.received();
}

TEST_F(EventsTest, AChangeReachesTheStreamAsAnInterviewEvent) {
  EventStream stream(address(), kEvents, bearer(token_));
  ASSERT_EQ(stream.status(), 200);
  ASSERT_TRUE(stream.wait_for(": open", 5s));
  const auto started = std::chrono::steady_clock::now();
  const int id = new_draft("Live Robotics");
  const std::string event = "event: interview\ndata: {\"id\":" + std::to_string(id) + ",\"status\":\"draft\"";
  ASSERT_TRUE(stream.wait_for(event, 3s)) << stream.received();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);

  // A later change of the same interview comes with its higher version.
  const auto edited =
      api_->send("PUT", "/api/v1/interviews/" + std::to_string(id) + "/details", R"({"timezone":"Europe/Berlin"})", {});
  ASSERT_EQ(edited.status, 200) << edited.body;
  const std::string data = "data: {\"id\":" + std::to_string(id) + ",\"status\":\"draft\",\"version\":";
  const auto first = stream.received().find(data);
  ASSERT_TRUE(stream.wait_for(data, 3s, first + 1)) << stream.received();
  const auto second = stream.received().find(data, first + 1);
  const auto version = [&](std::size_t at) { return std::stoll(stream.received().substr(at + data.size())); };
  EXPECT_GT(version(second), version(first)) << stream.received();
}

TEST_F(EventsTest, AChangeMadeOnAnotherInstanceReachesThisOnesStreams) {
  Service other(Env{{"POBLYSH_DATABASE_URL", service_.database_url()}});
  EventStream stream(other.process().address(), kEvents, bearer(token_));
  ASSERT_EQ(stream.status(), 200) << stream.head();
  ASSERT_TRUE(stream.wait_for(": open", 5s));
  const int id = new_draft("Elsewhere Labs");  // through the first instance
  EXPECT_TRUE(stream.wait_for("data: {\"id\":" + std::to_string(id) + ",", 3s)) << stream.received();
}

TEST_F(EventsTest, AUserHoldsAtMostEightStreamsAndOthersStillListen) {
  std::vector<std::unique_ptr<EventStream>> open;
  for (int i = 0; i < 8; ++i) {
    open.push_back(std::make_unique<EventStream>(address(), kEvents, bearer(token_)));
    ASSERT_EQ(open.back()->status(), 200) << i;
  }
  EventStream ninth(address(), kEvents, bearer(token_));
  EXPECT_EQ(ninth.status(), 429) << ninth.head();
  EXPECT_NE(ninth.head().find("Retry-After:"), std::string::npos) << ninth.head();
  EXPECT_NE(ninth.received().find("rate_limited"), std::string::npos) << ninth.received();

  const auto password = service_.add_user("mia@example.com", "Mia Member", "member");
  HttpClient mia(service_.base_url());
  ASSERT_EQ(mia.login("mia@example.com", password).status, 200);
  EventStream hers(address(), kEvents, bearer(token_of(mia)));
  EXPECT_EQ(hers.status(), 200) << hers.head();

  // The eight streams still hear every change.
  const int id = new_draft("Crowded Systems");
  for (auto& stream : open) EXPECT_TRUE(stream->wait_for("{\"id\":" + std::to_string(id) + ",", 3s));
}

// A stream is known to be gone when a write to it fails (a change, or the keep-alive): its slot
// is then free again, so that reloading a page never locks its user out.
TEST_F(EventsTest, AStreamTheClientLeftFreesItsSlot) {
  {
    std::vector<std::unique_ptr<EventStream>> open;
    for (int i = 0; i < 8; ++i) {
      open.push_back(std::make_unique<EventStream>(address(), kEvents, bearer(token_)));
      ASSERT_EQ(open.back()->status(), 200) << i;
    }
    ASSERT_EQ(EventStream(address(), kEvents, bearer(token_)).status(), 429);
  }  // the eight leave
  int status = 0;
  for (int change = 0; change < 12 && status != 200; ++change) {
    new_draft("Reloading Ltd " + std::to_string(change));
    std::this_thread::sleep_for(400ms);
    EventStream again(address(), kEvents, bearer(token_));
    status = again.status();
  }
  EXPECT_EQ(status, 200);
}

TEST_F(EventsTest, StoppingTheServiceIsNotHeldUpByOpenStreams) {
  EventStream stream(address(), kEvents, bearer(token_));
  ASSERT_EQ(stream.status(), 200);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(service_.process().stop(), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
  EXPECT_TRUE(stream.wait_closed(2s));
}

}  // namespace
}  // namespace poblysh::testing
