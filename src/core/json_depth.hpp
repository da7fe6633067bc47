// core: how deeply a JSON text nests, counted in one pass without parsing it, so that no
// recursive parser (nlohmann's) and no dump() ever sees a document deep enough to exhaust the
// stack: a signed webhook nested 100,000 levels would otherwise crash the process.
#pragma once

#include <cstddef>
#include <string_view>

namespace poblysh {

// Deeper than anything we read or Cal.com sends (its deliveries nest 5 levels).
inline constexpr std::size_t kMaxJsonDepth = 32;

// False when arrays and objects in `text` nest deeper than `max_depth`. Brackets inside strings
// do not count; the text need not be valid JSON (the parser judges that afterwards).
bool json_depth_within(std::string_view text, std::size_t max_depth = kMaxJsonDepth);

}  // namespace poblysh
