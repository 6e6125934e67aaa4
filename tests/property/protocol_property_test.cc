// Round-trip properties for the wire messages built so far.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/coding.h"
#include "protocol/messages.h"

namespace datacave::protocol {
namespace {

// Strings without NUL, which the protocol's C strings cannot carry.
rc::Gen<std::string> CString() {
  return rc::gen::container<std::string>(
      rc::gen::map(rc::gen::inRange(1, 256), [](int c) { return static_cast<char>(c); }));
}

RC_GTEST_PROP(ProtocolProperty, ErrorResponseRoundTrips, ()) {
  ErrorFields in;
  in.severity = *rc::gen::element<std::string>("ERROR", "FATAL", "NOTICE", "WARNING");
  in.sqlstate = *rc::gen::element<std::string>("22012", "42601", "0A000", "28P01");
  in.message = *CString();
  in.detail = *CString();
  in.hint = *CString();
  in.position = *rc::gen::inRange(0, 100000);
  std::string out;
  AppendErrorResponse(&out, in);
  RC_ASSERT(out[0] == 'E');
  RC_ASSERT(DecodeBigEndian32(out.data() + 1) == out.size() - 1);
  auto got = ParseErrorFields(std::string_view(out).substr(5));
  RC_ASSERT(got.ok());
  RC_ASSERT(got->severity == in.severity);
  RC_ASSERT(got->sqlstate == in.sqlstate);
  RC_ASSERT(got->message == in.message);
  RC_ASSERT(got->detail == in.detail);
  RC_ASSERT(got->hint == in.hint);
  RC_ASSERT(got->position == in.position);
}

RC_GTEST_PROP(ProtocolProperty, StartupParametersRoundTrip, ()) {
  auto params = *rc::gen::container<std::vector<std::pair<std::string, std::string>>>(
      rc::gen::pair(rc::gen::nonEmpty(CString()), CString()));
  std::string body;
  PutBigEndian32(&body, kProtocolVersion3);
  for (const auto& [name, value] : params) {
    body += name;
    body.push_back('\0');
    body += value;
    body.push_back('\0');
  }
  body.push_back('\0');
  auto packet = ParseStartupPacket(body);
  RC_ASSERT(packet.ok());
  RC_ASSERT(packet->params == params);
  // Any strict prefix is malformed, never a crash or a different packet.
  size_t cut = *rc::gen::inRange<size_t>(0, body.size());
  RC_ASSERT(!ParseStartupPacket(std::string_view(body).substr(0, cut)).ok());
}

}  // namespace
}  // namespace datacave::protocol
