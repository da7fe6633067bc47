#include "signer.hpp"

#include <array>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace poblysh::calcom_sim {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // OpenSSL's C API takes untyped bytes; the casts only reinterpret char as unsigned char.
  const auto* key_bytes = static_cast<const void*>(key.data());
  const auto* message_bytes = reinterpret_cast<const unsigned char*>(message.data());
  if (HMAC(EVP_sha256(), key_bytes, static_cast<int>(key.size()), message_bytes, message.size(), digest.data(),
           &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0x0f];
  }
  return hex;
}

std::string webhook_signature(const std::optional<std::string>& secret, std::string_view body) {
  if (!secret || secret->empty()) return "no-secret-provided";
  return hmac_sha256_hex(*secret, body);
}

}  // namespace poblysh::calcom_sim
