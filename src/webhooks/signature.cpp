#include "webhooks/signature.hpp"

#include <array>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace poblysh::webhooks {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), digest.data(), &length);
  return to_hex(digest.data(), length);
}

bool signature_matches(std::string_view secret, std::string_view body, std::optional<std::string_view> header) {
  if (secret.empty() || !header) return false;
  const std::string expected = hmac_sha256_hex(secret, body);
  // The length of a SHA-256 hex digest is public; only the content must not leak through timing.
  if (header->size() != expected.size()) return false;
  return CRYPTO_memcmp(expected.data(), header->data(), expected.size()) == 0;
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr);
  return to_hex(digest.data(), length);
}

}  // namespace poblysh::webhooks
