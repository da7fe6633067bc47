// http::StaticFiles holds the app's files in memory: a folder past its bounds stops start-up
// rather than filling memory, and a symlink in it is never one of the files.
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "temp_dir.hpp"

namespace poblysh::http {
namespace {

namespace fs = std::filesystem;

TEST(StaticFiles, AFolderOverTheByteBoundIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "index.html") << "<!doctype html>";
  fs::resize_file(dir.path() / "index.html", StaticFiles::kMaxTotalBytes + 1);  // sparse: no disk used
  EXPECT_THROW(StaticFiles::load(dir.path().string()), std::runtime_error);
  fs::resize_file(dir.path() / "index.html", 1024);
  EXPECT_EQ(StaticFiles::load(dir.path().string()).total_bytes(), 1024u);
}

TEST(StaticFiles, AFolderOverTheFileBoundIsRefused) {
  testing::TempDir dir;
  for (std::size_t i = 0; i <= StaticFiles::kMaxFiles; ++i) std::ofstream(dir.path() / (std::to_string(i) + ".js"));
  EXPECT_THROW(StaticFiles::load(dir.path().string()), std::runtime_error);
  fs::remove(dir.path() / "0.js");
  EXPECT_EQ(StaticFiles::load(dir.path().string()).file_count(), StaticFiles::kMaxFiles);
}

TEST(StaticFiles, SymlinksAndAMissingFolderGiveNoFiles) {
  testing::TempDir dir;
  fs::create_symlink("/etc/hostname", dir.path() / "hostname.txt");
  EXPECT_EQ(StaticFiles::load(dir.path().string()).file_count(), 0u);
  EXPECT_EQ(StaticFiles::load((dir.path() / "missing").string()).file_count(), 0u);
}

}  // namespace
}  // namespace poblysh::http
