// calcom tests: a CurlClient wired to fakes, plus a log capture to check what reaches the log.
#pragma once

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <memory>
#include <sstream>

#include "calcom/curl_client.hpp"
#include "fakes.hpp"

namespace poblysh::calcom::testing {

inline constexpr const char* kTestKey = "cal_live_TOPSECRETKEYMATERIAL_0042";

inline ClientOptions test_options() {
  ClientOptions options;
  options.base_url = "https://cal.test/";
  options.api_key = kTestKey;
  options.max_attempts = 3;
  options.max_total_retry_time = std::chrono::seconds(20);
  options.backoff_base = std::chrono::milliseconds(250);
  options.backoff_cap = std::chrono::milliseconds(4000);
  return options;
}

// A logger whose messages (only the message, one per line) are kept in a string: what the
// client would hand to the service's JSON logger.
class LogCapture {
 public:
  LogCapture()
      : logger_(
            std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_))) {
    logger_->set_pattern("%v");
    logger_->set_level(spdlog::level::trace);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::shared_ptr<spdlog::logger> logger() const { return logger_; }
  std::string text() const { return stream_.str(); }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> logger_;
};

struct Harness {
  explicit Harness(FakeTransport::Handler handler, ClientOptions options = test_options(), double random = 0.5)
      : clock(std::make_shared<ManualClock>()),
        sleeper(std::make_shared<FakeSleeper>(*clock)),
        transport(std::make_shared<FakeTransport>(std::move(handler))),
        client(std::move(options),
               ClientDeps{transport, clock, sleeper, std::make_shared<FixedRandom>(random), log.logger()}) {}

  LogCapture log;  // before `client`, which logs into it
  std::shared_ptr<ManualClock> clock;
  std::shared_ptr<FakeSleeper> sleeper;
  std::shared_ptr<FakeTransport> transport;
  CurlClient client;
};

inline std::string booking_json(const std::string& uid, const std::string& interview_id,
                                const std::string& status = "accepted", const std::string& extra = "") {
  return R"({"uid":")" + uid + R"(","id":1,"status":")" + status +
         R"(","start":"2026-05-04T09:00:00.000Z","end":"2026-05-04T09:45:00.000Z",)"
         R"("attendees":[{"name":"Bob","email":"bob@example.com","timeZone":"UTC"}],)"
         R"("metadata":{"poblysh_interview_id":")" +
         interview_id + "\"}" + extra + "}";
}
inline std::string success(const std::string& data) { return R"({"status":"success","data":)" + data + "}"; }

}  // namespace poblysh::calcom::testing
