// calcom-sim: the webhook signature Cal.com sends in X-Cal-Signature-256.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace poblysh::calcom_sim {

// Lowercase hex HMAC-SHA256 of the exact body bytes keyed with the secret; without a secret
// Cal.com sends the literal "no-secret-provided" instead of a digest.
std::string webhook_signature(const std::optional<std::string>& secret, std::string_view body);

std::string hmac_sha256_hex(std::string_view key, std::string_view message);

}  // namespace poblysh::calcom_sim
