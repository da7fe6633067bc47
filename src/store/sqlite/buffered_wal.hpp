// store/sqlite: a VFS that hands a commit's WAL frames to the kernel in one write.
#pragma once

namespace poblysh::store {

// SQLite appends each WAL frame with two writes (its 24-byte header, then the page), so a
// commit of a few hundred pages would be a few hundred system calls inside the one serial section
// (each costly on a virtual machine). Files opened through this VFS are the default VFS's, except
// that a WAL file keeps contiguous appends in memory and writes them at once when SQLite syncs,
// reads, truncates, sizes or closes it — or past 4 MiB.
//
// Only for connections that run with synchronous=FULL (or EXTRA): then every commit syncs the
// WAL before the wal-index makes its frames visible, so no reader, in this process or another,
// can look for a frame that is still in memory. With synchronous=NORMAL a commit does not sync
// and its frames could stay buffered after they are published: never use it so.
//
// Registered once per process (SQLite's list of VFSes is process-wide); returns its name, for
// sqlite3_open_v2.
const char* buffered_wal_vfs();

}  // namespace poblysh::store
