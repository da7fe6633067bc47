// GET /api/v1/events holds a connection for as long as the client keeps it: nobody unsigned
// opens one, whatever they send; one user cannot hold more than eight, nor everyone together
// more than a quarter of http.max_connections; and the service still answers requests then.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <vector>

#include "event_stream.hpp"
#include "http_client.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kEvents = "/api/v1/events";

std::string token_for(HttpClient& client) {
  const auto created = client.post("/api/v1/api-tokens", {{"name", "stream flood"}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.json().value("token", "");
}

std::map<std::string, std::string> bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

class EventStreamAttack : public ::testing::Test {
 protected:
  // 24 connections: streams may hold 6 of them in all, fewer than one user's 8.
  EventStreamAttack() : service_(Env{{"POBLYSH_HTTP_MAX_CONNECTIONS", "24"}}) {
    password_ = service_.add_user("mia@example.com", "Mia Member", "member");
  }

  std::string token_of(const std::string& email, const std::string& password) {
    HttpClient client(service_.base_url());
    EXPECT_EQ(client.login(email, password).status, 200);
    return token_for(client);
  }
  std::string address() const { return service_.process().address(); }

  Service service_;
  std::string password_;
};

TEST_F(EventStreamAttack, NobodyUnsignedOpensAStreamWhateverTheySend) {
  const std::vector<std::map<std::string, std::string>> attempts{
      {},
      {{"Authorization", "Bearer "}},
      {{"Authorization", "Bearer " + std::string(12000, 'A')}},
      {{"Authorization",
        "Bearer tok\x01\x7f"
        "en"}},
      {{"Authorization", "Basic YWRtaW46YWRtaW4="}},
      {{"Cookie", "poblysh_session=" + std::string(12000, 'x')}},
      {{"Cookie", "poblysh_session=\x01\x02; poblysh_session=also-wrong"}},
      {{"Last-Event-ID", std::string(8000, '9')}},
  };
  for (const auto& headers : attempts) {
    EventStream stream(address(), kEvents, headers);
    const int status = stream.status();
    SCOPED_TRACE(stream.head());
    EXPECT_TRUE(status == 401 || status == 400 || status == 413 || status == 431 || status == 0) << status;
    // No status line: the HTTP parser refused a control character and closed the connection.
    if (status == 0) {
      EXPECT_TRUE(stream.wait_closed(2s));
    }
    EXPECT_EQ(stream.received().find("event:"), std::string::npos);
  }
  EXPECT_EQ(HttpClient(service_.base_url()).get("/healthz").status, 200);
}

TEST_F(EventStreamAttack, OddQueriesAndHeadersFromASignedInCallerAreIgnored) {
  const std::string token = token_of("admin@example.com", "correct-horse-battery");
  for (const std::string& path :
       {std::string(kEvents) + "?interview=" + std::string(8000, '9'),
        std::string(kEvents) + "?interview=-1&interview=%00%ff", std::string(kEvents) + "?x=%zz"}) {
    auto headers = bearer(token);
    headers["Last-Event-ID"] = "\x01" + std::string(4000, '7');
    EventStream stream(address(), path, headers);
    EXPECT_TRUE(stream.status() == 200 || stream.status() == 400) << path.substr(0, 60) << "\n" << stream.head();
  }
}

TEST_F(EventStreamAttack, OneUserFloodingGetsItsShareAndNoMore) {
  const std::string token = token_of("mia@example.com", password_);
  // Forty at once: the slots are counted before a stream opens, so a race wins none extra.
  // A refused one lets its connection go at once, as a browser does.
  std::vector<std::future<std::pair<int, std::unique_ptr<EventStream>>>> opening;
  for (int i = 0; i < 40; ++i) {
    opening.push_back(std::async(std::launch::async, [&] {
      auto stream = std::make_unique<EventStream>(address(), kEvents, bearer(token));
      const int status = stream->status();
      if (status != 200) stream.reset();
      return std::make_pair(status, std::move(stream));
    }));
  }
  std::vector<std::unique_ptr<EventStream>> streams;
  int opened = 0, refused = 0;
  for (auto& future : opening) {
    auto [status, stream] = future.get();
    if (status == 200) ++opened;
    if (status == 429) ++refused;
    if (stream) streams.push_back(std::move(stream));
  }
  EXPECT_EQ(opened, 6);  // the overall bound (24 / 4), below the user's 8
  EXPECT_EQ(refused, 34);

  // Everyone else is refused a stream too, but the service serves requests.
  const std::string admin = token_of("admin@example.com", "correct-horse-battery");
  EXPECT_EQ(EventStream(address(), kEvents, bearer(admin)).status(), 429);
  HttpClient client(service_.base_url());
  client.set_bearer(admin);
  EXPECT_EQ(client.get("/api/v1/interviews").status, 200);
  EXPECT_EQ(client.get("/healthz").status, 200);
}

TEST(EventStreamLimits, AUserHoldsAtMostEightStreams) {
  Service service;  // the default 512 connections: 128 streams in all
  HttpClient admin(service.base_url());
  ASSERT_EQ(admin.login("admin@example.com", "correct-horse-battery").status, 200);
  const std::string token = token_for(admin);
  std::vector<std::unique_ptr<EventStream>> streams;
  for (int i = 0; i < 8; ++i) {
    streams.push_back(std::make_unique<EventStream>(service.process().address(), kEvents, bearer(token)));
    EXPECT_EQ(streams.back()->status(), 200) << i;
  }
  EXPECT_EQ(EventStream(service.process().address(), kEvents, bearer(token)).status(), 429);
  // A HEAD opens nothing and so holds no slot.
  EXPECT_EQ(admin.send("HEAD", kEvents, "", {}).status, 200);
}

}  // namespace
}  // namespace poblysh::testing
