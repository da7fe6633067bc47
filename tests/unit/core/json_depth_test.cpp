// json_depth_within: counts nesting without parsing, so deep input never reaches a recursive parser.
#include "core/json_depth.hpp"

#include <gtest/gtest.h>

#include <string>

namespace poblysh {
namespace {

TEST(JsonDepth, CountsArraysAndObjectsTogether) {
  EXPECT_TRUE(json_depth_within("{}", 1));
  EXPECT_TRUE(json_depth_within(R"({"a":[{"b":1}]})", 3));
  EXPECT_FALSE(json_depth_within(R"({"a":[{"b":1}]})", 2));
  EXPECT_TRUE(json_depth_within(std::string(32, '[') + std::string(32, ']')));
  EXPECT_FALSE(json_depth_within(std::string(33, '[') + std::string(33, ']')));
  EXPECT_FALSE(json_depth_within(std::string(1000000, '[')));
}

TEST(JsonDepth, SiblingsDoNotAddUp) {
  std::string wide = "[";
  for (int i = 0; i < 1000; ++i) wide += "[1],";
  wide += "[1]]";
  EXPECT_TRUE(json_depth_within(wide, 2));
}

TEST(JsonDepth, BracketsInStringsAndEscapedQuotesAreText) {
  EXPECT_TRUE(json_depth_within(R"({"a":"[[[[{{{{"})", 1));
  // An escaped quote does not end the string; an escaped backslash before a quote does.
  EXPECT_TRUE(json_depth_within(R"({"a":"\"[[[["})", 1));
  EXPECT_FALSE(json_depth_within(R"({"a":"\\",[[[[]]]]})", 2));
}

TEST(JsonDepth, StrayClosersDoNotHideDepth) { EXPECT_FALSE(json_depth_within("]]]]]" + std::string(40, '['), 32)); }

}  // namespace
}  // namespace poblysh
