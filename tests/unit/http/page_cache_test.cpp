// PageCache: an answer is served only while the data version it was read at is current.
#include "http/api/page_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace poblysh::http::api {
namespace {

TEST(PageCache, ServesAnAnswerWhileTheVersionHolds) {
  PageCache cache(1 << 20);
  EXPECT_FALSE(cache.find("/a", 7));
  cache.put("/a", 7, "page a");
  EXPECT_EQ(cache.find("/a", 7), "page a");
  EXPECT_FALSE(cache.find("/b", 7));
}

TEST(PageCache, ANewVersionDropsEveryAnswer) {
  PageCache cache(1 << 20);
  cache.put("/a", 7, "page a");
  cache.put("/b", 7, "page b");
  EXPECT_FALSE(cache.find("/a", 8));
  EXPECT_EQ(cache.entries(), 0u);
  EXPECT_EQ(cache.size_bytes(), 0u);
  // Nor does going back to the old version bring them back.
  EXPECT_FALSE(cache.find("/b", 7));
}

TEST(PageCache, AnAnswerReadBeforeTheLatestWriteIsNotKept) {
  PageCache cache(1 << 20);
  EXPECT_FALSE(cache.find("/a", 9));  // another request already saw version 9
  cache.put("/a", 8, "read at version 8");
  EXPECT_FALSE(cache.find("/a", 9));
  EXPECT_EQ(cache.entries(), 0u);
}

TEST(PageCache, ReplacingAKeyKeepsOneEntry) {
  PageCache cache(1 << 20);
  cache.put("/a", 1, "first");
  cache.put("/a", 1, "second answer");
  EXPECT_EQ(cache.find("/a", 1), "second answer");
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.size_bytes(), std::string("/a").size() + std::string("second answer").size());
}

TEST(PageCache, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  PageCache cache(400);  // bodies of 90 bytes + 2-byte keys: four fit
  const std::string body(90, 'x');
  for (const char* key : {"/1", "/2", "/3", "/4"}) cache.put(key, 1, body);
  EXPECT_EQ(cache.entries(), 4u);
  ASSERT_TRUE(cache.find("/1", 1));  // /1 is now the most recently used
  cache.put("/5", 1, body);
  EXPECT_LE(cache.size_bytes(), 400u);
  EXPECT_TRUE(cache.find("/1", 1));
  EXPECT_FALSE(cache.find("/2", 1));  // the least recently used went first
  EXPECT_TRUE(cache.find("/5", 1));
}

TEST(PageCache, DoesNotKeepAnAnswerTooLargeForIt) {
  PageCache cache(400);
  cache.put("/small", 1, "ok");
  cache.put("/big", 1, std::string(200, 'x'));  // more than a quarter of the budget
  EXPECT_FALSE(cache.find("/big", 1));
  EXPECT_TRUE(cache.find("/small", 1));
}

TEST(PageCache, ASizeOfZeroKeepsNothing) {
  PageCache cache(0);
  cache.put("/a", 1, "page");
  EXPECT_FALSE(cache.find("/a", 1));
}

TEST(PageCache, ConcurrentReadersAndWritersKeepItConsistent) {
  PageCache cache(64 * 1024);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 5000; ++i) {
        const std::uint64_t version = static_cast<std::uint64_t>(i / 500);
        const std::string key = "/page/" + std::to_string((i * 7 + t) % 40);
        const std::string body = key + "@" + std::to_string(version);
        if (auto hit = cache.find(key, version)) {
          EXPECT_EQ(*hit, body);  // never an answer from another version or key
        } else {
          cache.put(key, version, body);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(cache.size_bytes(), 64u * 1024);
}

}  // namespace
}  // namespace poblysh::http::api
