#include "notify/outbox_worker.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <fstream>
#include <set>
#include <thread>

#include "iso_time.hpp"
#include "migrated_store.hpp"
#include "mime_reader.hpp"
#include "notify/notifier.hpp"
#include "notify/smtp_mailer.hpp"
#include "sample_notice.hpp"
#include "smtp_sink.hpp"

namespace poblysh::notify {
namespace {

using namespace std::chrono_literals;
using namespace poblysh::notify::testing;

std::shared_ptr<spdlog::logger> quiet_log() {
  return std::make_shared<spdlog::logger>("outbox-test", std::make_shared<spdlog::sinks::null_sink_mt>());
}

// Passes every message on to a real mailer and keeps a copy of what it was asked to send.
class RecordingMailer final : public Mailer {
 public:
  explicit RecordingMailer(Mailer& next) : next_(next) {}
  Status send(const OutgoingMessage& message) override {
    sent_.push_back(message.data);
    return next_.send(message);
  }
  const std::vector<std::string>& sent() const { return sent_; }

 private:
  Mailer& next_;
  std::vector<std::string> sent_;
};

// An outbox over a fresh database of the test store, a Notifier that fills it and a sink to deliver to.
class OutboxWorkerTest : public poblysh::testing::MigratedStoreTest {
 protected:
  OutboxWorkerTest() : MigratedStoreTest(poblysh::testing::at("2026-03-01T10:00:00Z")) {}
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MigratedStoreTest::SetUp());
    std::ofstream(marker_) << "refuse";
  }

  SmtpMailer mailer_for(const SmtpSink& sink) {
    SmtpOptions options;
    options.envelope_from = "bounces@poblysh.example";
    options.total_timeout = 10s;
    return SmtpMailer(*parse_smtp_url("smtp://127.0.0.1:" + std::to_string(sink.port())), options);
  }

  std::int64_t enqueue(Notifier& notifier, const std::string& recipient,
                       const std::string& key = "booking-1:rescheduled") {
    auto queued = store::transact(
        db_, [&](store::Connection& c) { return notifier.enqueue(c, sample_notice(recipient), 7, key); });
    EXPECT_TRUE(queued) << (queued ? "" : queued.error().internal);
    return queued ? queued->id : 0;
  }

  store::OutboxStatus status(std::int64_t id) {
    auto found = store::read_with(db_, [&](store::Connection& c) { return outbox_.find(c, id); });
    return found && *found ? (*found)->status : store::OutboxStatus::sending;
  }

  // A pass of `worker` that sends the message `id`, which `sink` then holds, alone.
  void expect_sends(OutboxWorker& worker, std::int64_t id, const SmtpSink& sink) {
    auto pass = worker.run_once();
    ASSERT_TRUE(pass);
    EXPECT_EQ(pass->sent, 1);
    EXPECT_EQ(status(id), store::OutboxStatus::sent);
    EXPECT_EQ(sink.wait_for(1).size(), 1u);
  }

  OutboxWorkerOptions options(int max_attempts = 8) {
    OutboxWorkerOptions o;
    o.poll_interval = 30s;
    o.claim = {1min, 10, max_attempts};
    o.retry = {30s, 10min, 0.2};
    return o;
  }

  std::filesystem::path marker_ = dir_.path() / "refuse";
  store::OutboxRepo outbox_;
  Notifier notifier_{outbox_, clock_, {kSender, false}};
};

TEST_F(OutboxWorkerTest, RelayDownThenUpDeliversEveryMessageExactlyOnce) {
  SmtpSink sink({.refuse_while = marker_});
  auto mailer = mailer_for(sink);
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(), quiet_log());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(enqueue(notifier_, "founder" + std::to_string(i) + "@acme.example"));
  EXPECT_EQ(enqueue(notifier_, "founder0@acme.example"), ids[0]);  // a repeated notice is not queued again

  auto down = worker.run_once();
  ASSERT_TRUE(down);
  EXPECT_EQ(down->retrying, 4);
  EXPECT_EQ(down->sent, 0);
  for (auto id : ids) EXPECT_EQ(status(id), store::OutboxStatus::pending);
  auto early = worker.run_once();  // nothing is due before the backoff ends
  ASSERT_TRUE(early);
  EXPECT_EQ(early->retrying + early->sent, 0);

  std::filesystem::remove(marker_);
  clock_.advance(31s);
  auto up = worker.run_once();
  ASSERT_TRUE(up);
  EXPECT_EQ(up->sent, 4);
  auto after = worker.run_once();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->sent, 0);

  const auto received = sink.wait_for(4);
  ASSERT_EQ(received.size(), 4u);
  std::set<std::string> recipients;
  for (const auto& message : received) {
    ASSERT_EQ(message.recipients.size(), 1u);
    recipients.insert(message.recipients[0]);
    EXPECT_EQ(decode_header(parse_mime(message.data).header("To")), "Ana Founder <" + message.recipients[0] + ">");
  }
  EXPECT_EQ(recipients.size(), 4u);
  for (auto id : ids) EXPECT_EQ(status(id), store::OutboxStatus::sent);
}

TEST_F(OutboxWorkerTest, DeadAfterTheLastAttemptThenResendDelivers) {
  SmtpSink sink({.refuse_while = marker_});
  auto mailer = mailer_for(sink);
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(3), quiet_log());
  const auto id = enqueue(notifier_, "ana@acme.example");
  for (int attempt = 1; attempt <= 3; ++attempt) {
    auto pass = worker.run_once();
    ASSERT_TRUE(pass);
    EXPECT_EQ(attempt < 3 ? pass->retrying : pass->dead, 1) << "attempt " << attempt;
    clock_.advance(10min);  // the cap: every retry is due
  }
  EXPECT_EQ(status(id), store::OutboxStatus::dead);
  auto none = worker.run_once();
  ASSERT_TRUE(none);
  EXPECT_EQ(none->sent + none->retrying + none->dead, 0);

  std::filesystem::remove(marker_);
  ASSERT_TRUE(store::transact(db_, [&](store::Connection& c) { return outbox_.resend(c, id, clock_.now()); }));
  expect_sends(worker, id, sink);
}

// The email is composed when it is sent, from the row alone: a retry (or a takeover after a
// lost lease) sends the very same bytes, Message-ID included, so mail clients see one message.
TEST_F(OutboxWorkerTest, ARetryIsTheSameMessage) {
  SmtpSink sink({.refuse_while = marker_});
  auto smtp = mailer_for(sink);
  RecordingMailer mailer(smtp);
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(), quiet_log());
  const auto queued_at = clock_.now();
  const auto id = enqueue(notifier_, "ana@acme.example");
  clock_.advance(5min);  // composed later than queued: the Date is still the time of the change
  auto refused = worker.run_once();
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->retrying, 1);
  std::filesystem::remove(marker_);
  clock_.advance(11min);
  auto sent = worker.run_once();
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->sent, 1);
  EXPECT_EQ(status(id), store::OutboxStatus::sent);
  ASSERT_EQ(mailer.sent().size(), 2u);
  EXPECT_EQ(mailer.sent()[0], mailer.sent()[1]);
  const auto received = sink.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  const auto message = parse_mime(received[0].data);
  EXPECT_EQ(message.header("Date"), rfc5322_date(queued_at));
  EXPECT_TRUE(message.header("Message-ID").starts_with("<" + std::to_string(id) + ".")) << message.header("Message-ID");
  auto listed = store::read_with(db_, [&](store::Connection& c) { return outbox_.find(c, id); });
  ASSERT_TRUE(listed && *listed);
  EXPECT_EQ(decode_header(message.header("Subject")), (*listed)->subject);  // what admins saw in the list
}

// Rows queued before notices were stored (by an older version) are sent as they were composed;
// a notice that cannot be composed is dead at once rather than retried.
TEST_F(OutboxWorkerTest, OldComposedRowsAreSentAsTheyAreAndBrokenNoticesDie) {
  std::filesystem::remove(marker_);
  SmtpSink sink;
  auto mailer = mailer_for(sink);
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(), quiet_log());
  const std::string body =
      "From: a@poblysh.example\r\nTo: ana@acme.example\r\nSubject: old\r\n\r\nComposed at enqueue.\r\n";
  auto insert = [&](const char* key, const store::Value& body_text, const store::Value& notice) {
    auto id = store::transact(db_, [&](store::Connection& c) -> Result<std::int64_t> {
      auto rows = c.query(
          "INSERT INTO email_outbox (interview_id, kind, recipient, subject, body, notice, status, attempts, "
          "next_attempt_at, last_error, created_at, dedupe_key) "
          "VALUES (7, 'created', 'ana@acme.example', 'old', ?, ?, 'pending', 0, 0, '', 0, ?) RETURNING id",
          {body_text, notice, std::string(key)});
      if (!rows) return tl::unexpected(rows.error());
      return rows->front().integer(0);
    });
    EXPECT_TRUE(id);
    return id.value_or(0);
  };
  const auto old = insert("old", body, std::monostate{});
  const auto broken = insert("broken", std::string(), std::string(R"({"v":1,"kind":"created"})"));
  auto pass = worker.run_once();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->sent, 1);
  EXPECT_EQ(pass->dead, 1);
  EXPECT_EQ(status(old), store::OutboxStatus::sent);
  EXPECT_EQ(status(broken), store::OutboxStatus::dead);
  const auto received = sink.wait_for(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_NE(received[0].data.find("Composed at enqueue."), std::string::npos);
}

TEST_F(OutboxWorkerTest, PermanentRefusalIsDeadAtOnce) {
  SmtpSink sink({.refuse_while = marker_, .refuse_code = 550, .refuse_at = "rcpt"});
  auto mailer = mailer_for(sink);
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(), quiet_log());
  const auto id = enqueue(notifier_, "gone@acme.example");
  auto pass = worker.run_once();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->dead, 1);
  EXPECT_EQ(status(id), store::OutboxStatus::dead);
}

TEST_F(OutboxWorkerTest, AMessageLeftBySendingWorkerThatDiedIsSentAfterTheLease) {
  std::filesystem::remove(marker_);
  SmtpSink sink;
  auto mailer = mailer_for(sink);
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(), quiet_log());
  const auto id = enqueue(notifier_, "ana@acme.example");
  // Another worker claims the message and dies before sending it.
  ASSERT_TRUE(store::transact(db_, [&](store::Connection& c) {
    return outbox_.claim_due(c, clock_.now(), {1min, 10, 8});
  }));
  auto leased = worker.run_once();
  ASSERT_TRUE(leased);
  EXPECT_EQ(leased->sent, 0);
  clock_.advance(61s);
  expect_sends(worker, id, sink);  // taken over once the lease ends
}

TEST_F(OutboxWorkerTest, HeldMessagesAreNotSent) {
  std::filesystem::remove(marker_);
  SmtpSink sink;
  auto mailer = mailer_for(sink);
  Notifier holding(outbox_, clock_, {kSender, true});
  OutboxWorker worker(db_, outbox_, mailer, clock_, options(), quiet_log());
  const auto id = enqueue(holding, "ana@acme.example");
  EXPECT_EQ(status(id), store::OutboxStatus::held);
  auto pass = worker.run_once();
  ASSERT_TRUE(pass);
  EXPECT_EQ(pass->sent, 0);
  EXPECT_TRUE(sink.messages().empty());
}

// The thread: wake() sends at once although the poll interval is long, retries come on their
// own schedule, and stop() does not wait for the interval.
TEST_F(OutboxWorkerTest, BackgroundThreadWakesRetriesAndStops) {
  SmtpSink sink({.refuse_while = marker_});
  auto mailer = mailer_for(sink);
  SystemClock real_clock;
  Notifier notifier(outbox_, real_clock, {kSender, false});
  auto fast = options();
  fast.retry = {50ms, 200ms, 0.2};
  OutboxWorker worker(db_, outbox_, mailer, real_clock, fast, quiet_log());
  worker.start();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(enqueue(notifier, "founder" + std::to_string(i) + "@acme.example"));
  worker.wake();
  std::this_thread::sleep_for(300ms);
  EXPECT_TRUE(sink.messages().empty());
  std::filesystem::remove(marker_);
  EXPECT_EQ(sink.wait_for(3, 5s).size(), 3u);

  const auto later = enqueue(notifier, "late@acme.example", "booking-2:created");
  worker.wake();
  EXPECT_EQ(sink.wait_for(4, 5s).size(), 4u);

  const auto stopping = std::chrono::steady_clock::now();
  worker.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 5s);
  for (auto id : ids) EXPECT_EQ(status(id), store::OutboxStatus::sent);
  EXPECT_EQ(status(later), store::OutboxStatus::sent);
  EXPECT_EQ(sink.messages().size(), 4u);
}

}  // namespace
}  // namespace poblysh::notify
