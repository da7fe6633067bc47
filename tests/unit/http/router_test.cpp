// The router: path parameters, and a known path asked with the wrong method told from an unknown one.
#include "http/router.hpp"

#include <gtest/gtest.h>

namespace poblysh::http {
namespace {

TEST(Router, MatchesParametersAndTellsMethodFromPath) {
  Router router({{Method::get, "/api/v1/startups/:id/contacts", [](Request&) { return Response::text(200, "ok"); }},
                 {Method::get, "/api/v1/startups", [](Request&) { return Response::text(200, "list"); }}});
  auto match = router.match(Method::get, "/api/v1/startups/42/contacts");
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.params.at("id"), "42");
  EXPECT_EQ(router.match(Method::get, "/api/v1/startups/").handler != nullptr,
            true);  // trailing slash
  auto wrong_method = router.match(Method::post, "/api/v1/startups");
  EXPECT_EQ(wrong_method.handler, nullptr);
  EXPECT_TRUE(wrong_method.path_exists);
  EXPECT_FALSE(router.match(Method::get, "/api/v1/nothing").path_exists);
  EXPECT_EQ(router.match(Method::get, "/api/v1/startups/a%20b/contacts").params.at("id"), "a b");
}

}  // namespace
}  // namespace poblysh::http
