// webhooks: the HMAC that proves a delivery came from our Cal.com webhook (API-NOTES §5).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace poblysh::webhooks {

// Lowercase hex HMAC-SHA256 of `message` with `key`, as Cal.com puts in X-Cal-Signature-256.
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Whether `header` is the signature of the exact raw `body` under `secret`. Constant time in
// the compared bytes (CRYPTO_memcmp), so an attacker cannot learn the signature byte by byte.
// An empty secret never verifies: we refuse unsigned deliveries rather than accept everything.
bool signature_matches(std::string_view secret, std::string_view body, std::optional<std::string_view> header);

// SHA-256 of `data` as lowercase hex (dedupe keys of bodies we cannot otherwise identify).
std::string sha256_hex(std::string_view data);

}  // namespace poblysh::webhooks
