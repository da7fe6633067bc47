// Hostile inputs from anyone, a member, or a Cal.com delivery signed with the real secret: each
// class answers a clear error, and afterwards the service is healthy, its memory bounded and its
// log free of secrets and stack traces.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "http_client.hpp"
#include "raw_http.hpp"
#include "service_process.hpp"
#include "webhooks/signature.hpp"

namespace poblysh::testing {
namespace {

const std::string kWebhookSecret = "inputs-webhook-secret-5d1e";
const std::string kAdminPassword = "correct-horse-battery";

std::string nested(std::size_t depth, char open = '[', char close = ']') {
  return std::string(depth, open) + std::string(depth, close);
}

class HostileInputs : public ::testing::Test {
 protected:
  // ASan holds freed memory in a 256 MB quarantine by default; a small one lets the resident size
  // show what the service itself keeps (ignored by builds without ASan).
  HostileInputs()
      : service_(Env{{"POBLYSH_CALCOM_WEBHOOK_SECRET", kWebhookSecret}, {"ASAN_OPTIONS", "quarantine_size_mb=8"}}),
        client_(service_.base_url()) {
    EXPECT_EQ(client_.login("admin@example.com", kAdminPassword).status, 200);
  }

  HttpResponse deliver(const std::string& body) {
    HttpClient calcom(service_.base_url());
    return calcom.send("POST", "/webhooks/calcom", body,
                       {{"X-Cal-Signature-256", webhooks::hmac_sha256_hex(kWebhookSecret, body)}});
  }

  // The service still answers, holds less than `max_rss_mb`, and has logged no secret.
  void expect_healthy(std::size_t max_rss_mb = 256) {
    HttpClient probe(service_.base_url());
    EXPECT_EQ(probe.get("/healthz").status, 200);
    EXPECT_LT(service_.process().resident_mib(), max_rss_mb);
    const auto log = service_.process().stdout_text() + service_.process().stderr_text();
    EXPECT_EQ(log.find(kWebhookSecret), std::string::npos) << "the webhook secret reached the log";
    EXPECT_EQ(log.find(kAdminPassword), std::string::npos) << "a password reached the log";
    EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
    EXPECT_EQ(log.find("terminate called"), std::string::npos);
  }

  // The SQLite file and its write-ahead log.
  std::uintmax_t database_bytes() const {
    std::uintmax_t total = 0;
    for (const char* suffix : {"", "-wal"}) {
      std::error_code error;
      const auto size = std::filesystem::file_size(service_.dir() / (std::string("test.db") + suffix), error);
      if (!error) total += size;
    }
    return total;
  }

  Service service_;
  HttpClient client_;
};

TEST_F(HostileInputs, DeepJsonIsRefusedBeforeAnyParserRecurses) {
  for (const std::string& body : {nested(100000), nested(100000, '{', '}'), "{\"a\":" + nested(5000) + "}",
                                  "{\"name\":\"x\",\"deep\":" + nested(33) + "}"}) {
    const auto created = client_.send("POST", "/api/v1/startups", body, {});
    EXPECT_EQ(created.status, 400) << created.body.substr(0, 200);
    EXPECT_NE(created.body.find("nests deeper"), std::string::npos) << created.body.substr(0, 200);
    const auto delivered = deliver(body);
    EXPECT_EQ(delivered.status, 400) << delivered.body.substr(0, 200);
  }
  // Brackets inside strings are text, not nesting.
  const auto in_string = client_.send("POST", "/api/v1/startups", "{\"name\":\"" + std::string(200, '[') + "\"}", {});
  EXPECT_EQ(in_string.body.find("nests deeper"), std::string::npos);
  expect_healthy();
}

TEST_F(HostileInputs, AnOversizeBodyIsAnswered413FromItsLengthBeforeItIsRead) {
  const auto address = service_.process().address();
  // Declared larger than the limit (1 MiB); only a little is sent: the answer comes at once.
  const auto declared = raw_exchange(address,
                                     "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 8388608\r\n\r\n{\"email\":",
                                     std::chrono::seconds(5));
  EXPECT_EQ(declared.status, 413) << declared.head;
  EXPECT_NE(declared.body.find("payload_too_large"), std::string::npos);
  EXPECT_EQ(declared.header("connection"), "close");
  // Sent whole (3 MiB): still a 413 the client reads, not a reset connection.
  const auto sent =
      raw_exchange(address, "POST /api/v1/startups HTTP/1.1\r\nHost: x\r\nContent-Length: 3145728\r\n\r\n" +
                                std::string(3 << 20, 'a'));
  EXPECT_EQ(sent.status, 413) << sent.head;
  // Chunked: counted as the chunks arrive.
  std::string chunked = "POST /api/v1/startups HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 40; ++i) chunked += "8000\r\n" + std::string(0x8000, 'b') + "\r\n";
  chunked += "0\r\n\r\n";
  const auto counted = raw_exchange(address, chunked);
  EXPECT_EQ(counted.status, 413) << counted.head;
  // Under the limit is read as usual (and refused for what it is, not for its size).
  const auto small = raw_exchange(address,
                                  "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
  EXPECT_EQ(small.status, 400) << small.head;
  expect_healthy();
}

TEST_F(HostileInputs, AnOversizeUrlIsAnswered414) {
  const auto answer = raw_get(service_.process().address(), "/api/v1/startups?q=" + std::string(20000, 'x'));
  EXPECT_EQ(answer.status, 414) << answer.head;
  EXPECT_NE(answer.body.find("uri_too_long"), std::string::npos);
  EXPECT_EQ(raw_get(service_.process().address(), "/api/v1/startups?q=" + std::string(8000, 'x')).status, 401);
  expect_healthy();
}

// RESTinio keeps an upgrade request's connection with no timeout (and answers it again and again):
// none of our routes switches protocols, so an upgrade is refused and the connection closed.
TEST_F(HostileInputs, AnUpgradeRequestIsRefusedAndClosed) {
  const auto started = std::chrono::steady_clock::now();
  const auto answer = raw_exchange(service_.process().address(),
                                   "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n");
  EXPECT_EQ(answer.status, 400) << answer.head;
  EXPECT_EQ(answer.header("connection"), "close");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << "closed, not left open";
  expect_healthy();
}

// Sign-in fields are bounded before anything is counted or hashed.
TEST_F(HostileInputs, OversizeSignInFieldsAreRefusedBeforeAnythingIsCounted) {
  HttpClient anonymous(service_.base_url());
  const auto long_email =
      anonymous.post("/api/v1/session", {{"email", std::string(100'000, 'a') + "@x.example"}, {"password", "guess"}});
  EXPECT_EQ(long_email.status, 400);
  const auto long_password =
      anonymous.post("/api/v1/session", {{"email", "admin@example.com"}, {"password", std::string(100'000, 'p')}});
  EXPECT_EQ(long_password.status, 400);
  expect_healthy();
}

TEST_F(HostileInputs, HeadAnswersTheHeadersAGetWould) {
  const auto address = service_.process().address();
  for (const std::string path : {"/healthz", "/api/v1/session", "/nothing-here.js"}) {
    const auto get = raw_get(address, path);
    const auto head = raw_get(address, path, "HEAD");
    EXPECT_EQ(head.status, get.status) << path;
    EXPECT_EQ(head.header("content-length"), std::optional<std::string>(std::to_string(get.body.size()))) << path;
    EXPECT_EQ(head.header("content-type"), get.header("content-type")) << path;
    EXPECT_TRUE(head.body.empty()) << path;
  }
}

TEST_F(HostileInputs, EveryAnswerCarriesTheSecurityHeaders) {
  const auto address = service_.process().address();
  for (const std::string path : {"/healthz", "/api/v1/team-members", "/", "/missing.js"}) {
    const auto answer = raw_get(address, path);
    SCOPED_TRACE(path + " " + answer.head);
    const auto policy = answer.header("content-security-policy");
    ASSERT_TRUE(policy);
    EXPECT_NE(policy->find("script-src 'self'"), std::string::npos);
    EXPECT_NE(policy->find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(policy->find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(answer.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(answer.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(answer.header("x-frame-options"), "DENY");
  }
  const auto refused =
      raw_exchange(address, "POST /api/v1/startups HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n");
  EXPECT_EQ(refused.header("x-content-type-options"), "nosniff");
}

// The reported bomb (a 22 KB table of 500 columns × 10,000 rows made a 55 MB answer in 9.6 s and
// took the process to 1.4 GB) and the other ways Markdown expands: refused at once, named.
TEST_F(HostileInputs, MarkdownBombsAreRefusedWithTheLimitNamed) {
  const auto table = [](const std::string& delimiter) {
    std::string text = "|";
    for (int i = 0; i < 500; ++i) text += "a|";
    text += "\n|";
    for (int i = 0; i < 500; ++i) text += delimiter;
    text += "\n";
    for (int i = 0; i < 10'000; ++i) text += "x\n";
    return text;
  };
  // As reported ("-|"): md4c reads no table past 128 columns, so it is text, about its own size.
  const auto reported = table("-|");
  const auto as_text = client_.post("/api/v1/markdown/preview", {{"markdown", reported}});
  EXPECT_TRUE(as_text.status == 422 || (as_text.status == 200 && as_text.body.size() < 3 * reported.size()))
      << as_text.status << " " << as_text.body.size();
  std::string references = "[l]: https://example.com/" + std::string(30'000, 'a') + "\n\n";
  for (int i = 0; i < 4'000; ++i) references += "[l] ";
  const std::vector<std::pair<std::string, std::string>> bombs{
      {table("---|"), "cells"}, {std::string(40, '>') + " deep", "nested"}, {references, "KiB as a page"}};
  for (const auto& [markdown, limit] : bombs) {
    const auto started = std::chrono::steady_clock::now();
    const auto preview = client_.post("/api/v1/markdown/preview", {{"markdown", markdown}});
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
    ASSERT_EQ(preview.status, 422) << preview.body.substr(0, 300);
    EXPECT_LT(preview.body.size(), 1000u);
    const auto problem = preview.json()["error"]["details"]["fields"].value("prep_notes_markdown", "");
    EXPECT_NE(problem.find(limit), std::string::npos) << problem;
  }
  expect_healthy();
}

// SQL's own characters in every search are text: no error, no row that does not hold them.
TEST_F(HostileInputs, SqlMetacharactersInEverySearchAreText) {
  ASSERT_EQ(client_.post("/api/v1/startups", {{"name", "Northwind Robotics"}}).status, 201);
  for (const std::string route :
       {"/api/v1/startups", "/api/v1/contacts", "/api/v1/team-members", "/api/v1/interviews"}) {
    for (const std::string& q :
         std::vector<std::string>{"%27%20OR%201%3D1%20--", "%25", "_", "%5C", "%22%3B%20DROP%20TABLE%20users%3B%20--",
                                  "%25%27%20UNION%20SELECT%20password_hash%20FROM%20users%20--", "%00", "%5B%5D",
                                  "%E2%80%AE", std::string(500, 'a')}) {
      const auto found = client_.get(route + "?q=" + q);
      SCOPED_TRACE(route + "?q=" + q.substr(0, 40));
      EXPECT_TRUE(found.status == 200 || found.status == 400) << found.status << " " << found.body.substr(0, 200);
      if (found.status == 200) {
        EXPECT_TRUE(found.json()["items"].empty()) << found.body.substr(0, 300);
      }
    }
  }
  EXPECT_EQ(client_.get("/api/v1/startups?q=northwind").json()["items"].size(), 1u) << "search still works";
  expect_healthy();
}

// Header injection through the fields that end up in email headers and calendar files.
TEST_F(HostileInputs, NamesAndEmailsCannotCarryHeaders) {
  for (const std::string& email : std::vector<std::string>{
           "ada@example.com\r\nBcc: all@evil.example", "ada@example.com\nX-Injected: 1",
           "ada@example.com, all@evil.example", "<ada@example.com>", std::string("ada@example.com\0", 16)}) {
    const auto created = client_.post("/api/v1/team-members", {{"name", "Ada"}, {"email", email}, {"role", "Scout"}});
    EXPECT_EQ(created.status, 400) << email;
    EXPECT_TRUE(created.json()["error"]["details"]["fields"].contains("email")) << created.body;
  }
  for (const std::string& name : std::vector<std::string>{"Ada\r\nBcc: all@evil.example", "Ada\nSUMMARY:fake",
                                                          std::string("Ada\0Lovelace", 12)}) {
    const auto created =
        client_.post("/api/v1/team-members", {{"name", name}, {"email", "ada@example.com"}, {"role", "Scout"}});
    EXPECT_EQ(created.status, 400) << name;
    EXPECT_TRUE(created.json()["error"]["details"]["fields"].contains("name")) << created.body;
  }
  expect_healthy();
}

// Step 5's place at its worst: wrong shapes and types, huge or multi-line text, control
// characters, numbers that are not numbers. Each is refused with the field named; the draft keeps
// its place.
TEST_F(HostileInputs, APlaceOfHostileShapeIsRefusedWithItsFieldNamed) {
  const auto startup = client_.post("/api/v1/startups", {{"name", "Northwind Robotics"}});
  ASSERT_EQ(startup.status, 201) << startup.body;
  const auto draft = client_.post("/api/v1/interviews",
                                  {{"startup_id", startup.json()["id"]},
                                   {"contact", {{"name", "Lena Fischer"}, {"email", "lena@northwind.example"}}}});
  ASSERT_EQ(draft.status, 201) << draft.body;
  const std::string details = "/api/v1/interviews/" + std::to_string(draft.json()["id"].get<int>()) + "/details";
  using nlohmann::json;
  const std::vector<std::pair<json, std::string>> cases{
      {"12 rue de la Paix", "place.kind"},
      {json::array({"in_person"}), "place.kind"},
      {{{"kind", 5}}, "place.kind"},
      {{{"kind", "teleport"}, {"address", "Mars"}}, "place.kind"},
      {{{"kind", "IN_PERSON"}, {"address", "12 rue de la Paix"}}, "place.kind"},
      {{{"kind", "in_person"}}, "place.address"},
      {{{"kind", "in_person"}, {"address", 42}}, "place.address"},
      {{{"kind", "in_person"}, {"address", {{"street", "x"}}}}, "place.address"},
      {{{"kind", "in_person"}, {"address", std::string(40'000, 'a')}}, "place.address"},
      {{{"kind", "in_person"}, {"address", "12 rue\x1b[2J de la Paix"}}, "place.address"},
      {{{"kind", "in_person"}, {"address", std::string("12 rue\0 de la Paix", 19)}}, "place.address"},
      {{{"kind", "in_person"}, {"address", "a\nb\nc\nd\ne\nf\ng"}}, "place.address"},
      {{{"kind", "in_person"}, {"address", "  \n "}}, "place.address"},
      {{{"kind", "phone"}, {"phone", "call me maybe"}}, "place.phone"},
      {{{"kind", "phone"}, {"phone", "+33 1 84\r\nBcc: all@evil.example"}}, "place.phone"},
      {{{"kind", "phone"}, {"phone", std::string(41, '1')}}, "place.phone"},
      {{{"kind", "phone"}, {"phone", "\u0661\u0662\u0663\u0664\u0665\u0666"}}, "place.phone"},
      {{{"kind", "phone"}, {"phone", 33184881234}}, "place.phone"},
      {{{"kind", "phone"}, {"phone", nullptr}}, "place.phone"},
      {{{"kind", "video"}, {"address", "12 rue de la Paix"}}, "place"}};
  for (const auto& [place, field] : cases) {
    const auto answer = client_.send("PUT", details, json{{"timezone", "UTC"}, {"place", place}}.dump(), {});
    SCOPED_TRACE(place.dump().substr(0, 80));
    ASSERT_EQ(answer.status, 400) << answer.body.substr(0, 300);
    EXPECT_LT(answer.body.size(), 1000u);
    EXPECT_TRUE(answer.json()["error"]["details"]["fields"].contains(field)) << answer.body;
  }
  EXPECT_EQ(client_.get(details.substr(0, details.size() - 8)).json()["place"]["kind"], "video");
  expect_healthy();
}

// The lifecycle triggers (the meeting ended, no-shows) signed with the real secret but shaped to
// hurt: missing names, wrong types, an attendee list as long as the body allows, huge fields.
// Each is refused with the field named, or recorded without effect (no interview holds them).
TEST_F(HostileInputs, LifecycleTriggersOfHostileShapesAreRefusedOrHarmless) {
  using nlohmann::json;
  auto refused_naming = [&](const json& body, const std::string& field) {
    const auto answer = deliver(body.dump());
    EXPECT_EQ(answer.status, 400) << body.dump().substr(0, 200) << " " << answer.body;
    EXPECT_TRUE(answer.json()["error"]["details"]["fields"].contains(field)) << answer.body;
  };
  refused_naming(json{{"triggerEvent", "MEETING_ENDED"}, {"id", 5}}, "uid");
  refused_naming(json{{"triggerEvent", "MEETING_ENDED"}, {"uid", 12345}}, "uid");
  refused_naming(json{{"triggerEvent", "MEETING_ENDED"}, {"uid", "u"}, {"endTime", "tomorrow"}}, "endTime");
  refused_naming(json{{"triggerEvent", "BOOKING_NO_SHOW_UPDATED"}, {"payload", {{"attendees", json::array()}}}},
                 "payload.bookingUid");
  refused_naming(json{{"triggerEvent", "AFTER_HOSTS_CAL_VIDEO_NO_SHOW"}, {"payload", "bookingUid"}}, "payload");
  // As many attendees as fit in the body: refused from their count, not read one by one.
  json attendees = json::array();
  for (int i = 0; i < 20000; ++i)
    attendees.push_back({{"email", "a" + std::to_string(i) + "@x.example"}, {"noShow", true}});
  refused_naming(json{{"triggerEvent", "AFTER_GUESTS_CAL_VIDEO_NO_SHOW"},
                      {"payload", {{"bookingUid", "u"}, {"attendees", attendees}}}},
                 "payload.attendees");
  refused_naming(json{{"triggerEvent", "MEETING_ENDED"}, {"uid", "u"}, {"attendees", attendees}}, "attendees");

  // Wrong types read as absent, huge texts are only texts: recorded, matched to nothing.
  for (const json& body :
       {json{
            {"triggerEvent", "BOOKING_NO_SHOW_UPDATED"},
            {"payload",
             {{"bookingUid", "no-such-booking"},
              {"attendees", json::array({1, nullptr, "x", json{{"email", 5}, {"noShow", "yes"}},
                                         json{{"email", std::string(200'000, 'e') + "@x.example"}, {"noShow", true}}})},
              {"noShowHost", "true"},
              {"message", std::string(300'000, 'm')}}}},
        json{{"triggerEvent", "AFTER_HOSTS_CAL_VIDEO_NO_SHOW"},
             {"payload", {{"bookingUid", "no-such-booking"}, {"hostEmail", json{{"email", "x"}}}}}},
        json{{"triggerEvent", "BOOKING_CANCELLED"},
             {"payload",
              {{"uid", "no-such-booking"},
               {"requestReschedule", "yes"},
               {"cancellationReason", std::string(100'000, 'r')}}}},
        json{{"triggerEvent", "MEETING_ENDED"},
             {"uid", "no-such-booking"},
             {"attendees", "everyone"},
             {"noShowHost", 1},
             {"payload", 7}}}) {
    const auto answer = deliver(body.dump());
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["outcome"], "unmatched") << answer.body;
  }
  expect_healthy();
}

// A meeting's outcome from a member, shaped to hurt: each is refused naming its field before any
// interview is looked up (there is none), and a well-formed one then finds no interview.
TEST_F(HostileInputs, OutcomesOfHostileShapesAreRefusedNamingTheField) {
  using nlohmann::json;
  const std::string path = "/api/v1/interviews/987654/outcome";
  auto refused_naming = [&](const json& body, const std::string& field) {
    const auto answer = client_.post(path, body);
    EXPECT_EQ(answer.status, 400) << body.dump().substr(0, 200) << " " << answer.body.substr(0, 300);
    EXPECT_TRUE(answer.json()["error"]["details"]["fields"].contains(field)) << answer.body.substr(0, 300);
  };
  for (const json& outcome : {json(nullptr), json::array(), json::object(), json(1), json("COMPLETED"),
                              json(std::string("completed\0", 10)), json(std::string(100'000, 'c'))}) {
    refused_naming(json{{"outcome", outcome}}, "outcome");
  }
  refused_naming(json{{"outcome", "completed"}, {"note", std::string(300'000, 'n')}}, "note");
  for (const std::string& note : {std::string("a\0b", 3), std::string("ok\x1b[31m"), std::string("left\u202eright")}) {
    refused_naming(json{{"outcome", "completed"}, {"note", note}}, "note");
  }
  refused_naming(json{{"outcome", "completed"}, {"note", 5}}, "note");
  // As many people as fit in the body: refused from their count, not read one by one.
  json crowd = json::array();
  for (int i = 0; i < 20000; ++i) crowd.push_back({{"party", "contact"}});
  refused_naming(json{{"outcome", "no_show"}, {"absent", crowd}}, "absent");
  refused_naming(json{{"outcome", "no_show"}, {"absent", "everyone"}}, "absent");
  refused_naming(json{{"outcome", "no_show"}, {"absent", {nullptr}}}, "absent[0]");
  refused_naming(json{{"outcome", "no_show"}, {"absent", {{{"party", std::string(100'000, 'p')}}}}}, "absent[0].party");
  refused_naming(json{{"outcome", "no_show"}, {"absent", {{{"party", "guest"}, {"email", std::string(200'000, 'e')}}}}},
                 "absent[0].email");
  refused_naming(json{{"outcome", "no_show"}, {"absent", {{{"party", "guest"}, {"email", json::array()}}}}},
                 "absent[0].email");
  for (const json& id : {json(-5), json(0), json(1e30), json(1.5), json("7"), json(18446744073709551615ULL)}) {
    refused_naming(json{{"outcome", "no_show"}, {"absent", {{{"party", "interviewer"}, {"team_member_id", id}}}}},
                   "absent[0].team_member_id");
  }
  const auto nobody = client_.post(path, {{"outcome", "no_show"}, {"absent", {{{"party", "contact"}}}}});
  EXPECT_EQ(nobody.status, 404) << nobody.body;
  expect_healthy();
}

// Replays of one signed delivery keep its body once: the repeats are rows that point to it.
TEST_F(HostileInputs, ExactReplaysDoNotStoreTheBodyAgain) {
  const std::string body = nlohmann::json{{"triggerEvent", "BOOKING_CANCELLED"},
                                          {"createdAt", "2030-01-01T00:00:00.000Z"},
                                          {"payload", {{"uid", "no-such-booking"}, {"pad", std::string(900'000, 'x')}}}}
                               .dump();
  ASSERT_EQ(deliver(body).status, 200);
  const auto after_first = database_bytes();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(deliver(body).status, 200);
  const auto growth = database_bytes() - after_first;
  EXPECT_LT(growth, 2'000'000u) << "20 replays of a 900 KB body";
  const auto deliveries = client_.get("/api/v1/admin/webhook-deliveries?limit=50").json()["items"];
  ASSERT_EQ(deliveries.size(), 21u);
  EXPECT_EQ(deliveries[0]["outcome"], "duplicate");
  // An admin can still re-apply a replay: its body is the original's.
  const auto reapplied =
      client_.post("/api/v1/admin/webhook-deliveries/" + std::to_string(deliveries[0]["id"].get<int>()) + "/reapply",
                   nlohmann::json::object());
  EXPECT_EQ(reapplied.status, 200) << reapplied.body;
  expect_healthy();
}

}  // namespace
}  // namespace poblysh::testing
