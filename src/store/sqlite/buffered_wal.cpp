#include "store/sqlite/buffered_wal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>

namespace poblysh::store {
namespace {

constexpr const char* kName = "poblysh-buffered-wal";
constexpr std::size_t kFlushBytes = std::size_t{4} << 20;

// The sqlite3_file SQLite allocates for a WAL file (szOsFile bytes): ours, then the default
// VFS's own file right after it.
struct BufferedWal {
  sqlite3_file base;  // pMethods = &kWalMethods
  sqlite3_file* real;
  std::string* pending;      // appended bytes not yet written (heap: SQLite's memory is raw)
  sqlite3_int64 pending_at;  // file offset of pending's first byte
};

static_assert(sizeof(BufferedWal) % 8 == 0, "the default VFS's file follows, 8-byte aligned");

BufferedWal* wal_of(sqlite3_file* file) { return reinterpret_cast<BufferedWal*>(file); }
const sqlite3_io_methods& real_methods(BufferedWal* wal) { return *wal->real->pMethods; }

int flush(BufferedWal* wal) {
  // The default VFS writes at most 128 KiB - 1 per call (it masks larger sizes), so pending
  // bytes go out in 64 KiB pieces: still a few calls where each frame would take two.
  constexpr std::size_t kPiece = std::size_t{64} << 10;
  int rc = SQLITE_OK;
  const auto& pending = *wal->pending;
  for (std::size_t done = 0; done < pending.size() && rc == SQLITE_OK; done += kPiece) {
    const std::size_t size = std::min(kPiece, pending.size() - done);
    rc = real_methods(wal).xWrite(wal->real, pending.data() + done, static_cast<int>(size),
                                  wal->pending_at + static_cast<sqlite3_int64>(done));
  }
  // On failure the frames are lost, and SQLite hears it from the sync (or read) that flushed:
  // the commit fails and the wal-index never points at them.
  if (wal->pending->capacity() > (std::size_t{1} << 20)) {
    std::string().swap(*wal->pending);  // a rare large transaction does not pin its size
  } else {
    wal->pending->clear();
  }
  return rc;
}

int wal_close(sqlite3_file* file) {
  auto* wal = wal_of(file);
  const int flushed = flush(wal);
  const int closed = real_methods(wal).xClose(wal->real);
  delete wal->pending;
  wal->pending = nullptr;
  return flushed != SQLITE_OK ? flushed : closed;
}

int wal_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  auto* wal = wal_of(file);
  if (const int rc = flush(wal); rc != SQLITE_OK) return rc;
  return real_methods(wal).xRead(wal->real, buffer, amount, offset);
}

int wal_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  auto* wal = wal_of(file);
  auto& pending = *wal->pending;
  // Only appends are kept: a write elsewhere (the header of a restarted WAL, a frame rewritten
  // within its transaction) first writes out what is pending, then starts over from there.
  if (!pending.empty() && offset != wal->pending_at + static_cast<sqlite3_int64>(pending.size())) {
    if (const int rc = flush(wal); rc != SQLITE_OK) return rc;
  }
  if (pending.empty()) wal->pending_at = offset;
  try {
    pending.append(static_cast<const char*>(data), static_cast<std::size_t>(amount));
  } catch (const std::bad_alloc&) {
    return SQLITE_IOERR_NOMEM;
  }
  return pending.size() >= kFlushBytes ? flush(wal) : SQLITE_OK;
}

int wal_truncate(sqlite3_file* file, sqlite3_int64 size) {
  auto* wal = wal_of(file);
  if (const int rc = flush(wal); rc != SQLITE_OK) return rc;
  return real_methods(wal).xTruncate(wal->real, size);
}

int wal_sync(sqlite3_file* file, int flags) {
  auto* wal = wal_of(file);
  if (const int rc = flush(wal); rc != SQLITE_OK) return rc;
  return real_methods(wal).xSync(wal->real, flags);
}

int wal_file_size(sqlite3_file* file, sqlite3_int64* size) {
  auto* wal = wal_of(file);
  if (const int rc = flush(wal); rc != SQLITE_OK) return rc;
  return real_methods(wal).xFileSize(wal->real, size);
}

int wal_lock(sqlite3_file* file, int level) { return real_methods(wal_of(file)).xLock(wal_of(file)->real, level); }
int wal_unlock(sqlite3_file* file, int level) { return real_methods(wal_of(file)).xUnlock(wal_of(file)->real, level); }
int wal_check_reserved_lock(sqlite3_file* file, int* out) {
  return real_methods(wal_of(file)).xCheckReservedLock(wal_of(file)->real, out);
}

int wal_file_control(sqlite3_file* file, int op, void* argument) {
  auto* wal = wal_of(file);
  if (const int rc = flush(wal); rc != SQLITE_OK) return rc;
  return real_methods(wal).xFileControl(wal->real, op, argument);
}

int wal_sector_size(sqlite3_file* file) { return real_methods(wal_of(file)).xSectorSize(wal_of(file)->real); }
int wal_device_characteristics(sqlite3_file* file) {
  return real_methods(wal_of(file)).xDeviceCharacteristics(wal_of(file)->real);
}

// Version 1: shared memory and memory mapping belong to the database file, never the WAL.
const sqlite3_io_methods kWalMethods = {
    1,
    wal_close,
    wal_read,
    wal_write,
    wal_truncate,
    wal_sync,
    wal_file_size,
    wal_lock,
    wal_unlock,
    wal_check_reserved_lock,
    wal_file_control,
    wal_sector_size,
    wal_device_characteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

sqlite3_vfs* base_of(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int vfs_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  sqlite3_vfs* base = base_of(vfs);
  if ((flags & SQLITE_OPEN_WAL) == 0) return base->xOpen(base, name, file, flags, out_flags);
  auto* wal = wal_of(file);
  wal->real = reinterpret_cast<sqlite3_file*>(wal + 1);
  wal->real->pMethods = nullptr;
  wal->pending = nullptr;
  file->pMethods = nullptr;
  const int rc = base->xOpen(base, name, wal->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (wal->real->pMethods != nullptr) wal->real->pMethods->xClose(wal->real);
    return rc;
  }
  wal->pending = new (std::nothrow) std::string;
  if (wal->pending == nullptr) {
    wal->real->pMethods->xClose(wal->real);
    return SQLITE_NOMEM;
  }
  wal->pending_at = 0;
  file->pMethods = &kWalMethods;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  return base_of(vfs)->xDelete(base_of(vfs), name, sync_dir);
}
int vfs_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return base_of(vfs)->xAccess(base_of(vfs), name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
  return base_of(vfs)->xFullPathname(base_of(vfs), name, size, out);
}
void* vfs_dl_open(sqlite3_vfs* vfs, const char* name) { return base_of(vfs)->xDlOpen(base_of(vfs), name); }
void vfs_dl_error(sqlite3_vfs* vfs, int size, char* out) { base_of(vfs)->xDlError(base_of(vfs), size, out); }
void (*vfs_dl_sym(sqlite3_vfs* vfs, void* handle, const char* symbol))(void) {
  return base_of(vfs)->xDlSym(base_of(vfs), handle, symbol);
}
void vfs_dl_close(sqlite3_vfs* vfs, void* handle) { base_of(vfs)->xDlClose(base_of(vfs), handle); }
int vfs_randomness(sqlite3_vfs* vfs, int size, char* out) { return base_of(vfs)->xRandomness(base_of(vfs), size, out); }
int vfs_sleep(sqlite3_vfs* vfs, int microseconds) { return base_of(vfs)->xSleep(base_of(vfs), microseconds); }
int vfs_current_time(sqlite3_vfs* vfs, double* out) { return base_of(vfs)->xCurrentTime(base_of(vfs), out); }
int vfs_get_last_error(sqlite3_vfs* vfs, int size, char* out) {
  return base_of(vfs)->xGetLastError(base_of(vfs), size, out);
}
int vfs_current_time_int64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return base_of(vfs)->xCurrentTimeInt64(base_of(vfs), out);
}

}  // namespace

const char* buffered_wal_vfs() {
  static std::once_flag registered;
  static sqlite3_vfs vfs{};
  std::call_once(registered, [] {
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    if (base == nullptr || base->iVersion < 2) throw std::runtime_error("SQLite has no usable default VFS");
    vfs.iVersion = 2;
    vfs.szOsFile = static_cast<int>(sizeof(BufferedWal)) + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.zName = kName;
    vfs.pAppData = base;
    vfs.xOpen = vfs_open;
    vfs.xDelete = vfs_delete;
    vfs.xAccess = vfs_access;
    vfs.xFullPathname = vfs_full_pathname;
    vfs.xDlOpen = vfs_dl_open;
    vfs.xDlError = vfs_dl_error;
    vfs.xDlSym = vfs_dl_sym;
    vfs.xDlClose = vfs_dl_close;
    vfs.xRandomness = vfs_randomness;
    vfs.xSleep = vfs_sleep;
    vfs.xCurrentTime = vfs_current_time;
    vfs.xGetLastError = vfs_get_last_error;
    vfs.xCurrentTimeInt64 = vfs_current_time_int64;
    if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK) throw std::runtime_error("cannot register the SQLite VFS");
  });
  return kName;
}

}  // namespace poblysh::store
