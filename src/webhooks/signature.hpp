// webhooks: the HMAC that proves a delivery came from our Cal.com webhook (API-NOTES §5).
#pragma once

#include <memory>
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

// signature_matches for one secret, keyed once. HMAC() looks its algorithms up in OpenSSL's
// provider store and keys a new context on every call, which cost ten times the hashing of a
// delivery's body; this keeps a keyed context and copies it per message. Shareable by threads.
class SignatureCheck {
 public:
  explicit SignatureCheck(std::string_view secret);  // throws when OpenSSL cannot key it
  ~SignatureCheck();
  SignatureCheck(const SignatureCheck&) = delete;
  SignatureCheck& operator=(const SignatureCheck&) = delete;

  bool matches(std::string_view body, std::optional<std::string_view> header) const;

 private:
  struct Keyed;
  std::unique_ptr<Keyed> keyed_;  // none for an empty secret, which never verifies
};

// SHA-256 of `data` as lowercase hex (dedupe keys of bodies we cannot otherwise identify).
std::string sha256_hex(std::string_view data);

}  // namespace poblysh::webhooks
