#pragma once

// Stored password verifiers, in PostgreSQL's SCRAM-SHA-256 format (RFC 5802 / RFC 7677):
//
//   SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>
//
// The server keeps only this verifier, never the password. A verifier made here can be set
// as a PostgreSQL role's password (ALTER ROLE ... PASSWORD '<verifier>') and the reverse.
//
// The password is used as its UTF-8 bytes. PostgreSQL first applies SASLprep, which leaves
// ASCII passwords unchanged; non-ASCII passwords that SASLprep would normalize differ.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace datacave {

struct ScramVerifier {
  static constexpr int kDefaultIterations = 4096;  // PostgreSQL's scram_iterations default
  static constexpr size_t kSaltBytes = 16;         // as PostgreSQL generates
  static constexpr size_t kKeyBytes = 32;          // SHA-256 output

  int iterations = 0;
  std::string salt;        // raw bytes
  std::string stored_key;  // raw bytes: H(ClientKey)
  std::string server_key;  // raw bytes: HMAC(SaltedPassword, "Server Key")

  // A verifier for password with a fresh random salt (OpenSSL's CSPRNG).
  static Result<ScramVerifier> Generate(std::string_view password,
                                        int iterations = kDefaultIterations);
  // The same with a given salt; deterministic, for tests and for the SCRAM exchange.
  static ScramVerifier FromSalt(std::string_view password, std::string_view salt, int iterations);
  // Parses the text form; InvalidArgument explains what is wrong.
  static Result<ScramVerifier> Parse(std::string_view text);

  std::string ToString() const;
  // True when password produces this verifier (constant time in the key comparison).
  bool Matches(std::string_view password) const;
};

// PostgreSQL's older MD5 password hash, "md5" + hex(MD5(password + user name)). It is salted
// only with the user name, so it is weaker than a SCRAM verifier; it exists because
// auth.method = "md5" needs it (a SCRAM verifier cannot answer an MD5 challenge).
std::string Md5PasswordHash(std::string_view password, std::string_view user);
// True for "md5" followed by 32 lowercase hex digits.
bool IsMd5PasswordHash(std::string_view text);
// The answer to an MD5 challenge: "md5" + hex(MD5(hex part of hash + 4-byte salt)). The
// client computes it from the password, the server from the stored hash.
std::string Md5ChallengeResponse(std::string_view md5_password_hash, std::string_view salt);

// n bytes from OpenSSL's CSPRNG (salts, nonces, cancel keys).
Result<std::string> SecureRandomBytes(size_t n);

// SCRAM primitives, shared with the protocol's authentication exchange.
namespace scram {
std::string SaltedPassword(std::string_view password, std::string_view salt, int iterations);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);
std::string Base64Encode(std::string_view raw);
// Fails on characters outside the base64 alphabet or bad padding.
Result<std::string> Base64Decode(std::string_view text);
}  // namespace scram

}  // namespace datacave
