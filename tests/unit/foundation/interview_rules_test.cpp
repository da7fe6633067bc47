#include <date/tz.h>
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "core/time.hpp"
#include "domain/interview.hpp"
#include "scheduling/availability.hpp"
#include "scheduling/markdown.hpp"
#include "core/zone_time.hpp"

using namespace poblysh;
using namespace poblysh::domain;

TEST(InterviewStatus, OnlyTheDocumentedMovesAreAllowed) {
  using S = InterviewStatus;
  // Every pair, so that a move added by mistake (confirmed back to scheduled, say) is seen.
  const std::set<std::pair<S, S>> allowed{{S::draft, S::scheduled},     {S::draft, S::cancelled},
                                          {S::scheduled, S::confirmed}, {S::scheduled, S::cancelled},
                                          {S::scheduled, S::completed}, {S::confirmed, S::completed},
                                          {S::confirmed, S::cancelled}};
  for (S from : {S::draft, S::scheduled, S::confirmed, S::completed, S::cancelled}) {
    for (S to : {S::draft, S::scheduled, S::confirmed, S::completed, S::cancelled}) {
      EXPECT_EQ(can_move(from, to), allowed.count({from, to}) == 1) << status_name(from) << " -> " << status_name(to);
    }
  }
  Interview interview;
  interview.status = S::cancelled;
  auto refused = move(interview, S::confirmed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(interview.status, S::cancelled);
}

TEST(InterviewStatus, InvitationStatusFollowsTheInterview) {
  Interview interview;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::scheduled;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::pending);
  interview.status = InterviewStatus::confirmed;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::confirmed);
  interview.status = InterviewStatus::cancelled;
  EXPECT_EQ(interview.invitation_status(), InvitationStatus::cancelled);
}

TEST(InterviewSteps, TeamNeedsExactlyOnePrimary) {
  EXPECT_FALSE(check_team({}));
  EXPECT_FALSE(check_team({{1, false}}));
  EXPECT_FALSE(check_team({{1, true}, {2, true}}));
  EXPECT_FALSE(check_team({{1, true}, {1, false}}));
  EXPECT_TRUE(check_team({{1, true}, {2, false}}));
}

TEST(InterviewSteps, CustomDurationsAndQuestions) {
  EXPECT_FALSE(check_custom_duration(4));
  EXPECT_TRUE(check_custom_duration(5));
  EXPECT_TRUE(check_custom_duration(480));
  EXPECT_FALSE(check_custom_duration(481));
  EXPECT_FALSE(check_questions({"fine", "  "}));
  EXPECT_TRUE(check_questions({"What changed?"}));
}

TEST(InterviewSteps, ReadinessNamesWhatIsMissing) {
  Interview interview;
  auto missing = check_ready_to_confirm(interview, SystemTime{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::unprocessable);
  for (const char* field : {"contact_id", "primary_team_member_id", "event_type_id", "start_time"}) {
    EXPECT_TRUE(missing.error().fields.count(field)) << field;
  }
}

TEST(Markdown, RendersFormattingAndDropsScripts) {
  const auto html = scheduling::notes_html("# Title\n\n*a* **b** [x](https://ok.example) <script>bad()</script>");
  EXPECT_NE(html.find("<h1>Title</h1>"), std::string::npos);
  EXPECT_NE(html.find("<em>a</em>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(scheduling::notes_html("[x](javascript:alert(1))").find("javascript:"), std::string::npos);
}

TEST(TimeZones, LocalTimesFollowDaylightSaving) {
  EXPECT_TRUE(is_known_zone("Europe/Berlin"));
  EXPECT_FALSE(is_known_zone("Europe/Atlantis"));
  EXPECT_FALSE(is_known_zone(""));
  // 2027-03-28 01:00 UTC is the switch: before it Berlin is +01:00, after it +02:00.
  const auto before = *parse_iso8601("2027-03-28T00:30:00Z");
  const auto after = *parse_iso8601("2027-03-28T01:30:00Z");
  EXPECT_EQ(in_zone(before, "Europe/Berlin").local, "2027-03-28T01:30:00+01:00");
  EXPECT_EQ(in_zone(after, "Europe/Berlin").local, "2027-03-28T03:30:00+02:00");
}

TEST(TimeZones, DisplayNamesTheDayAndTheZonesAbbreviation) {
  const auto time = *parse_iso8601("2026-03-29T01:30:45Z");
  const auto berlin = in_zone(time, "Europe/Berlin");
  EXPECT_EQ(berlin.zone, "Europe/Berlin");
  EXPECT_EQ(berlin.local, "2026-03-29T03:30:45+02:00");
  EXPECT_EQ(berlin.display, "Sun 29 Mar 2026, 03:30 CEST");
  EXPECT_EQ(in_zone(time, "America/New_York").display, "Sat 28 Mar 2026, 21:30 EDT");
  EXPECT_EQ(in_zone(time, "Asia/Kolkata").local, "2026-03-29T07:00:45+05:30");
  EXPECT_EQ(in_zone(time, "Europe/Atlantis").local, "2026-03-29T01:30:45+00:00");
}

// in_zone writes its text by hand for speed; date::format is the reference it must match, also
// across daylight-saving switches, negative and half-hour offsets and far-off years.
TEST(TimeZones, LocalTimesMatchDateFormat) {
  const std::vector<std::string> zones{"UTC",
                                       "Europe/Berlin",
                                       "America/New_York",
                                       "Asia/Kolkata",
                                       "Australia/Lord_Howe",
                                       "America/St_Johns",
                                       "Pacific/Kiritimati",
                                       "Africa/Monrovia"};
  const std::int64_t start = to_unix_ms(*parse_iso8601("1900-01-01T00:00:00Z"));
  const std::int64_t end = to_unix_ms(*parse_iso8601("2200-01-01T00:00:00Z"));
  const std::int64_t step = (end - start) / 3001 + 7'919'777;  // irregular, to hit every minute and weekday
  for (const auto& name : zones) {
    const auto* zone = date::locate_zone(name);
    for (std::int64_t ms = start; ms < end; ms += step) {
      const auto time = from_unix_ms(ms);
      const auto zoned = date::make_zoned(zone, std::chrono::floor<std::chrono::seconds>(time));
      const auto local = in_zone(time, name);
      ASSERT_EQ(local.local, date::format("%FT%T%Ez", zoned)) << name << " " << ms;
      ASSERT_EQ(local.display, date::format("%a %d %b %Y, %H:%M %Z", zoned)) << name << " " << ms;
    }
  }
}

TEST(Availability, CommonSlotsShareTheirStart) {
  const auto t = [](const char* text) { return *parse_iso8601(text); };
  std::vector<scheduling::TimeRange> a{{t("2026-12-01T09:00:00Z"), t("2026-12-01T09:30:00Z")},
                                       {t("2026-12-01T10:00:00Z"), t("2026-12-01T10:30:00Z")}};
  std::vector<scheduling::TimeRange> b{{t("2026-12-01T10:00:00Z"), t("2026-12-01T11:00:00Z")}};
  auto common = scheduling::intersect(a, b);
  ASSERT_EQ(common.size(), 1u);
  EXPECT_EQ(common[0].start, t("2026-12-01T10:00:00Z"));
  EXPECT_EQ(common[0].end, t("2026-12-01T10:30:00Z"));
}

TEST(Markdown, TheCacheAnswersWhatRenderingWould) {
  scheduling::MarkdownCache cache(2000);  // a few notes' worth, so older ones are dropped
  for (int round = 0; round < 3; ++round) {
    for (int k = 0; k < 20; ++k) {
      const std::string notes = "## Notes " + std::to_string(k) + "\n\n- **bold** and <script>x</script>";
      ASSERT_EQ(cache.render(notes), scheduling::notes_html(notes)) << k;
    }
  }
  const std::string big(1000, 'x');  // over a quarter of the cache: rendered, not kept
  EXPECT_EQ(cache.render(big), scheduling::notes_html(big));
  EXPECT_EQ(cache.render(""), "");
}
