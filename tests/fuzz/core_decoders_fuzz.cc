// Feeds arbitrary bytes to every core decoder: varints, length prefixes, order-preserving
// keys, base64 and SCRAM verifiers. None may crash, read out of bounds or loop; what
// decodes must re-encode to the same bytes.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/coding.h"
#include "core/key_encoding.h"
#include "core/password.h"

using namespace datacave;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);

  std::string_view varints = input;
  uint64_t v64;
  while (GetVarint64(&varints, &v64)) {
  }
  std::string_view varints32 = input;
  uint32_t v32;
  while (GetVarint32(&varints32, &v32)) {
  }
  std::string_view prefixed = input;
  std::string_view piece;
  while (GetLengthPrefixed(&prefixed, &piece)) {
  }

  // Keys: whatever decodes must encode back to exactly the bytes it came from, except for
  // doubles, whose -0.0 and NaN payloads are canonicalized by the encoder.
  std::string_view key = input;
  KeyValue value;
  for (;;) {
    std::string_view before = key;
    if (!DecodeKeyValue(&key, &value)) break;
    std::string reencoded;
    AppendKeyValue(&reencoded, value);
    size_t consumed = before.size() - key.size();
    if (!std::holds_alternative<double>(value) && reencoded != before.substr(0, consumed)) {
      std::abort();
    }
  }

  auto decoded = scram::Base64Decode(input);
  if (decoded.ok()) {
    auto again = scram::Base64Decode(scram::Base64Encode(*decoded));
    if (!again.ok() || *again != *decoded) std::abort();
  }
  auto verifier = ScramVerifier::Parse(input);
  if (verifier.ok()) {
    auto again = ScramVerifier::Parse(verifier->ToString());
    if (!again.ok() || again->stored_key != verifier->stored_key) std::abort();
  }
  return 0;
}
