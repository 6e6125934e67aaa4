// Drives the authentication exchange with arbitrary 'p' bodies, as a hostile client would:
// the first input byte picks the method, whether the user exists and whether the connection
// is TLS (so SCRAM-SHA-256-PLUS and its channel binding are in play), the rest is split
// into messages at 0xff bytes. It must never crash, and never accept a client that did not
// prove the password (the fuzzer cannot compute a SCRAM proof or an MD5 response).

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocol/auth.h"

using namespace datacave;
using namespace datacave::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // Few iterations: a PBKDF2 of 4096 rounds per input would starve the fuzzer.
  static const UserSecret kScram{ScramVerifier::FromSalt("pencil", "salt", 2), ""};
  static const UserSecret kMd5{std::nullopt, Md5PasswordHash("pencil", "alice")};
  const AuthMethod methods[] = {AuthMethod::kScramSha256, AuthMethod::kMd5, AuthMethod::kPassword,
                                AuthMethod::kTrust};
  AuthMethod method = methods[data[0] & 3];
  const UserSecret* secret = (data[0] & 4) ? nullptr : (data[0] & 8) ? &kMd5 : &kScram;
  Authenticator auth(
      {.method = method,
       .user = "alice",
       .secret = secret,
       .mock_salt_key = "key",
       .random = [](size_t n) -> Result<std::string> { return std::string(n, 'r'); },
       .tls_server_end_point = (data[0] & 16) ? std::string(32, 'e') : std::string()});
  std::string out;
  auto state = auth.Begin(&out);
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  while (state == Authenticator::State::kNeedMessage) {
    auto cut = rest.find('\xff');
    std::string_view message = rest.substr(0, cut);
    rest.remove_prefix(cut == std::string_view::npos ? rest.size() : cut + 1);
    state = auth.OnPasswordMessage(message, &out);
    if (cut == std::string_view::npos) break;
  }
  if (state == Authenticator::State::kOk && method != AuthMethod::kTrust) {
    // Only the cleartext method can be passed by sending the password itself.
    if (method != AuthMethod::kPassword || secret == nullptr) std::abort();
  }
  if (state == Authenticator::State::kFailed && auth.error().ok()) std::abort();
  return 0;
}
