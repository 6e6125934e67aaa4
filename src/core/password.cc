#include "core/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <charconv>

namespace datacave {
namespace scram {

std::string SaltedPassword(std::string_view password, std::string_view salt, int iterations) {
  std::string out(ScramVerifier::kKeyBytes, '\0');
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(),
                    static_cast<int>(out.size()), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string out(EVP_MAX_MD_SIZE, '\0');
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       reinterpret_cast<unsigned char*>(out.data()), &len);
  out.resize(len);
  return out;
}

std::string Sha256(std::string_view data) {
  std::string out(SHA256_DIGEST_LENGTH, '\0');
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

std::string Base64Encode(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(raw.data()),
                          static_cast<int>(raw.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> Base64Decode(std::string_view text) {
  auto bad = [] { return Status::InvalidArgument("invalid base64"); };
  if (text.size() % 4 != 0) return bad();
  // EVP_DecodeBlock accepts whitespace and ignores some errors; check the alphabet first.
  size_t padding = 0;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '+' || c == '/';
    if (c == '=') {
      padding++;
    } else if (!alpha || padding > 0) {
      return bad();
    }
  }
  if (padding > 2) return bad();
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return bad();
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

}  // namespace scram

namespace {
std::string Md5Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; i++) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}
}  // namespace

std::string Md5PasswordHash(std::string_view password, std::string_view user) {
  return "md5" + Md5Hex(std::string(password) + std::string(user));
}

bool IsMd5PasswordHash(std::string_view text) {
  if (text.size() != 35 || text.substr(0, 3) != "md5") return false;
  for (char c : text.substr(3)) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string Md5ChallengeResponse(std::string_view md5_password_hash, std::string_view salt) {
  return "md5" + Md5Hex(std::string(md5_password_hash.substr(3)) + std::string(salt));
}

Result<std::string> SecureRandomBytes(size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    return Status::IOError("OpenSSL could not generate random bytes");
  }
  return out;
}

ScramVerifier ScramVerifier::FromSalt(std::string_view password, std::string_view salt,
                                      int iterations) {
  std::string salted = scram::SaltedPassword(password, salt, iterations);
  ScramVerifier v;
  v.iterations = iterations;
  v.salt = std::string(salt);
  v.stored_key = scram::Sha256(scram::HmacSha256(salted, "Client Key"));
  v.server_key = scram::HmacSha256(salted, "Server Key");
  return v;
}

Result<ScramVerifier> ScramVerifier::Generate(std::string_view password, int iterations) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    return Status::IOError("OpenSSL could not generate a random salt");
  }
  return FromSalt(password, salt, iterations);
}

Result<ScramVerifier> ScramVerifier::Parse(std::string_view text) {
  auto bad = [](const std::string& why) {
    return Status::InvalidArgument(
        "not a SCRAM-SHA-256 verifier (" + why +
        "); expected SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> as printed by "
        "`datacave gen-password-hash`");
  };
  constexpr std::string_view kPrefix = "SCRAM-SHA-256$";
  if (text.substr(0, kPrefix.size()) != kPrefix) return bad("missing SCRAM-SHA-256$ prefix");
  text.remove_prefix(kPrefix.size());
  auto dollar = text.find('$');
  if (dollar == std::string_view::npos) return bad("missing $ between salt and keys");
  std::string_view params = text.substr(0, dollar), keys = text.substr(dollar + 1);
  auto colon = params.find(':');
  auto key_colon = keys.find(':');
  if (colon == std::string_view::npos || key_colon == std::string_view::npos) {
    return bad("missing ':'");
  }
  ScramVerifier v;
  std::string_view iter = params.substr(0, colon);
  auto [end, ec] = std::from_chars(iter.data(), iter.data() + iter.size(), v.iterations);
  if (ec != std::errc() || end != iter.data() + iter.size() || v.iterations < 1) {
    return bad("iteration count must be a positive integer");
  }
  auto salt = scram::Base64Decode(params.substr(colon + 1));
  auto stored = scram::Base64Decode(keys.substr(0, key_colon));
  auto server = scram::Base64Decode(keys.substr(key_colon + 1));
  if (!salt.ok() || salt->empty()) return bad("salt is not base64");
  if (!stored.ok() || stored->size() != kKeyBytes)
    return bad("StoredKey is not 32 bytes of base64");
  if (!server.ok() || server->size() != kKeyBytes)
    return bad("ServerKey is not 32 bytes of base64");
  v.salt = std::move(salt).value();
  v.stored_key = std::move(stored).value();
  v.server_key = std::move(server).value();
  return v;
}

std::string ScramVerifier::ToString() const {
  return "SCRAM-SHA-256$" + std::to_string(iterations) + ":" + scram::Base64Encode(salt) + "$" +
         scram::Base64Encode(stored_key) + ":" + scram::Base64Encode(server_key);
}

bool ScramVerifier::Matches(std::string_view password) const {
  ScramVerifier other = FromSalt(password, salt, iterations);
  return other.stored_key.size() == stored_key.size() &&
         CRYPTO_memcmp(other.stored_key.data(), stored_key.data(), stored_key.size()) == 0;
}

}  // namespace datacave
