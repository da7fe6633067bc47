// auth: password hashing (argon2id) and random tokens, both through libsodium.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace poblysh::auth {

// Call once at start-up; throws if libsodium cannot initialise.
void initialise_crypto();

Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& password, const std::string& stored_hash);

// A URL-safe random token with `bytes` bytes of entropy.
std::string random_token(std::size_t bytes = 32);
// Tokens are stored as their SHA-256, so a copy of the database does not let anyone sign in.
std::string token_digest(std::string_view token);
// A readable random password for generated accounts.
std::string generate_password();

}  // namespace poblysh::auth
