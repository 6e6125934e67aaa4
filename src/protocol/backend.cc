#include "protocol/backend.h"

#include "core/coding.h"
#include "protocol/messages.h"

namespace datacave::protocol {
namespace {

// Writes a message whose length is patched in once its body is complete.
class MessageWriter {
 public:
  MessageWriter(std::string* out, char type) : out_(out), start_(out->size()) {
    out_->push_back(type);
    PutBigEndian32(out_, 0);
  }
  ~MessageWriter() {
    uint32_t length = static_cast<uint32_t>(out_->size() - start_ - 1);
    uint32_t big = htobe32(length);
    std::memcpy(out_->data() + start_ + 1, &big, sizeof big);
  }
  MessageWriter(const MessageWriter&) = delete;
  MessageWriter& operator=(const MessageWriter&) = delete;

  void Int16(int16_t v) { PutBigEndian16(out_, static_cast<uint16_t>(v)); }
  void Int32(int32_t v) { PutBigEndian32(out_, static_cast<uint32_t>(v)); }
  void Bytes(std::string_view s) { out_->append(s); }
  void CString(std::string_view s) {
    out_->append(s);
    out_->push_back('\0');
  }

 private:
  std::string* out_;
  size_t start_;
};

void AppendAuthentication(std::string* out, int32_t code, std::string_view data = {}) {
  MessageWriter w(out, 'R');
  w.Int32(code);
  w.Bytes(data);
}

Status Malformed(std::string_view what) {
  return Status::InvalidArgument("malformed " + std::string(what) + " message");
}

}  // namespace

void AppendAuthenticationOk(std::string* out) {
  AppendAuthentication(out, 0);
}
void AppendAuthenticationCleartextPassword(std::string* out) {
  AppendAuthentication(out, 3);
}
void AppendAuthenticationMd5Password(std::string* out, std::string_view salt) {
  AppendAuthentication(out, 5, salt);
}
void AppendAuthenticationSasl(std::string* out, const std::vector<std::string>& mechanisms) {
  MessageWriter w(out, 'R');
  w.Int32(10);
  for (const auto& m : mechanisms) w.CString(m);
  w.CString("");
}
void AppendAuthenticationSaslContinue(std::string* out, std::string_view data) {
  AppendAuthentication(out, 11, data);
}
void AppendAuthenticationSaslFinal(std::string* out, std::string_view data) {
  AppendAuthentication(out, 12, data);
}

void AppendParameterStatus(std::string* out, std::string_view name, std::string_view value) {
  MessageWriter w(out, 'S');
  w.CString(name);
  w.CString(value);
}

void AppendBackendKeyData(std::string* out, int32_t pid, int32_t secret) {
  MessageWriter w(out, 'K');
  w.Int32(pid);
  w.Int32(secret);
}

void AppendReadyForQuery(std::string* out, TransactionStatus status) {
  MessageWriter w(out, 'Z');
  w.Bytes(std::string_view(reinterpret_cast<const char*>(&status), 1));
}

void AppendEmptyQueryResponse(std::string* out) {
  MessageWriter w(out, 'I');
}

void AppendCommandComplete(std::string* out, std::string_view tag) {
  MessageWriter w(out, 'C');
  w.CString(tag);
}

void AppendParseComplete(std::string* out) {
  MessageWriter w(out, '1');
}

void AppendBindComplete(std::string* out) {
  MessageWriter w(out, '2');
}

void AppendCloseComplete(std::string* out) {
  MessageWriter w(out, '3');
}

void AppendNoData(std::string* out) {
  MessageWriter w(out, 'n');
}

void AppendPortalSuspended(std::string* out) {
  MessageWriter w(out, 's');
}

void AppendParameterDescription(std::string* out, const std::vector<uint32_t>& type_oids) {
  MessageWriter w(out, 't');
  w.Int16(static_cast<int16_t>(type_oids.size()));
  for (uint32_t oid : type_oids) w.Int32(static_cast<int32_t>(oid));
}

namespace {
void AppendCopyResponse(std::string* out, char type, int8_t format,
                        const std::vector<int16_t>& columns) {
  MessageWriter w(out, type);
  w.Bytes(std::string_view(reinterpret_cast<const char*>(&format), 1));
  w.Int16(static_cast<int16_t>(columns.size()));
  for (int16_t code : columns) w.Int16(code);
}
}  // namespace

void AppendCopyInResponse(std::string* out, int8_t format, const std::vector<int16_t>& columns) {
  AppendCopyResponse(out, 'G', format, columns);
}

void AppendCopyOutResponse(std::string* out, int8_t format, const std::vector<int16_t>& columns) {
  AppendCopyResponse(out, 'H', format, columns);
}

void AppendCopyData(std::string* out, std::string_view data) {
  MessageWriter w(out, 'd');
  w.Bytes(data);
}

void AppendCopyDone(std::string* out) {
  MessageWriter w(out, 'c');
}

void AppendNoticeResponse(std::string* out, const ErrorFields& fields) {
  size_t start = out->size();
  AppendErrorResponse(out, fields);
  (*out)[start] = 'N';  // same body, different type byte
}

void AppendNegotiateProtocolVersion(std::string* out, int32_t newest_minor,
                                    const std::vector<std::string>& unrecognized_options) {
  MessageWriter w(out, 'v');
  w.Int32((3 << 16) | newest_minor);
  w.Int32(static_cast<int32_t>(unrecognized_options.size()));
  for (const auto& o : unrecognized_options) w.CString(o);
}

void AppendRowDescription(std::string* out, const std::vector<FieldDescription>& fields) {
  MessageWriter w(out, 'T');
  w.Int16(static_cast<int16_t>(fields.size()));
  for (const auto& f : fields) {
    w.CString(f.name);
    w.Int32(static_cast<int32_t>(f.table_oid));
    w.Int16(f.column_number);
    w.Int32(static_cast<int32_t>(f.type_oid));
    w.Int16(f.type_size);
    w.Int32(f.type_modifier);
    w.Int16(f.format);
  }
}

void AppendDataRow(std::string* out, const std::vector<std::optional<std::string>>& values) {
  MessageWriter w(out, 'D');
  w.Int16(static_cast<int16_t>(values.size()));
  for (const auto& v : values) {
    w.Int32(v ? static_cast<int32_t>(v->size()) : -1);
    if (v) w.Bytes(*v);
  }
}

Result<std::optional<BackendMessage>> TakeBackendMessage(std::string_view* buffer) {
  if (buffer->size() < 5) return std::optional<BackendMessage>();
  uint32_t length = DecodeBigEndian32(buffer->data() + 1);
  if (length < 4 || length > (1u << 30)) return Status::InvalidArgument("invalid message length");
  if (buffer->size() - 1 < length) return std::optional<BackendMessage>();
  BackendMessage m{(*buffer)[0], buffer->substr(5, length - 4)};
  buffer->remove_prefix(1 + length);
  return std::optional<BackendMessage>(m);
}

Result<std::vector<FieldDescription>> DecodeRowDescription(std::string_view body) {
  std::vector<FieldDescription> fields;
  if (body.size() < 2) return Malformed("RowDescription");
  int n = static_cast<int16_t>(DecodeBigEndian16(body.data()));
  body.remove_prefix(2);
  for (int i = 0; i < n; i++) {
    FieldDescription f;
    auto nul = body.find('\0');
    if (nul == std::string_view::npos || body.size() - nul - 1 < 18) {
      return Malformed("RowDescription");
    }
    f.name = std::string(body.substr(0, nul));
    const char* p = body.data() + nul + 1;
    f.table_oid = DecodeBigEndian32(p);
    f.column_number = static_cast<int16_t>(DecodeBigEndian16(p + 4));
    f.type_oid = DecodeBigEndian32(p + 6);
    f.type_size = static_cast<int16_t>(DecodeBigEndian16(p + 10));
    f.type_modifier = static_cast<int32_t>(DecodeBigEndian32(p + 12));
    f.format = static_cast<int16_t>(DecodeBigEndian16(p + 16));
    body.remove_prefix(nul + 1 + 18);
    fields.push_back(std::move(f));
  }
  if (!body.empty()) return Malformed("RowDescription");
  return fields;
}

Result<std::vector<std::optional<std::string>>> DecodeDataRow(std::string_view body) {
  std::vector<std::optional<std::string>> values;
  if (body.size() < 2) return Malformed("DataRow");
  int n = static_cast<int16_t>(DecodeBigEndian16(body.data()));
  body.remove_prefix(2);
  for (int i = 0; i < n; i++) {
    if (body.size() < 4) return Malformed("DataRow");
    auto length = static_cast<int32_t>(DecodeBigEndian32(body.data()));
    body.remove_prefix(4);
    if (length == -1) {
      values.emplace_back(std::nullopt);
      continue;
    }
    if (length < 0 || body.size() < static_cast<size_t>(length)) return Malformed("DataRow");
    values.emplace_back(std::string(body.substr(0, static_cast<size_t>(length))));
    body.remove_prefix(static_cast<size_t>(length));
  }
  if (!body.empty()) return Malformed("DataRow");
  return values;
}

Result<std::vector<uint32_t>> DecodeParameterDescription(std::string_view body) {
  if (body.size() < 2) return Malformed("ParameterDescription");
  const auto n = static_cast<uint16_t>(DecodeBigEndian16(body.data()));
  body.remove_prefix(2);
  if (body.size() != size_t{n} * 4) return Malformed("ParameterDescription");
  std::vector<uint32_t> oids;
  for (size_t i = 0; i < n; ++i) oids.push_back(DecodeBigEndian32(body.data() + 4 * i));
  return oids;
}

}  // namespace datacave::protocol
