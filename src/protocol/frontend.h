#pragma once

// Messages a client sends after its startup packet: framing and bodies, decoded and encoded.
// Bytes in, values out; what a message means is the server's business.
//
// Every typed message is a type byte, an int32 length that counts itself but not the type
// byte, and the body. Lengths are checked against a caller-given limit before anything is
// allocated for the body, so a hostile length costs nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace datacave::protocol {

// PostgreSQL's hard cap on any message (PQ_LARGE_MESSAGE_LIMIT, MaxAllocSize - 1).
constexpr uint32_t kMaxMessageLength = (1u << 30) - 1;
// What PostgreSQL accepts for a password or SASL message (PG_MAX_AUTH_TOKEN_LENGTH); a
// client that has not yet authenticated cannot make the server buffer more than this.
constexpr uint32_t kMaxAuthMessageLength = 65535;

struct MessageHeader {
  char type = 0;
  uint32_t body_length = 0;  // bytes that follow the 5-byte header
};

// Decodes the 5-byte header. Fails with 08P01 when the length field is below 4 or the body
// would exceed max_body_length.
Result<MessageHeader> DecodeMessageHeader(std::string_view header, uint32_t max_body_length);

// 'p': its body means a password, a SASLInitialResponse or a SASLResponse depending on
// what the server asked for, so it is kept raw; see the Decode* functions below.
struct PasswordMessage {
  std::string body;
};
struct Query {  // 'Q'
  std::string sql;
};
struct Parse {  // 'P'
  std::string statement;
  std::string query;
  std::vector<uint32_t> param_types;  // 0 = let the server infer
};
struct Bind {  // 'B'
  std::string portal;
  std::string statement;
  std::vector<int16_t> param_formats;              // none: all text; one: applies to all
  std::vector<std::optional<std::string>> params;  // nullopt = SQL NULL
  std::vector<int16_t> result_formats;
};
struct Describe {   // 'D'
  char kind = 'S';  // 'S' statement or 'P' portal
  std::string name;
};
struct Execute {  // 'E'
  std::string portal;
  int32_t max_rows = 0;  // 0 = no limit
};
struct Close {  // 'C'
  char kind = 'S';
  std::string name;
};
struct Sync {};       // 'S'
struct Flush {};      // 'H'
struct Terminate {};  // 'X'
struct CopyData {     // 'd'
  std::string data;
};
struct CopyDone {};  // 'c'
struct CopyFail {    // 'f'
  std::string message;
};

using FrontendMessage = std::variant<PasswordMessage, Query, Parse, Bind, Describe, Execute, Close,
                                     Sync, Flush, Terminate, CopyData, CopyDone, CopyFail>;

// Decodes a body of the given type. An unknown type byte is 08P01 "invalid frontend message
// type", a body that does not match its type 08P01 too.
Result<FrontendMessage> DecodeFrontendMessage(char type, std::string_view body);

// Appends the complete message (type, length, body) to *out: what a client sends.
void EncodeFrontendMessage(const FrontendMessage& message, std::string* out);

// The bodies of 'p' messages.
struct SaslInitialResponse {
  std::string mechanism;
  std::optional<std::string> data;  // nullopt when the client sent length -1
};
Result<SaslInitialResponse> DecodeSaslInitialResponse(std::string_view body);
std::string EncodeSaslInitialResponse(const SaslInitialResponse& response);
// A cleartext or MD5 password: a NUL-terminated string filling the body.
Result<std::string> DecodePassword(std::string_view body);
std::string EncodePassword(std::string_view password);
// A SASLResponse body is the raw mechanism data; no decoding needed.

}  // namespace datacave::protocol
