#include "ingest_fault_fixture.hpp"

#include <sqlite3.h>

#include <iostream>
#include <stdexcept>

namespace poblysh::testing {
namespace {

// Runs `sql` on a connection of the test's own (another process, as far as the service goes).
template <class OnRow>
void each_row(const std::string& path, const std::string& sql, OnRow on_row) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(message + " in " + sql);
  }
  while (sqlite3_step(statement) == SQLITE_ROW) on_row(statement);
  sqlite3_finalize(statement);
  sqlite3_close(db);
}

std::string text(sqlite3_stmt* statement, int column) {
  const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return value ? std::string(value, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))) : std::string();
}

}  // namespace

void IngestFaultTest::prepare(int interviews) {
  db_path_ = (dir_.path() / "poblysh.db").string();
  auto [code, output] = run_command({service_binary(), "migrate"}, {{"POBLYSH_DATABASE_URL", "sqlite://" + db_path_}});
  ASSERT_EQ(code, 0) << output;
  webhook_traffic::seed_interviews(db_path_, interviews);
  deliveries_ = webhook_traffic::make_deliveries(interviews, kFaultSecret);
}

void IngestFaultTest::start(const std::string& shell_prefix, const Env& extra_env) {
  Env env{{"POBLYSH_DATABASE_URL", "sqlite://" + db_path_},
          {"POBLYSH_HTTP_ADDRESS", "127.0.0.1:0"},
          {"POBLYSH_CALCOM_WEBHOOK_SECRET", kFaultSecret},
          {"POBLYSH_CALCOM_SYNC_SECONDS", "0"},
          {"POBLYSH_STATIC_DIR", (dir_.path() / "static").string()},
          {"POBLYSH_LOG_LEVEL", "warning"}};
  for (const auto& [key, value] : extra_env) env[key] = value;
  if (shell_prefix.empty()) {
    service_ = std::make_unique<Process>(service_binary(), std::vector<std::string>{"serve"}, env, dir_.path(),
                                         "POBLYSH_READY_FILE");
  } else {
    service_ = std::make_unique<Process>("/bin/sh", std::vector<std::string>{"-c", shell_prefix + "; exec \"$0\" serve",
                                                                             service_binary()},
                                         env, dir_.path(), "POBLYSH_READY_FILE");
  }
}

void IngestFaultTest::kill_service() {
  if (service_) service_->kill_hard();
}

void IngestFaultTest::stop_service() {
  if (service_) service_->stop();
}

void IngestFaultTest::TearDown() {
  if (HasFailure() && service_) std::cerr << "--- service log ---\n" << service_->stderr_text() << "\n";
  service_.reset();
}

std::vector<webhook_traffic::Sent> IngestFaultTest::send(const std::vector<std::size_t>& which, int connections) {
  return webhook_traffic::send_all(url(), deliveries_, which, connections);
}

std::map<int, InterviewState> IngestFaultTest::interviews() const {
  std::map<int, InterviewState> out;
  each_row(db_path_, "SELECT id, status, calcom_booking_uid FROM interviews", [&](sqlite3_stmt* row) {
    auto& state = out[sqlite3_column_int(row, 0)];
    state.status = text(row, 1);
    state.booking_uid = text(row, 2);
  });
  each_row(db_path_, "SELECT interview_id, count(*) FROM webhook_deliveries WHERE outcome = 'applied' GROUP BY interview_id",
           [&](sqlite3_stmt* row) { out[sqlite3_column_int(row, 0)].applied_deliveries = sqlite3_column_int(row, 1); });
  each_row(db_path_, "SELECT interview_id, count(*) FROM interview_events WHERE actor = 'cal.com' GROUP BY interview_id",
           [&](sqlite3_stmt* row) { out[sqlite3_column_int(row, 0)].cal_com_history = sqlite3_column_int(row, 1); });
  return out;
}

std::map<std::string, std::string> IngestFaultTest::recorded_outcomes() const {
  std::map<std::string, std::string> out;
  each_row(db_path_, "SELECT raw_body, outcome FROM webhook_deliveries ORDER BY id",
           [&](sqlite3_stmt* row) { out.emplace(text(row, 0), text(row, 1)); });
  return out;
}

std::int64_t IngestFaultTest::repeated_emails() const {
  return scalar("SELECT count(*) FROM (SELECT interview_id, kind, recipient FROM email_outbox "
                "GROUP BY interview_id, kind, recipient HAVING count(*) > 1)");
}

std::string IngestFaultTest::integrity() const {
  std::string result;
  each_row(db_path_, "PRAGMA integrity_check", [&](sqlite3_stmt* row) { result += text(row, 0); });
  return result;
}

std::int64_t IngestFaultTest::scalar(const std::string& sql) const {
  std::int64_t value = -1;
  each_row(db_path_, sql, [&](sqlite3_stmt* row) { value = sqlite3_column_int64(row, 0); });
  return value;
}

bool IngestFaultTest::has_effect(const InterviewState& state, const webhook_traffic::Delivery& delivery) {
  return state.status == webhook_traffic::status_after(delivery) &&
         state.booking_uid == webhook_traffic::booking_uid_after(delivery) && state.applied_deliveries == 1 &&
         state.cal_com_history == 1;
}

bool IngestFaultTest::untouched(const InterviewState& state, const webhook_traffic::Delivery& delivery) {
  return state.status == "scheduled" && state.booking_uid == "load-" + std::to_string(delivery.interview_id) &&
         state.applied_deliveries == 0 && state.cal_com_history == 0;
}

}  // namespace poblysh::testing
