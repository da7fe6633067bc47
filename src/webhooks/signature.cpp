#include "webhooks/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include <array>
#include <mutex>
#include <stdexcept>

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
  return SignatureCheck(secret).matches(body, header);
}

struct SignatureCheck::Keyed {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* keyed = nullptr;
  std::mutex mutex;  // copying a context only reads it, but OpenSSL promises nothing of the kind

  ~Keyed() {
    EVP_MAC_CTX_free(keyed);
    EVP_MAC_free(mac);
  }
};

SignatureCheck::SignatureCheck(std::string_view secret) {
  if (secret.empty()) return;
  keyed_ = std::make_unique<Keyed>();
  keyed_->mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  keyed_->keyed = keyed_->mac ? EVP_MAC_CTX_new(keyed_->mac) : nullptr;
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
  if (!keyed_->keyed ||
      EVP_MAC_init(keyed_->keyed, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), params) != 1) {
    throw std::runtime_error("OpenSSL could not key HMAC-SHA256");
  }
}

SignatureCheck::~SignatureCheck() = default;

bool SignatureCheck::matches(std::string_view body, std::optional<std::string_view> header) const {
  if (!keyed_ || !header) return false;
  EVP_MAC_CTX* context = nullptr;
  {
    std::lock_guard lock(keyed_->mutex);
    context = EVP_MAC_CTX_dup(keyed_->keyed);
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  std::size_t length = 0;
  const bool computed =
      context && EVP_MAC_update(context, reinterpret_cast<const unsigned char*>(body.data()), body.size()) == 1 &&
      EVP_MAC_final(context, digest.data(), &length, digest.size()) == 1;
  EVP_MAC_CTX_free(context);
  if (!computed) return false;
  const std::string expected = to_hex(digest.data(), length);
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
