// core: the rule the caches of store reads share (the page cache, the session cache).
//
// An entry read while the store was at version V (store::ChangeCounter) stays true while the
// store is still at V. A newer version empties the cache. An entry read at an older version (a
// read that began before a commit the cache has already seen) is not kept; neither is one read
// after a counter that restarted lower (a new database file) until it passes the old value,
// which keeps the cache idle for a while and is never wrong. Not synchronised: its owner's
// lock guards it with the entries.
#pragma once

#include <cstdint>

namespace poblysh {

class VersionGate {
 public:
  enum class Seen { older, current, newer };

  // What `version` is to the entries'; a newer one becomes theirs (the owner empties the cache).
  Seen see(std::uint64_t version) {
    if (has_version_ && version == version_) return Seen::current;
    if (has_version_ && version < version_) return Seen::older;
    version_ = version;
    has_version_ = true;
    return Seen::newer;
  }
  // Whether entries kept now were read at `version` (a look-up that changes nothing).
  bool is_current(std::uint64_t version) const { return has_version_ && version == version_; }

 private:
  std::uint64_t version_ = 0;
  bool has_version_ = false;
};

}  // namespace poblysh
