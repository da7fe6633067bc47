// Common free times: the slots every member of a team can make.
#include "scheduling/availability.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/time.hpp"

namespace poblysh::scheduling {
namespace {

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

}  // namespace
}  // namespace poblysh::scheduling
