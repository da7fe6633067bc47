// An interview's title: the default names the startup and the contact and is cut, whole
// characters only, to the limit; a given title is one line within it.
#include "domain/interview_title.hpp"

#include <gtest/gtest.h>

#include <string>

namespace poblysh::domain {
namespace {

TEST(InterviewTitle, TheDefaultNamesTheStartupAndTheContactWhenThereIsOne) {
  EXPECT_EQ(default_title("Northwind Robotics", "Lena Fischer"),
            "Interview with Northwind Robotics \u2013 Lena Fischer");
  EXPECT_EQ(default_title(" Northwind Robotics ", "  "), "Interview with Northwind Robotics");
}

TEST(InterviewTitle, ALongDefaultIsCutAtACharacterBoundaryToTheLimit) {
  std::string contact;
  for (int i = 0; i < 100; ++i) contact += "\u00e9";  // two bytes each
  for (const std::string& startup : {std::string(150, 'N'), std::string(151, 'N')}) {
    const auto title = default_title(startup, contact);
    EXPECT_LE(title.size(), kMaxTitleLength) << startup.size();
    EXPECT_EQ(title.substr(title.size() - 3), "\u2026");
    EXPECT_TRUE(title_problem(title).empty()) << title;
    // No lead byte without its continuation before the ellipsis.
    const auto before = static_cast<unsigned char>(title[title.size() - 4]);
    EXPECT_FALSE(before == 0xC3) << startup.size();
  }
}

TEST(InterviewTitle, AGivenTitleIsOneLineOfAtMostTheLimitInBytes) {
  EXPECT_EQ(title_problem(""), "");
  EXPECT_EQ(title_problem(std::string(200, 'a')), "");
  EXPECT_NE(title_problem(std::string(201, 'a')), "");
  std::string euros;
  for (int i = 0; i < 67; ++i) euros += "\u20ac";  // 201 bytes
  EXPECT_NE(title_problem(euros), "");
  for (const std::string& bad : {std::string("a\nb"), std::string("a\0b", 3), std::string("tab\there"),
                                 std::string("\u202Eevil"), std::string("\u2066x\u2069"), std::string("x\u0085")}) {
    EXPECT_NE(title_problem(bad).find("control characters"), std::string::npos) << bad;
  }
  EXPECT_EQ(title_problem("\u05e9\u05dc\u05d5\u05dd \u200e \U0001F600"), "");  // RTL text, a mark, an emoji
}

}  // namespace
}  // namespace poblysh::domain
