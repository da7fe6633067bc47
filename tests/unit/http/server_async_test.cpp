// Async routes of http::Server: a handler answers later, from another thread, without holding
// one of the server's threads; every request gets exactly one answer, even when a handler loses
// its responder, and stopping the server lets answers on their way be written.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "http/server.hpp"
#include "http_client.hpp"

namespace poblysh::http {
namespace {

using namespace std::chrono_literals;
using testing::HttpClient;
using testing::HttpResponse;

struct Parked {
  std::mutex mutex;
  std::vector<std::pair<Request*, Responder>> waiting;

  std::size_t count() {
    std::lock_guard lock(mutex);
    return waiting.size();
  }
};

// Handlers that block until the releasing handler has seen `expected` of them waiting: with one
// HTTP thread, the release can only be answered if the waiting ones hold no HTTP thread.
struct Gate {
  explicit Gate(int count) : expected(count) {}
  Handler waiter() {
    return [this](Request& request) {
      std::unique_lock lock(mutex);
      ++waiting;
      changed.notify_all();
      changed.wait_for(lock, std::chrono::seconds(10), [this] { return released; });
      return Response::text(released ? 200 : 504, request.path);
    };
  }
  Handler releaser() {
    return [this](Request&) {
      std::lock_guard lock(mutex);
      released = waiting == expected;
      changed.notify_all();
      return Response::text(200, released ? "released" : "not yet");
    };
  }
  bool all_waiting() {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(10), [this] { return waiting == expected; });
  }

  const int expected;
  std::mutex mutex;
  std::condition_variable changed;
  int waiting = 0;
  bool released = false;
};

class ServerAsyncTest : public ::testing::Test {
 protected:
  void start(std::vector<Route> routes, std::size_t threads = 1, std::size_t workers = 2, bool reads_inline = true) {
    ServerOptions options;
    options.port = 0;
    options.threads = threads;
    options.worker_threads = workers;
    options.reads_inline = reads_inline;
    options.on_complete = [this](const Request& request, const Response& response, std::chrono::microseconds) {
      std::lock_guard lock(logged_mutex_);
      logged_.emplace_back(request.path, response.status);
    };
    server_ = std::make_unique<Server>(std::move(options), std::move(routes));
    server_->start();
    base_url_ = "http://127.0.0.1:" + std::to_string(server_->bound_port());
  }
  std::vector<std::pair<std::string, int>> logged() {
    std::lock_guard lock(logged_mutex_);
    return logged_;
  }
  // Sends `first` and `second` at once; both handlers wait at `gate` together, and the GET
  // /release that lets them go is answered meanwhile (with one HTTP thread: only if neither
  // holds it). Then both answer 200.
  void expect_both_wait_while_one_thread_answers(Gate& gate, const std::function<HttpResponse(HttpClient&)>& first,
                                                 const std::function<HttpResponse(HttpClient&)>& second) {
    std::thread one([&] {
      HttpClient client(base_url_);
      EXPECT_EQ(first(client).status, 200);
    });
    std::thread two([&] {
      HttpClient client(base_url_);
      EXPECT_EQ(second(client).status, 200);
    });
    EXPECT_TRUE(gate.all_waiting()) << "the handlers never ran";  // the joins below still end
    EXPECT_EQ(HttpClient(base_url_).get("/release").body, "released");
    one.join();
    two.join();
  }
  static void wait_until(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!condition() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
  }

  std::unique_ptr<Server> server_;
  std::string base_url_;
  std::mutex logged_mutex_;
  std::vector<std::pair<std::string, int>> logged_;
};

TEST_F(ServerAsyncTest, AWaitingAsyncRouteHoldsNoThreadAndAnswersEachRequestWithItsOwnRequest) {
  Parked parked;
  start({{Method::post,
          "/later",
          {},
          [&parked](Request& request, Responder responder) {
            std::lock_guard lock(parked.mutex);
            parked.waiting.emplace_back(&request, std::move(responder));
          }},
         {Method::get, "/release", [&parked](Request&) {
            std::vector<std::pair<Request*, Responder>> waiting;
            {
              std::lock_guard lock(parked.mutex);
              waiting.swap(parked.waiting);
            }
            // Answered from a thread that is not the server's, as a database's writer would.
            std::thread([waiting] {
              for (const auto& [request, responder] : waiting)
                responder.send(Response::text(200, "later:" + request->body));
            }).detach();
            return Response::text(200, std::to_string(waiting.size()));
          }}});
  constexpr int kWaiting = 3;
  std::vector<HttpResponse> answers(kWaiting);
  std::vector<std::thread> clients;
  for (int i = 0; i < kWaiting; ++i) {
    clients.emplace_back([&, i] {
      HttpClient client(base_url_);
      answers[static_cast<std::size_t>(i)] = client.send("POST", "/later", "body-" + std::to_string(i), {});
    });
  }
  wait_until([&] { return parked.count() == kWaiting; });
  ASSERT_EQ(parked.count(), static_cast<std::size_t>(kWaiting));
  // The server has one thread: it can answer this only if the three above do not hold it.
  HttpClient releaser(base_url_);
  auto released = releaser.get("/release");
  for (auto& client : clients) client.join();
  EXPECT_EQ(released.body, "3");
  for (int i = 0; i < kWaiting; ++i) {
    const auto& answer = answers[static_cast<std::size_t>(i)];
    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body, "later:body-" + std::to_string(i));
    EXPECT_TRUE(answer.header("x-request-id").has_value());
  }
  server_->stop();
  int later_logged = 0;
  for (const auto& [path, status] : logged()) later_logged += path == "/later" && status == 200;
  EXPECT_EQ(later_logged, kWaiting);
}

// One HTTP thread: a write (any method but GET) and a GET marked `waits` run on the workers, so
// while both wait the HTTP thread still answers a GET, which is what lets them go.
TEST_F(ServerAsyncTest, HandlersThatMayWaitRunOnWorkersAndHoldNoHttpThread) {
  Gate gate(2);
  Route slow_read{Method::get, "/calcom", gate.waiter()};
  slow_read.waits = true;
  start({{Method::post, "/write", gate.waiter()}, slow_read, {Method::get, "/release", gate.releaser()}});
  expect_both_wait_while_one_thread_answers(
      gate, [](HttpClient& writer) { return writer.post("/write", nlohmann::json::object()); },
      [](HttpClient& reader) { return reader.get("/calcom"); });
}

// Reads not inline (a database across the network): two plain GETs wait at once while the one
// HTTP thread answers the third.
TEST_F(ServerAsyncTest, WithReadsNotInlineEveryHandlerRunsOnTheWorkers) {
  Gate gate(2);
  start({{Method::get, "/first", gate.waiter()},
         {Method::get, "/second", gate.waiter()},
         {Method::get, "/release", gate.releaser()}},
        1, 3, false);
  expect_both_wait_while_one_thread_answers(
      gate, [](HttpClient& client) { return client.get("/first"); },
      [](HttpClient& client) { return client.get("/second"); });
}

TEST_F(ServerAsyncTest, AHandlerThatLosesItsResponderOrThrowsStillAnswers500) {
  start({{Method::post, "/dropped", {}, [](Request&, Responder) {}},
         {Method::post, "/throws", {}, [](Request&, Responder) { throw std::runtime_error("a bug"); }},
         {Method::post, "/twice", {}, [](Request&, Responder responder) {
            responder.send(Response::text(201, "first"));
            responder.send(Response::text(200, "second"));
          }}});
  HttpClient client(base_url_);
  for (const char* path : {"/dropped", "/throws"}) {
    auto answer = client.send("POST", path, "", {});
    EXPECT_EQ(answer.status, 500) << path;
    EXPECT_EQ(answer.json()["error"]["code"], "internal") << path;
  }
  auto twice = client.send("POST", "/twice", "", {});
  EXPECT_EQ(twice.status, 201);
  EXPECT_EQ(twice.body, "first");
}

TEST_F(ServerAsyncTest, StoppingLetsAnAnswerOnItsWayBeWritten) {
  std::atomic<bool> called{false};
  start({{Method::post, "/slow", {}, [&called](Request&, Responder responder) {
            called = true;
            std::thread([responder] {
              std::this_thread::sleep_for(200ms);
              // The rest of the work hops back to a server thread, as after a commit.
              responder.post([responder] { responder.send(Response::text(200, "done")); });
            }).detach();
          }}});
  HttpResponse answer;
  std::thread client([&] { answer = HttpClient(base_url_).send("POST", "/slow", "", {}); });
  wait_until([&] { return called.load(); });
  server_->stop();
  client.join();
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, "done");
}

TEST_F(ServerAsyncTest, OversizedOrMalformedRequestsAreRefusedBeforeAnAsyncHandlerRuns) {
  std::atomic<int> calls{0};
  start({{Method::post, "/later", {}, [&calls](Request&, Responder responder) {
            ++calls;
            responder.send(Response::no_content());
          }}});
  HttpClient client(base_url_);
  EXPECT_EQ(client.send("POST", "/later", std::string(2 * 1024 * 1024, 'x'), {}).status, 413);
  EXPECT_EQ(client.send("POST", "/later?a=%zz", "", {}).status, 400);
  EXPECT_EQ(client.send("POST", "/later", "", {}).status, 204);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace poblysh::http
