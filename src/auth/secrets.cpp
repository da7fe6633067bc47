#include "auth/secrets.hpp"

#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace poblysh::auth {

void initialise_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

Result<std::string> hash_password(const std::string& password) {
  char hashed[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hashed, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return fail(ErrorCode::internal, "Something went wrong on our side.", "crypto_pwhash_str ran out of memory");
  }
  return std::string(hashed);
}

bool verify_password(const std::string& password, const std::string& stored_hash) {
  if (stored_hash.empty()) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.find('\0'));
  return encoded;
}

std::string token_digest(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string generate_password() {
  // 4 groups of 5 from an alphabet without look-alikes (0/O, 1/l/I): easy to read and type.
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int group = 0; group < 4; ++group) {
    if (group > 0) password += '-';
    for (int i = 0; i < 5; ++i) password += kAlphabet[randombytes_uniform(sizeof(kAlphabet) - 1)];
  }
  return password;
}

}  // namespace poblysh::auth
