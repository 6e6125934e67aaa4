// Round-trip properties for the wire messages built so far.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "core/coding.h"
#include "protocol/backend.h"
#include "protocol/frontend.h"
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
  in.where = *CString();
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
  RC_ASSERT(got->where == in.where);
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

rc::Gen<std::string> Bytes() {
  return rc::gen::arbitrary<std::string>();
}

rc::Gen<std::optional<std::string>> MaybeBytes() {
  return rc::gen::map(rc::gen::maybe(Bytes()), [](rc::Maybe<std::string> m) {
    return m ? std::optional<std::string>(*m) : std::nullopt;
  });
}

// Any frontend message, with every field drawn at random.
rc::Gen<FrontendMessage> AnyFrontendMessage() {
  auto formats = rc::gen::container<std::vector<int16_t>>(rc::gen::inRange<int16_t>(0, 2));
  return rc::gen::oneOf(
      rc::gen::map(Bytes(), [](std::string b) { return FrontendMessage(PasswordMessage{b}); }),
      rc::gen::map(CString(), [](std::string s) { return FrontendMessage(Query{s}); }),
      rc::gen::apply(
          [](std::string name, std::string query, std::vector<uint32_t> types) {
            return FrontendMessage(Parse{name, query, types});
          },
          CString(), CString(), rc::gen::arbitrary<std::vector<uint32_t>>()),
      rc::gen::apply(
          [](std::string portal, std::string statement, std::vector<int16_t> param_formats,
             std::vector<std::optional<std::string>> params, std::vector<int16_t> results) {
            return FrontendMessage(Bind{portal, statement, param_formats, params, results});
          },
          CString(), CString(), formats,
          rc::gen::container<std::vector<std::optional<std::string>>>(MaybeBytes()), formats),
      rc::gen::apply(
          [](char kind, std::string name) {
            return FrontendMessage(Describe{kind, name});
          },
          rc::gen::element('S', 'P'), CString()),
      rc::gen::apply(
          [](std::string portal, int32_t rows) {
            return FrontendMessage(Execute{portal, rows});
          },
          CString(), rc::gen::arbitrary<int32_t>()),
      rc::gen::apply(
          [](char kind, std::string name) {
            return FrontendMessage(Close{kind, name});
          },
          rc::gen::element('S', 'P'), CString()),
      rc::gen::just(FrontendMessage(Sync{})), rc::gen::just(FrontendMessage(Flush{})),
      rc::gen::just(FrontendMessage(Terminate{})),
      rc::gen::map(Bytes(), [](std::string b) { return FrontendMessage(CopyData{b}); }),
      rc::gen::just(FrontendMessage(CopyDone{})),
      rc::gen::map(CString(), [](std::string s) { return FrontendMessage(CopyFail{s}); }));
}

RC_GTEST_PROP(ProtocolProperty, FrontendMessagesRoundTrip, ()) {
  FrontendMessage in = *AnyFrontendMessage();
  std::string framed;
  EncodeFrontendMessage(in, &framed);
  auto header = DecodeMessageHeader(std::string_view(framed).substr(0, 5), kMaxMessageLength);
  RC_ASSERT(header.ok());
  RC_ASSERT(header->body_length == framed.size() - 5);
  std::string_view body = std::string_view(framed).substr(5);
  auto out = DecodeFrontendMessage(header->type, body);
  RC_ASSERT(out.ok());
  std::string again;
  EncodeFrontendMessage(*out, &again);
  RC_ASSERT(again == framed);
  RC_ASSERT(out->index() == in.index());
  // A body cut short never decodes as the same message (messages without fields aside).
  if (!body.empty() && !std::holds_alternative<PasswordMessage>(in) &&
      !std::holds_alternative<CopyData>(in)) {
    size_t cut = *rc::gen::inRange<size_t>(0, body.size());
    auto truncated = DecodeFrontendMessage(header->type, body.substr(0, cut));
    if (truncated.ok()) {
      std::string re;
      EncodeFrontendMessage(*truncated, &re);
      RC_ASSERT(re != framed);
    }
  }
}

RC_GTEST_PROP(ProtocolProperty, SaslInitialResponseRoundTrips, ()) {
  SaslInitialResponse in{*CString(), *MaybeBytes()};
  auto out = DecodeSaslInitialResponse(EncodeSaslInitialResponse(in));
  RC_ASSERT(out.ok());
  RC_ASSERT(out->mechanism == in.mechanism);
  RC_ASSERT(out->data == in.data);
}

RC_GTEST_PROP(ProtocolProperty, RowsRoundTrip, ()) {
  auto fields = *rc::gen::container<std::vector<FieldDescription>>(rc::gen::apply(
      [](std::string name, uint32_t table, int16_t column, uint32_t type, int16_t size,
         int32_t modifier, int16_t format) {
        return FieldDescription{name, table, column, type, size, modifier, format};
      },
      CString(), rc::gen::arbitrary<uint32_t>(), rc::gen::arbitrary<int16_t>(),
      rc::gen::arbitrary<uint32_t>(), rc::gen::arbitrary<int16_t>(), rc::gen::arbitrary<int32_t>(),
      rc::gen::inRange<int16_t>(0, 2)));
  auto row = *rc::gen::container<std::vector<std::optional<std::string>>>(MaybeBytes());
  std::string out;
  AppendRowDescription(&out, fields);
  AppendDataRow(&out, row);
  std::string_view in = out;
  auto t = TakeBackendMessage(&in);
  auto d = TakeBackendMessage(&in);
  RC_ASSERT(t.ok() && t->has_value() && d.ok() && d->has_value() && in.empty());
  auto got_fields = DecodeRowDescription((*t)->body);
  RC_ASSERT(got_fields.ok());
  RC_ASSERT(got_fields->size() == fields.size());
  for (size_t i = 0; i < fields.size(); i++) {
    const auto &a = (*got_fields)[i], &b = fields[i];
    RC_ASSERT(a.name == b.name && a.table_oid == b.table_oid &&
              a.column_number == b.column_number && a.type_oid == b.type_oid &&
              a.type_size == b.type_size && a.type_modifier == b.type_modifier &&
              a.format == b.format);
  }
  RC_ASSERT(*DecodeDataRow((*d)->body) == row);
}

}  // namespace
}  // namespace datacave::protocol
