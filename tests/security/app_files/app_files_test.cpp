// An anonymous GET must never read a file outside the built app: absolute paths ("//etc/passwd"),
// encoded dots and slashes, backslashes, NUL, a symlink placed in the app's folder, a file added
// after start-up. Each answer is checked for the secrets it would reveal.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "raw_http.hpp"
#include "service_process.hpp"
#include "temp_dir.hpp"

namespace poblysh::testing {
namespace {

namespace fs = std::filesystem;

const std::string kIndex = "<!doctype html><title>app index</title>";
const std::string kScript = "console.log('app script')";
const std::string kOutsideSecret = "outside-secret-7f3a";
const std::string kWebhookSecret = "webhook-secret-in-environment-91c2";

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

class AppFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    write(app_.path() / "index.html", kIndex);
    write(app_.path() / "assets" / "app-1a2b.js", kScript);
    write(outside_.path() / "secret.txt", kOutsideSecret);
    fs::create_symlink(outside_.path() / "secret.txt", app_.path() / "linked.txt");
    fs::create_directory_symlink(outside_.path(), app_.path() / "linked-dir");
    fs::create_directory_symlink("/etc", app_.path() / "etc");
    service_ = std::make_unique<Service>(
        Env{{"POBLYSH_STATIC_DIR", app_.path().string()}, {"POBLYSH_CALCOM_WEBHOOK_SECRET", kWebhookSecret}});
  }

  // Nothing outside the app's set: no secret, no system file, only the app's own bytes.
  void expect_nothing_outside(const std::string& path) {
    const auto answer = raw_get(service_->process().address(), path);
    SCOPED_TRACE("path " + path + " answered " + answer.head);
    EXPECT_NE(answer.status, 0);
    EXPECT_EQ(answer.body.find(kOutsideSecret), std::string::npos);
    EXPECT_EQ(answer.body.find(kWebhookSecret), std::string::npos);
    EXPECT_EQ(answer.body.find("root:"), std::string::npos);
    EXPECT_EQ(answer.body.find("POBLYSH_"), std::string::npos);
    if (answer.status == 200) {
      EXPECT_EQ(answer.body, kIndex);
    }
  }

  // After each class: the service answers, holds a bounded amount of memory, and its log holds
  // neither the secret nor a sanitizer report.
  void TearDown() override {
    EXPECT_EQ(raw_get(service_->process().address(), "/healthz").status, 200);
    EXPECT_LT(service_->process().resident_mib(), 256u);
    const auto log = service_->process().stdout_text() + service_->process().stderr_text();
    EXPECT_EQ(log.find(kWebhookSecret), std::string::npos);
    EXPECT_EQ(log.find(kOutsideSecret), std::string::npos);
    EXPECT_EQ(log.find("AddressSanitizer"), std::string::npos);
  }

  TempDir app_;
  TempDir outside_;
  std::unique_ptr<Service> service_;
};

TEST_F(AppFiles, ServesTheAppsOwnFiles) {
  const auto address = service_->process().address();
  EXPECT_EQ(raw_get(address, "/").body, kIndex);
  EXPECT_EQ(raw_get(address, "/index.html").body, kIndex);
  const auto script = raw_get(address, "/assets/app-1a2b.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.body, kScript);
  EXPECT_EQ(script.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script.header("cache-control"), "public, max-age=31536000, immutable");
  // An app route (no extension) is the app's index; a missing file with an extension is a 404.
  EXPECT_EQ(raw_get(address, "/startups/42").body, kIndex);
  EXPECT_EQ(raw_get(address, "/assets/missing.js").status, 404);
}

TEST_F(AppFiles, AnUnchangedFileIsNotSentAgain) {
  const auto address = service_->process().address();
  const auto first = raw_get(address, "/assets/app-1a2b.js");
  ASSERT_TRUE(first.header("etag"));
  const auto again =
      raw_exchange(address, "GET /assets/app-1a2b.js HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + *first.header("etag") +
                                "\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(AppFiles, AbsoluteAndTraversingPathsReadNothingOutside) {
  for (const std::string& path : std::vector<std::string>{"//etc/passwd",
                                                          "//proc/self/environ",
                                                          "//proc/self/cmdline",
                                                          "//proc/self/fd/1",
                                                          "///etc/passwd",
                                                          "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                                          "/..%2f..%2f..%2fetc%2fpasswd",
                                                          "/%2f%2fetc%2fpasswd",
                                                          "/%2fetc/passwd",
                                                          "/../../../../etc/passwd",
                                                          "/assets/../../../etc/passwd",
                                                          "/..\\..\\etc\\passwd",
                                                          "/\\etc\\passwd",
                                                          "/index.html%00.js",
                                                          "/assets/app-1a2b.js%00",
                                                          "/.%2e/.%2e/etc/passwd",
                                                          "/%252e%252e/etc/passwd",
                                                          "/etc/passwd",
                                                          "/etc/hostname",
                                                          "/linked.txt",
                                                          "/linked-dir/secret.txt",
                                                          "/./linked.txt",
                                                          "/assets/./app-1a2b.js/../../linked.txt",
                                                          "/" + std::string(300, '/') + "etc/passwd"}) {
    expect_nothing_outside(path);
  }
  // NUL and control characters in the request line are refused by the parser or answer nothing.
  static constexpr char kWithNul[] = "GET /index.html\0/../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  const auto with_nul = raw_exchange(service_->process().address(), std::string(kWithNul, sizeof kWithNul - 1));
  EXPECT_EQ(with_nul.body.find("root:"), std::string::npos);
}

TEST_F(AppFiles, ASymlinkInTheFolderIsNotServed) {
  const auto address = service_->process().address();
  EXPECT_EQ(raw_get(address, "/linked.txt").status, 404);
  EXPECT_EQ(raw_get(address, "/linked-dir/secret.txt").status, 404);
  EXPECT_EQ(raw_get(address, "/etc/hostname").body, kIndex);  // an app route, not the linked folder's file
}

TEST_F(AppFiles, AFileAddedAfterStartUpIsNotServedUntilRestart) {
  write(app_.path() / "late.txt", "added later");
  write(app_.path() / "assets" / "late-9z.js", "added later");
  const auto address = service_->process().address();
  EXPECT_EQ(raw_get(address, "/late.txt").status, 404);
  EXPECT_EQ(raw_get(address, "/assets/late-9z.js").status, 404);
}

}  // namespace
}  // namespace poblysh::testing
