// VersionGate: the rule of the caches of store reads (entries read at the store's version).
#include "core/version_gate.hpp"

#include <gtest/gtest.h>

namespace poblysh {
namespace {

using Seen = VersionGate::Seen;

TEST(VersionGate, ANewerVersionReplacesTheEntriesAndAnOlderReadIsNotKept) {
  VersionGate gate;
  EXPECT_FALSE(gate.is_current(0));
  EXPECT_EQ(gate.see(7), Seen::newer);  // the first version seen: nothing kept yet
  EXPECT_TRUE(gate.is_current(7));
  EXPECT_EQ(gate.see(7), Seen::current);
  EXPECT_EQ(gate.see(6), Seen::older);  // a read that began before the commit to 7
  EXPECT_TRUE(gate.is_current(7));      // and it moved nothing
  EXPECT_FALSE(gate.is_current(8));     // a look-up does not move it either
  EXPECT_TRUE(gate.is_current(7));
  EXPECT_EQ(gate.see(9), Seen::newer);
  EXPECT_FALSE(gate.is_current(7));
  // A counter that restarted lower (a new database file) is refused until it passes 9.
  EXPECT_EQ(gate.see(2), Seen::older);
  EXPECT_EQ(gate.see(10), Seen::newer);
}

}  // namespace
}  // namespace poblysh
