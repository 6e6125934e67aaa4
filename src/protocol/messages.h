#pragma once

// The PostgreSQL v3 wire protocol, as bytes <-> messages. No SQL here: the protocol layer
// knows framing and fields, not what a query means ("the wire protocol has no semantics
// about SQL").
//
// Framing: after the untyped startup packet (int32 length including itself, then body),
// every message is a type byte, an int32 length that counts itself but not the type byte,
// and the body. All integers are big-endian.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace datacave::protocol {

// Codes in the first four bytes of a startup-phase packet body.
constexpr uint32_t kProtocolVersion3 = 196608;  // 3.0
constexpr uint32_t kSslRequestCode = 80877103;
constexpr uint32_t kGssEncRequestCode = 80877104;
constexpr uint32_t kCancelRequestCode = 80877102;

// PostgreSQL refuses startup packets longer than this (MAX_STARTUP_PACKET_LENGTH); so do we,
// before allocating anything.
constexpr uint32_t kMaxStartupPacketLength = 10000;

// The first packet a client sends, decoded.
struct StartupPacket {
  enum class Kind { kStartup, kSslRequest, kGssEncRequest, kCancelRequest };
  Kind kind = Kind::kStartup;
  uint32_t protocol_version = 0;                            // kStartup
  std::vector<std::pair<std::string, std::string>> params;  // kStartup, in order sent
  int32_t cancel_pid = 0;                                   // kCancelRequest
  int32_t cancel_key = 0;                                   // kCancelRequest
};

// Reads the 4-byte length prefix of a startup packet: the body length that follows, or an
// error when the length is outside [8, kMaxStartupPacketLength].
Result<uint32_t> StartupBodyLength(std::string_view length_prefix);

// Decodes the body (without the length prefix). Fails on truncated or malformed packets.
Result<StartupPacket> ParseStartupPacket(std::string_view body);

// PostgreSQL's FATAL 0A000 for a startup code it does not serve (a version other than 3.x,
// or an encryption request repeated after its negotiation is over).
Status UnsupportedFrontendProtocol(uint32_t code);

// The fields of an ErrorResponse or NoticeResponse.
struct ErrorFields {
  std::string severity = "ERROR";  // ERROR, FATAL, PANIC, WARNING, NOTICE, ...
  std::string sqlstate;            // five characters
  std::string message;
  std::string detail;  // optional
  std::string hint;    // optional
  int position = 0;    // 1-based character position in the query; 0 = absent
  std::string where;   // optional: the context ("W"), e.g. "COPY t, line 3"
};

// Appends a complete ErrorResponse ('E') message to *out.
void AppendErrorResponse(std::string* out, const ErrorFields& fields);

// Decodes the body of an ErrorResponse or NoticeResponse (type byte and length removed).
Result<ErrorFields> ParseErrorFields(std::string_view body);

}  // namespace datacave::protocol
