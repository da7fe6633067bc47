#include "store/sqlite/change_counter.hpp"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <stdexcept>

namespace poblysh::store {
namespace {

// The WAL-index header (walformat.html): 48 bytes, in the machine's byte order, twice.
constexpr std::size_t kHeaderWords = 12;
constexpr std::size_t kHeaderBytes = kHeaderWords * 4;
constexpr std::uint32_t kWalIndexVersion = 3007000;
constexpr std::size_t kVersionWord = 0, kChangeWord = 2, kInitWord = 3, kMaxFrameWord = 4;
constexpr int kTornReadRetries = 64;

using HeaderCopy = std::array<std::uint32_t, kHeaderWords>;

HeaderCopy load(const unsigned char* at) {
  HeaderCopy copy;
  const auto* words = reinterpret_cast<const std::uint32_t*>(at);
  for (std::size_t i = 0; i < kHeaderWords; ++i) copy[i] = __atomic_load_n(words + i, __ATOMIC_RELAXED);
  return copy;
}

bool is_initialised(const HeaderCopy& header) {
  // isInit is the first byte of its word, whatever the byte order.
  std::uint8_t is_init = 0;
  std::memcpy(&is_init, reinterpret_cast<const unsigned char*>(header.data() + kInitWord), 1);
  return header[kVersionWord] == kWalIndexVersion && is_init == 1;
}

}  // namespace

SqliteChangeCounter::SqliteChangeCounter(const std::string& path) {
  // Read-only and never in a transaction: it must not hold a WAL snapshot or a lock between
  // calls. Its first read opens the WAL index, and while it stays open no other connection
  // starts the index afresh (which would truncate the mapped file).
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, "PRAGMA data_version", -1, &statement_, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error("cannot open SQLite database " + path + " to watch for changes: " + message);
  }
  sqlite3_busy_timeout(db_, 1000);
  const bool wal = [&] {
    sqlite3_stmt* mode = nullptr;
    bool is_wal = sqlite3_prepare_v2(db_, "PRAGMA journal_mode", -1, &mode, nullptr) == SQLITE_OK &&
                  sqlite3_step(mode) == SQLITE_ROW &&
                  std::strcmp(reinterpret_cast<const char*>(sqlite3_column_text(mode, 0)), "wal") == 0;
    sqlite3_finalize(mode);
    return is_wal;
  }();
  if (!wal || !data_version()) return;
  // The header as SQLite maps it for this connection (its first region of the -shm file), valid
  // until the connection closes. Not a mapping through a descriptor of our own: closing any
  // descriptor of a file drops every POSIX lock the process holds on it, SQLite's lock on the
  // index among them, and the next process to open the database would take the index for
  // abandoned and truncate it under our writer.
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || file == nullptr ||
      file->pMethods == nullptr || file->pMethods->iVersion < 2 || file->pMethods->xShmMap == nullptr) {
    return;
  }
  constexpr int kWalIndexRegion = 32768;  // WALINDEX_PGSZ: SQLite maps the index in regions of this size
  void volatile* region = nullptr;
  if (file->pMethods->xShmMap(file, 0, kWalIndexRegion, 0, &region) != SQLITE_OK || region == nullptr) return;
  header_ = static_cast<const unsigned char*>(const_cast<void*>(region));
  if (!header_state()) header_ = nullptr;  // not a layout we know: ask SQLite every time instead
}

SqliteChangeCounter::~SqliteChangeCounter() {
  sqlite3_finalize(statement_);
  sqlite3_close(db_);
}

std::optional<std::uint64_t> SqliteChangeCounter::header_state() const {
  // As SQLite's readers do: the first copy, then the second; a writer writes them in the other
  // order, so equal copies are one whole header.
  for (int attempt = 0; attempt < kTornReadRetries; ++attempt) {
    const auto first = load(header_);
    std::atomic_thread_fence(std::memory_order_acquire);
    const auto second = load(header_ + kHeaderBytes);
    if (first != second) continue;
    if (!is_initialised(first)) return std::nullopt;
    return (std::uint64_t{first[kChangeWord]} << 32) | first[kMaxFrameWord];
  }
  return std::nullopt;
}

std::optional<std::uint64_t> SqliteChangeCounter::data_version() {
  std::optional<std::uint64_t> out;
  if (sqlite3_step(statement_) == SQLITE_ROW) out = static_cast<std::uint64_t>(sqlite3_column_int64(statement_, 0));
  sqlite3_reset(statement_);
  return out;
}

std::uint64_t SqliteChangeCounter::moved_to(std::uint64_t state) {
  const auto sequence = sequence_.load(std::memory_order_relaxed);
  const auto epoch = epoch_.load(std::memory_order_relaxed);
  if (state_.load(std::memory_order_relaxed) == state) return epoch;
  sequence_.store(sequence + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  state_.store(state, std::memory_order_relaxed);
  epoch_.store(epoch + 1, std::memory_order_relaxed);
  sequence_.store(sequence + 2, std::memory_order_release);
  return epoch + 1;
}

std::optional<std::uint64_t> SqliteChangeCounter::value() {
  if (header_) {
    if (auto state = header_state()) {
      for (;;) {
        const auto before = sequence_.load(std::memory_order_acquire);
        if (before & 1) continue;  // being changed by another caller
        const auto seen = state_.load(std::memory_order_relaxed);
        const auto epoch = epoch_.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (sequence_.load(std::memory_order_relaxed) != before) continue;
        if (seen == *state) return epoch;
        break;
      }
    }
  }
  // A header not seen yet (or none to read): settle it one caller at a time, reading the
  // header again under the lock so that a caller holding an older copy cannot move the state back.
  std::lock_guard lock(mutex_);
  if (header_) {
    if (auto state = header_state()) return moved_to(*state);
    // Rewritten under us again and again: move on, which costs kept answers nothing but a miss.
    return moved_to(state_.load(std::memory_order_relaxed) ^ (std::uint64_t{1} << 63));
  }
  auto version = data_version();
  if (!version) return std::nullopt;
  return moved_to(*version);
}

}  // namespace poblysh::store
