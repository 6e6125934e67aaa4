#include "protocol/messages.h"

#include <gtest/gtest.h>

#include "core/coding.h"

namespace datacave::protocol {
namespace {

std::string Body(uint32_t code, std::string_view rest = "") {
  std::string b;
  PutBigEndian32(&b, code);
  b.append(rest);
  return b;
}

TEST(StartupPacketTest, StartupMessageParameters) {
  using namespace std::string_literals;
  auto p = ParseStartupPacket(
      Body(kProtocolVersion3, "user\0admin\0database\0default\0application_name\0psql\0\0"s));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->kind, StartupPacket::Kind::kStartup);
  ASSERT_EQ(p->params.size(), 3u);
  EXPECT_EQ(p->params[0], (std::pair<std::string, std::string>{"user", "admin"}));
  EXPECT_EQ(p->params[2].second, "psql");
}

TEST(StartupPacketTest, SpecialRequests) {
  EXPECT_EQ(ParseStartupPacket(Body(kSslRequestCode))->kind, StartupPacket::Kind::kSslRequest);
  EXPECT_EQ(ParseStartupPacket(Body(kGssEncRequestCode))->kind,
            StartupPacket::Kind::kGssEncRequest);
  std::string cancel;
  PutBigEndian32(&cancel, 1234);
  PutBigEndian32(&cancel, 0xdeadbeef);
  auto c = ParseStartupPacket(Body(kCancelRequestCode, cancel));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->cancel_pid, 1234);
  EXPECT_EQ(static_cast<uint32_t>(c->cancel_key), 0xdeadbeefu);
  EXPECT_FALSE(ParseStartupPacket(Body(kCancelRequestCode, "short")).ok());
}

TEST(StartupPacketTest, MalformedPacketsAreProtocolViolations) {
  using namespace std::string_literals;
  for (const std::string& body : {""s, "\0\3"s, Body(kProtocolVersion3, "user\0admin"s),
                                  Body(kProtocolVersion3, "user\0admin\0"s),
                                  Body(kProtocolVersion3, "user\0admin\0\0extra"s)}) {
    auto p = ParseStartupPacket(body);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().sqlstate(), "08P01");
  }
  auto v2 = ParseStartupPacket(Body(0x00020000));
  ASSERT_FALSE(v2.ok());
  EXPECT_EQ(v2.status().sqlstate(), "0A000");
  EXPECT_NE(v2.status().message().find("unsupported frontend protocol 2.0"), std::string::npos);
}

TEST(StartupPacketTest, LengthIsBoundedBeforeAllocation) {
  auto length = [](uint32_t n) {
    std::string s;
    PutBigEndian32(&s, n);
    return StartupBodyLength(s);
  };
  EXPECT_EQ(*length(8), 4u);
  EXPECT_EQ(*length(kMaxStartupPacketLength), kMaxStartupPacketLength - 4);
  EXPECT_FALSE(length(7).ok());
  EXPECT_FALSE(length(kMaxStartupPacketLength + 1).ok());
  EXPECT_FALSE(length(0xffffffffu).ok());
  EXPECT_FALSE(StartupBodyLength("abc").ok());
}

TEST(ErrorResponseTest, EncodesPostgresLayout) {
  std::string out;
  AppendErrorResponse(&out, {.severity = "FATAL",
                             .sqlstate = "28P01",
                             .message = "password authentication failed for user \"x\""});
  ASSERT_GE(out.size(), 5u);
  EXPECT_EQ(out[0], 'E');
  EXPECT_EQ(DecodeBigEndian32(out.data() + 1), out.size() - 1);
  EXPECT_EQ(out.back(), '\0');
  auto fields = ParseErrorFields(std::string_view(out).substr(5));
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->severity, "FATAL");
  EXPECT_EQ(fields->sqlstate, "28P01");
  EXPECT_EQ(fields->message, "password authentication failed for user \"x\"");
  EXPECT_EQ(fields->position, 0);
}

TEST(ErrorResponseTest, OptionalFieldsRoundTrip) {
  std::string out;
  ErrorFields in{.severity = "ERROR",
                 .sqlstate = "42601",
                 .message = "syntax error",
                 .detail = "d",
                 .hint = "h",
                 .position = 17};
  AppendErrorResponse(&out, in);
  auto fields = ParseErrorFields(std::string_view(out).substr(5));
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->detail, "d");
  EXPECT_EQ(fields->hint, "h");
  EXPECT_EQ(fields->position, 17);
  EXPECT_FALSE(ParseErrorFields("Mno terminator").ok());
  EXPECT_FALSE(ParseErrorFields(std::string_view("P0\0\0", 4)).ok());
}

}  // namespace
}  // namespace datacave::protocol
