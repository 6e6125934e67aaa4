// The frontend decoder and the backend encoders, checked against byte layouts written out by
// hand from PostgreSQL's protocol-message-formats page.

#include <gtest/gtest.h>

#include "core/coding.h"
#include "protocol/backend.h"
#include "protocol/frontend.h"
#include "protocol/messages.h"

namespace datacave::protocol {
namespace {

using namespace std::string_literals;

std::string Framed(char type, std::string_view body) {
  std::string out(1, type);
  PutBigEndian32(&out, static_cast<uint32_t>(body.size() + 4));
  out.append(body);
  return out;
}

FrontendMessage Decode(const std::string& framed) {
  auto header = DecodeMessageHeader(std::string_view(framed).substr(0, 5), kMaxMessageLength);
  EXPECT_TRUE(header.ok()) << header.status().ToString();
  EXPECT_EQ(header->body_length, framed.size() - 5);
  auto message = DecodeFrontendMessage(header->type, std::string_view(framed).substr(5));
  EXPECT_TRUE(message.ok()) << message.status().ToString();
  return message.ok() ? *message : FrontendMessage(Sync{});
}

TEST(FrontendDecodeTest, SimpleMessages) {
  auto q = Decode(Framed('Q', "select 1\0"s));
  ASSERT_TRUE(std::holds_alternative<Query>(q));
  EXPECT_EQ(std::get<Query>(q).sql, "select 1");
  EXPECT_TRUE(std::holds_alternative<Sync>(Decode(Framed('S', ""))));
  EXPECT_TRUE(std::holds_alternative<Flush>(Decode(Framed('H', ""))));
  EXPECT_TRUE(std::holds_alternative<Terminate>(Decode(Framed('X', ""))));
  auto p = Decode(Framed('p', "secret\0"s));
  ASSERT_TRUE(std::holds_alternative<PasswordMessage>(p));
  EXPECT_EQ(*DecodePassword(std::get<PasswordMessage>(p).body), "secret");
}

TEST(FrontendDecodeTest, ExtendedQueryMessages) {
  // Parse "s1", "select $1", one parameter of type int4 (23).
  auto parse = Decode(Framed('P', "s1\0select $1\0\0\1\0\0\0\x17"s));
  ASSERT_TRUE(std::holds_alternative<Parse>(parse));
  EXPECT_EQ(std::get<Parse>(parse).statement, "s1");
  EXPECT_EQ(std::get<Parse>(parse).param_types, std::vector<uint32_t>{23});
  // Bind portal "", statement "s1", one text format, params "42" and NULL, one binary result.
  auto bind = Decode(Framed('B',
                            "\0s1\0\0\1\0\0\0\2\0\0\0\2"
                            "42\xff\xff\xff\xff\0\1\0\1"s));
  ASSERT_TRUE(std::holds_alternative<Bind>(bind));
  const Bind& b = std::get<Bind>(bind);
  EXPECT_EQ(b.statement, "s1");
  EXPECT_EQ(b.param_formats, std::vector<int16_t>{0});
  ASSERT_EQ(b.params.size(), 2u);
  EXPECT_EQ(b.params[0], "42");
  EXPECT_FALSE(b.params[1].has_value());
  EXPECT_EQ(b.result_formats, std::vector<int16_t>{1});
  auto describe = Decode(Framed('D', "Pc1\0"s));
  EXPECT_EQ(std::get<Describe>(describe).kind, 'P');
  EXPECT_EQ(std::get<Describe>(describe).name, "c1");
  auto execute = Decode(Framed('E', "c1\0\0\0\0\5"s));
  EXPECT_EQ(std::get<Execute>(execute).max_rows, 5);
  EXPECT_EQ(std::get<Close>(Decode(Framed('C', "Ss1\0"s))).kind, 'S');
}

TEST(FrontendDecodeTest, MalformedMessagesAreProtocolViolations) {
  struct Case {
    char type;
    std::string body;
  };
  for (const Case& c : std::vector<Case>{
           {'Q', "no terminator"},
           {'Q', "two\0strings\0"s},
           {'S', "x"},
           {'P', "s\0q\0\0\5\0\0\0\1"s},                // claims 5 types, holds 1
           {'P', "s\0q\0\xff\xff"s},                    // negative count
           {'B', "\0\0\0\0\0\1\xff\xff\xff\xfe\0\0"s},  // length -2
           {'B', "\0\0\0\0\0\1\0\0\0\x10"s},            // value longer than the body
           {'D', "Xname\0"s},
           {'E', "portal\0\0\0"s},
           {'z', ""},
       }) {
    auto m = DecodeFrontendMessage(c.type, c.body);
    ASSERT_FALSE(m.ok()) << c.type << " " << c.body;
    EXPECT_EQ(m.status().sqlstate(), "08P01");
  }
  EXPECT_EQ(DecodeFrontendMessage('z', "").status().message(), "invalid frontend message type 122");
}

TEST(FrontendDecodeTest, HeaderLengthIsBoundedBeforeAllocation) {
  auto header = [](uint32_t length, uint32_t limit) {
    std::string h = "Q";
    PutBigEndian32(&h, length);
    return DecodeMessageHeader(h, limit);
  };
  EXPECT_EQ(header(4, 100)->body_length, 0u);
  EXPECT_EQ(header(104, 100)->body_length, 100u);
  EXPECT_FALSE(header(105, 100).ok());
  EXPECT_FALSE(header(3, 100).ok());
  EXPECT_FALSE(header(0xffffffffu, kMaxMessageLength).ok());
  EXPECT_EQ(header(3, 100).status().sqlstate(), "08P01");
}

TEST(FrontendDecodeTest, SaslInitialResponse) {
  auto r = DecodeSaslInitialResponse("SCRAM-SHA-256\0\0\0\0\5n,,ab"s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->mechanism, "SCRAM-SHA-256");
  EXPECT_EQ(r->data, "n,,ab");
  auto none = DecodeSaslInitialResponse("X\0\xff\xff\xff\xff"s);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->data.has_value());
  EXPECT_FALSE(DecodeSaslInitialResponse("X\0\0\0\0\6abc"s).ok());
  EXPECT_EQ(EncodeSaslInitialResponse(*r), "SCRAM-SHA-256\0\0\0\0\5n,,ab"s);
}

TEST(BackendEncodeTest, AuthenticationMessages) {
  std::string out;
  AppendAuthenticationOk(&out);
  EXPECT_EQ(out, "R\0\0\0\x08\0\0\0\0"s);
  out.clear();
  AppendAuthenticationMd5Password(&out, "salt");
  EXPECT_EQ(out, "R\0\0\0\x0c\0\0\0\5salt"s);
  out.clear();
  AppendAuthenticationSasl(&out, {"SCRAM-SHA-256"});
  EXPECT_EQ(out, "R\0\0\0\x17\0\0\0\x0aSCRAM-SHA-256\0\0"s);
  out.clear();
  AppendAuthenticationSaslFinal(&out, "v=x");
  EXPECT_EQ(out, "R\0\0\0\x0b\0\0\0\x0cv=x"s);
}

TEST(BackendEncodeTest, SessionMessages) {
  std::string out;
  AppendParameterStatus(&out, "a", "b");
  AppendBackendKeyData(&out, 7, -1);
  AppendReadyForQuery(&out, TransactionStatus::kFailed);
  AppendEmptyQueryResponse(&out);
  AppendCommandComplete(&out, "SELECT 1");
  EXPECT_EQ(out,
            "S\0\0\0\x08"
            "a\0b\0"
            "K\0\0\0\x0c\0\0\0\7\xff\xff\xff\xff"
            "Z\0\0\0\x05"
            "E"
            "I\0\0\0\x04"
            "C\0\0\0\x0dSELECT 1\0"s);
  out.clear();
  AppendNegotiateProtocolVersion(&out, 0, {"_pq_.x"});
  EXPECT_EQ(out, "v\0\0\0\x13\0\3\0\0\0\0\0\1_pq_.x\0"s);
}

TEST(BackendEncodeTest, ExtendedQueryMessages) {
  std::string out;
  AppendParseComplete(&out);
  AppendBindComplete(&out);
  AppendCloseComplete(&out);
  AppendNoData(&out);
  AppendPortalSuspended(&out);
  AppendParameterDescription(&out, {23, 1700});
  EXPECT_EQ(out,
            "1\0\0\0\x04"
            "2\0\0\0\x04"
            "3\0\0\0\x04"
            "n\0\0\0\x04"
            "s\0\0\0\x04"
            "t\0\0\0\x0e\0\x02\0\0\0\x17\0\0\x06\xa4"s);
}

TEST(BackendEncodeTest, ParameterDescriptionRoundTrips) {
  for (const std::vector<uint32_t>& oids : {std::vector<uint32_t>{}, std::vector<uint32_t>{25},
                                            std::vector<uint32_t>{0, 4294967295u, 1043}}) {
    std::string out;
    AppendParameterDescription(&out, oids);
    std::string_view in = out;
    auto t = TakeBackendMessage(&in);
    ASSERT_TRUE(t.ok() && t->has_value());
    EXPECT_EQ((*t)->type, 't');
    auto got = DecodeParameterDescription((*t)->body);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(*got, oids);
    EXPECT_TRUE(in.empty());
  }
  EXPECT_FALSE(DecodeParameterDescription("\0\x01\0\0"s).ok());  // one OID, two bytes
  EXPECT_FALSE(DecodeParameterDescription("\0"s).ok());
}

TEST(BackendEncodeTest, NoticeIsAnErrorResponseWithTypeN) {
  std::string notice, error;
  ErrorFields fields{.severity = "NOTICE", .sqlstate = "00000", .message = "hi"};
  AppendNoticeResponse(&notice, fields);
  AppendErrorResponse(&error, fields);
  EXPECT_EQ(notice[0], 'N');
  EXPECT_EQ(notice.substr(1), error.substr(1));
}

TEST(BackendEncodeTest, RowsRoundTripThroughTheClientDecoders) {
  std::vector<FieldDescription> fields = {
      {.name = "id", .table_oid = 16389, .column_number = 1, .type_oid = 23, .type_size = 4},
      {.name = "n", .type_oid = 1700, .type_size = -1, .type_modifier = 655366, .format = 1}};
  std::vector<std::optional<std::string>> row = {"1", std::nullopt, ""s};
  std::string out;
  AppendRowDescription(&out, fields);
  AppendDataRow(&out, row);
  std::string_view in = out;
  auto t = TakeBackendMessage(&in);
  ASSERT_TRUE(t.ok() && t->has_value());
  EXPECT_EQ((*t)->type, 'T');
  auto got = DecodeRowDescription((*t)->body);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ((*got)[0].name, "id");
  EXPECT_EQ((*got)[0].table_oid, 16389u);
  EXPECT_EQ((*got)[1].type_modifier, 655366);
  EXPECT_EQ((*got)[1].format, 1);
  auto d = TakeBackendMessage(&in);
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ(*DecodeDataRow((*d)->body), row);
  EXPECT_TRUE(in.empty());
  // A message cut short is "not yet", not an error.
  std::string_view partial = std::string_view(out).substr(0, 7);
  auto none = TakeBackendMessage(&partial);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace datacave::protocol
