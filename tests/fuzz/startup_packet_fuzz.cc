// Feeds arbitrary bytes to the start-up phase decoders of the wire protocol, as a hostile
// client would send them: the length prefix, the packet body, and error fields.

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocol/messages.h"

using namespace datacave::protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.size() >= 4) {
    auto length = StartupBodyLength(input.substr(0, 4));
    if (length.ok() && (*length < 4 || *length > kMaxStartupPacketLength)) std::abort();
  }
  auto packet = ParseStartupPacket(input);
  if (packet.ok() && packet->kind == StartupPacket::Kind::kStartup &&
      (packet->protocol_version >> 16) != 3) {
    std::abort();
  }
  auto fields = ParseErrorFields(input);
  if (fields.ok()) {
    // What parses must survive a round trip through the encoder.
    std::string encoded;
    AppendErrorResponse(&encoded, *fields);
    auto again = ParseErrorFields(std::string_view(encoded).substr(5));
    if (!again.ok() || again->message != fields->message || again->sqlstate != fields->sqlstate) {
      std::abort();
    }
  }
  return 0;
}
