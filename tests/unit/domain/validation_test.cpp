#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include "domain/startup.hpp"
#include "domain/team_member.hpp"

using namespace poblysh;
using namespace poblysh::domain;

TEST(EmailValidation, AcceptsOrdinaryAddresses) {
  for (const char* email : {"a@b.co", "first.last+tag@sub.example.org", "x_y-z@domain.io"}) {
    EXPECT_TRUE(is_valid_email(email)) << email;
  }
}

TEST(EmailValidation, RefusesWhatMailServersRefuse) {
  for (const char* email : {"", "plain", "@example.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@b..com", ".a@b.com",
                            "a.@b.com", "a@.b.com", "a@b.c", "<a@b.com>", "a@b.com,c@d.com"}) {
    EXPECT_FALSE(is_valid_email(email)) << email;
  }
}

TEST(EmailValidation, NormalisesCaseAndSpaces) { EXPECT_EQ(normalize_email("  Ada@Example.COM "), "ada@example.com"); }

TEST(TeamMemberRules, CollectsEveryProblemAtOnce) {
  auto result = validated(TeamMemberFields{"", "nope", "", -3, std::string("bad name!"), true});
  ASSERT_FALSE(result);
  const auto& fields = result.error().fields;
  for (const char* field : {"name", "email", "role", "calcom_user_id", "calcom_username"}) {
    EXPECT_TRUE(fields.count(field)) << field;
  }
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
}

TEST(TeamMemberRules, TrimsAndDropsAnEmptyUsername) {
  auto result = validated(TeamMemberFields{" Ada ", " ada@x.io ", " Editor ", std::nullopt, std::string("  "), true});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->name, "Ada");
  EXPECT_EQ(result->email, "ada@x.io");
  EXPECT_FALSE(result->calcom_username.has_value());
}

TEST(ContactRules, CompanyDefaultsToTheStartup) {
  auto result = validated(ContactFields{"Lena", "lena@x.io", "CEO", "", std::nullopt}, "Northwind");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->company, "Northwind");
  auto phone = validated(ContactFields{"Lena", "lena@x.io", "", "", std::string("12")}, "Northwind");
  ASSERT_FALSE(phone);
  EXPECT_TRUE(phone.error().fields.count("phone"));
}

TEST(StartupRules, WebsiteMustBeHttp) {
  EXPECT_FALSE(validated(StartupFields{"A", "javascript:alert(1)", ""}));
  EXPECT_TRUE(validated(StartupFields{"A", "https://a.example", ""}));
  EXPECT_TRUE(validated(StartupFields{"A", "", ""}));
}
