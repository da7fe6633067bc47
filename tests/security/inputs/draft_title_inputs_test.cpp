// Hostile titles for a draft — in step 1 (POST /api/v1/interviews) and PUT …/title — and hostile
// queries of GET /api/v1/drafts: control characters (C0, DEL, C1, NUL), line and bidirectional
// override characters that would reorder a list row, sizes from one byte over the limit to over
// the body limit, wrong types, bytes that are not UTF-8. Each is refused naming the field; no
// draft is made, the one there keeps its title, and the service stays healthy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "http_client.hpp"
#include "northwind.hpp"
#include "service_process.hpp"

namespace poblysh::testing {
namespace {

using nlohmann::json;

class HostileTitles : public ::testing::Test {
 protected:
  HostileTitles() : api_(service_.base_url()) {}

  void SetUp() override {
    ASSERT_EQ(api_.login("admin@example.com", "correct-horse-battery").status, 200);
    const auto people = northwind::add_people(api_);
    ASSERT_FALSE(HasFailure());
    startup_id_ = people.startup_id;
    contact_id_ = people.advisor_id;
    id_ = northwind::create_draft(api_, startup_id_);
    title_ = api_.get(northwind::interview_path(id_)).json()["title"];
  }

  // The step-1 body with `title` as raw JSON text.
  std::string new_draft(const std::string& title_json) const {
    return R"({"startup_id":)" + std::to_string(startup_id_) + R"(,"contact_id":)" + std::to_string(contact_id_) +
           R"(,"title":)" + title_json + "}";
  }

  // Both writes refuse `title_json` naming `title` (or the body as a whole, when it is not JSON).
  void expect_refused(const std::string& title_json, const std::string& what, int status = 400) {
    SCOPED_TRACE(what);
    const std::map<std::string, std::string> json_type{{"Content-Type", "application/json"}};
    const auto created = api_.send("POST", "/api/v1/interviews", new_draft(title_json), json_type);
    const auto renamed =
        api_.send("PUT", northwind::interview_path(id_, "title"), R"({"title":)" + title_json + "}", json_type);
    for (const auto* answer : {&created, &renamed}) {
      ASSERT_EQ(answer->status, status) << answer->body.substr(0, 300);
      if (status == 400 && answer->body.find("\"fields\"") != std::string::npos) {
        EXPECT_TRUE(answer->json()["error"]["details"]["fields"].contains("title")) << answer->body.substr(0, 300);
      }
    }
  }

  Service service_;
  HttpClient api_;
  int startup_id_ = 0, contact_id_ = 0, id_ = 0;
  std::string title_;
};

TEST_F(HostileTitles, ControlBidiHugeAndMistypedTitlesAreRefusedAndChangeNothing) {
  const std::vector<std::pair<std::string, std::string>> hostile{
      {R"("a\u0000b")", "NUL"},
      {R"("bell\u0007")", "a C0 control"},
      {R"("tab\there")", "a tab"},
      {R"("two\nlines")", "a line feed"},
      {R"("carriage\rreturn")", "a carriage return"},
      {R"("del\u007f")", "DEL"},
      {"\"next\u0085line\"", "C1 NEL"},
      {"\"csi\u009b\"", "C1 CSI"},
      {"\"gpj.exe\u202Eevil\"", "right-to-left override"},
      {"\"\u2066isolated\u2069\"", "directional isolates"},
      {"\"line\u2028separator\"", "line separator"},
      {"\"" + std::string(201, 'x') + "\"", "201 bytes"},
      {"\"" + std::string(64 * 1024, 'x') + "\"", "64 KiB"},
      {"42", "a number"},
      {"true", "a boolean"},
      {R"(["a"])", "a list"},
      {R"({"text":"a"})", "an object"},
  };
  for (const auto& [title, what] : hostile) expect_refused(title, what);
  // Not UTF-8 at all: the body is refused before any field is read.
  expect_refused("\"\xff\xfe\"", "invalid UTF-8");
  expect_refused("\"\xc0\xaf\"", "an overlong encoding");
  // Over the body limit: refused from its size.
  expect_refused("\"" + std::string(2 * 1024 * 1024, 'x') + "\"", "2 MiB", 413);

  // Nothing was made, nothing renamed, and the service is well.
  const auto drafts = api_.get("/api/v1/drafts").json();
  EXPECT_EQ(drafts["total"], 1) << drafts.dump();
  EXPECT_EQ(api_.get(northwind::interview_path(id_)).json()["title"], title_);
  EXPECT_EQ(HttpClient(service_.base_url()).get("/healthz").status, 200);
  const auto log = service_.process().stdout_text() + service_.process().stderr_text();
  EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
  EXPECT_EQ(log.find("terminate called"), std::string::npos);
}

TEST_F(HostileTitles, TheLimitItselfAndHarmlessMarksAreAccepted) {
  // 200 bytes of four-byte characters, right-to-left text and a left-to-right mark (U+200E) are
  // text, not controls.
  std::string emoji;
  for (int i = 0; i < 50; ++i) emoji += "\U0001F600";
  for (const std::string& title : {emoji, std::string("\u05e9\u05dc\u05d5\u05dd \u200eLena")}) {
    const auto renamed = api_.send("PUT", northwind::interview_path(id_, "title"), json{{"title", title}}.dump(), {});
    ASSERT_EQ(renamed.status, 200) << renamed.body.substr(0, 300);
    EXPECT_EQ(renamed.json()["title"], title);
  }
}

TEST_F(HostileTitles, HostileDraftListQueriesAreRefused) {
  for (const std::string& query : std::vector<std::string>{
           "limit=0", "limit=-1", "limit=201", "limit=99999999999999999999999", "limit=1%00", "startup_id=%00",
           "startup_id=0x10", "startup_id=1%20OR%201=1", "startup_id=" + std::string(5000, '9')}) {
    SCOPED_TRACE(query);
    const auto answer = api_.get("/api/v1/drafts?" + query);
    EXPECT_EQ(answer.status, 400) << answer.body.substr(0, 300);
  }
  EXPECT_EQ(api_.get("/api/v1/drafts?limit=200").status, 200);
  EXPECT_EQ(HttpClient(service_.base_url()).get("/api/v1/drafts").status, 401);
}

}  // namespace
}  // namespace poblysh::testing
