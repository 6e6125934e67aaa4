// Feeds arbitrary bytes to the frontend message decoder as a client's stream after start-up:
// header after header, each body bounded and decoded. What decodes must re-encode to the same
// bytes, and nothing may be allocated from a length the input does not back.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocol/frontend.h"

using namespace datacave::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // A small limit, so the bound is exercised as often as the decoders are.
  const uint32_t limit = input.empty() ? kMaxMessageLength : 1u << (input[0] & 15);
  while (input.size() >= 5) {
    auto header = DecodeMessageHeader(input.substr(0, 5), limit);
    if (!header.ok()) break;
    if (header->body_length > limit) std::abort();
    if (input.size() - 5 < header->body_length) break;
    std::string_view body = input.substr(5, header->body_length);
    input.remove_prefix(5 + header->body_length);
    auto message = DecodeFrontendMessage(header->type, body);
    if (!message.ok()) continue;
    std::string encoded;
    EncodeFrontendMessage(*message, &encoded);
    if (encoded.size() != 5 + body.size() || encoded.substr(5) != body) std::abort();
    if (auto* p = std::get_if<PasswordMessage>(&*message)) {
      (void)DecodeSaslInitialResponse(p->body);
      (void)DecodePassword(p->body);
    }
  }
  return 0;
}
