// Many wizard confirms at once, each clicked twice, while Cal.com answers 5xx,
// bursts of 429 and hangs past our client's timeout. Every interview must end
// booked exactly once, and every person who clicked must have been told
// something clear.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <latch>
#include <map>
#include <thread>

#include "workflow_fixture.hpp"

using namespace poblysh::testing;
using nlohmann::json;

namespace {

constexpr int kInterviews = 6;
constexpr int kClicksPerInterview = 2;
// Longer than the client's 15 s per-attempt timeout: the request is abandoned
// by us, but the simulator still books when it wakes up, as a slow Cal.com
// would.
constexpr int kHangMs = 17000;

struct Click {
  int interview = 0;
  long status = 0;
  std::string interview_status;
  std::string message;
};

// What a refused click may answer here, and why: 409, it waited for another click's claim longer
// than the confirm waits; 429, Cal.com's throttling outlasted the retries; 502, Cal.com answered
// with an error; 503, Cal.com did not answer or the outcome stayed unknown. Never 500 (our bug)
// and never a gateway status of Cal.com's passed on.
bool is_explained_refusal(long status) { return status == 409 || status == 429 || status == 502 || status == 503; }

int history_count(const nlohmann::json& interview, const std::string& action) {
  int count = 0;
  for (const auto& entry : interview["history"]) count += entry["action"] == action;
  return count;
}

bool reads_like_internals(const std::string& message) {
  for (const char* leak : {"cal_test_", "curl", "127.0.0.1", "exception", "Exception", "HTTP/", "stack", "sqlite"}) {
    if (message.find(leak) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

class ConfirmFaultTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    // Like Cal.com: 429 answers say when to come back (here within 2 s, to keep
    // the test short).
    sim_->admin_post("/_sim/rate-limit", {{"retryAfter", true}, {"windowSeconds", 2}});
  }

  // What a user does once Cal.com is well again and no other click is in flight: click again.
  // It books at once, whatever the faults left behind — a booking Cal.com made while we never
  // learned of it included (the confirm looks it up before booking again).
  void confirm_again(int id) {
    if (status_of(id) != "draft") return;
    auto retried = api_->post(path(id, "confirm"), json::object());
    EXPECT_EQ(retried.status, 200) << "interview " << id << ": " << retried.body;
  }

  // Steps 1–3 for one draft, booked at the n-th common slot so no two
  // interviews compete.
  int draft_at_slot(std::size_t n) {
    const int id = create_draft();
    auto team = api_->send("PUT", path(id, "team"), json{{"primary_team_member_id", alice_}}.dump(), {});
    EXPECT_EQ(team.status, 200) << team.body;
    const auto options = api_->get(path(id, "booking-options")).json();
    json slots;
    for (const auto& type : options["event_types"]) {
      if (type["id"] == 1001) slots = type["slots"];
    }
    EXPECT_GT(slots.size(), n);
    auto booking = api_->send("PUT", path(id, "booking"),
                              json{{"event_type_id", 1001}, {"start_time", slots[n]["start"]}}.dump(), {});
    EXPECT_EQ(booking.status, 200) << booking.body;
    return id;
  }

  std::string status_of(int id) { return api_->get(path(id)).json()["status"].get<std::string>(); }
};

TEST_F(ConfirmFaultTest, ConcurrentConfirmsUnderErrorsThrottlingAndHangsBookEachInterviewOnce) {
  std::vector<int> ids;
  for (int i = 0; i < kInterviews; ++i) ids.push_back(draft_at_slot(static_cast<std::size_t>(i) * 3));

  // One client per click, each signed in like a separate tab.
  std::vector<std::unique_ptr<HttpClient>> tabs;
  for (int i = 0; i < kInterviews * kClicksPerInterview; ++i) {
    tabs.push_back(std::make_unique<HttpClient>(service_->base_url()));
    ASSERT_EQ(tabs.back()->login("admin@example.com", "correct-horse-battery").status, 200);
  }

  // Hangs are served first, then a 429 burst, then 5xx; the list look-ups hit
  // them too.
  sim_->admin_post(
      "/_sim/faults",
      {{"pathPrefix", "/v2/bookings"}, {"hangCount", 2}, {"hangMs", kHangMs}, {"throttleCount", 5}, {"errorCount", 6}});
  const auto started = std::chrono::steady_clock::now();
  std::vector<Click> clicks(tabs.size());
  std::latch go(static_cast<std::ptrdiff_t>(tabs.size()));
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < tabs.size(); ++t) {
    threads.emplace_back([&, t] {
      Click& click = clicks[t];
      click.interview = ids[t % ids.size()];
      go.arrive_and_wait();
      auto answer = tabs[t]->post(path(click.interview, "confirm"), json::object());
      click.status = answer.status;
      const auto body = answer.json();
      if (answer.status == 200)
        click.interview_status = body.value("status", "");
      else if (body.contains("error"))
        click.message = body["error"].value("message", "");
    });
  }
  for (auto& thread : threads) thread.join();

  int failed_clicks = 0;
  for (const auto& click : clicks) {
    if (click.status == 200) {
      EXPECT_TRUE(click.interview_status == "scheduled" || click.interview_status == "confirmed")
          << click.interview_status;
      continue;
    }
    ++failed_clicks;
    EXPECT_TRUE(is_explained_refusal(click.status)) << click.status;
    EXPECT_FALSE(click.message.empty()) << "interview " << click.interview << " answered " << click.status
                                        << " without a message";
    EXPECT_FALSE(reads_like_internals(click.message)) << click.message;
  }
  // Whether a user sees a fault or the client's retries absorb them all depends on timing (a
  // CI run once had all 12 clicks succeed), so what is checked is that every refusal above was
  // clear and, below, that the faults were served and nothing was booked twice. The refusal
  // itself is forced in ARateLimitBurstLongerThanTheRetryBudgetIsExplainedThenBooksOnce.
  std::map<long, int> by_status;
  for (const auto& click : clicks) ++by_status[click.status];
  std::cout << "clicks by answer (" << failed_clicks << " refused):";
  for (const auto& [status, count] : by_status) std::cout << " " << status << "x" << count;
  std::cout << "\n";
  // Every armed fault was served to someone (the hangs are consumed first, so
  // they did happen).
  const auto left = sim_->admin_get("/_sim/faults");
  EXPECT_EQ(left.value("hangCount", -1), 0) << left.dump();
  EXPECT_EQ(left.value("throttleCount", -1), 0) << left.dump();

  // Cal.com is well again. Wait until the hung requests have woken and done
  // whatever they do, then let each user whose interview is still a draft click again.
  sim_->admin_post("/_sim/faults", {{"hangCount", 0}, {"throttleCount", 0}, {"errorCount", 0}});
  std::this_thread::sleep_until(started + std::chrono::milliseconds(kHangMs + 1500));
  for (int id : ids) confirm_again(id);

  for (int id : ids) {
    const auto interview = api_->get(path(id)).json();
    const std::string status = interview["status"];
    EXPECT_TRUE(status == "scheduled" || status == "confirmed") << "interview " << id << " is " << status;
    const auto at_calcom = sim_bookings_for(id);
    int active = 0;
    for (const auto& booking : at_calcom) active += booking.value("status", "") != "cancelled";
    EXPECT_EQ(active, 1) << "interview " << id << " has " << at_calcom.size() << " bookings at Cal.com";
    ASSERT_FALSE(at_calcom.empty());
    EXPECT_EQ(interview["calcom_booking_uid"], at_calcom.front()["uid"]) << "interview " << id;
    // Whatever the timing, one click at a time talks to Cal.com for an interview (the claim), so
    // exactly one of them recorded the booking; two would mean two clicks booked side by side.
    EXPECT_EQ(history_count(interview, "scheduled"), 1) << "interview " << id << ": " << interview["history"].dump();
  }
}

TEST_F(ConfirmFaultTest, ARateLimitBurstLongerThanTheRetryBudgetIsExplainedThenBooksOnce) {
  int id = draft_at_slot(0);
  // More 429s than the client's retry budget: the first confirm must give up
  // with a clear message.
  sim_->admin_post("/_sim/faults", {{"pathPrefix", "/v2/bookings"}, {"throttleCount", 50}});
  auto refused = api_->post(path(id, "confirm"), json::object());
  ASSERT_EQ(refused.status, 429) << refused.body;
  const std::string message = refused.json()["error"].value("message", "");
  EXPECT_FALSE(message.empty());
  EXPECT_FALSE(reads_like_internals(message)) << message;
  EXPECT_EQ(status_of(id), "draft");

  EXPECT_TRUE(sim_bookings_for(id).empty());

  sim_->admin_post("/_sim/faults", {{"throttleCount", 0}});
  confirm_again(id);
  EXPECT_EQ(status_of(id), "scheduled");
  EXPECT_EQ(sim_bookings_for(id).size(), 1u);
}
