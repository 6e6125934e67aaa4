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
