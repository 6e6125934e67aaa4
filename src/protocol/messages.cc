#include "protocol/messages.h"

#include <charconv>

#include "core/coding.h"

namespace datacave::protocol {
namespace {

// Reads a NUL-terminated string from the front of *input.
bool GetCString(std::string_view* input, std::string_view* out) {
  auto nul = input->find('\0');
  if (nul == std::string_view::npos) return false;
  *out = input->substr(0, nul);
  input->remove_prefix(nul + 1);
  return true;
}

void AppendField(std::string* out, char code, std::string_view value) {
  out->push_back(code);
  out->append(value);
  out->push_back('\0');
}

}  // namespace

Result<uint32_t> StartupBodyLength(std::string_view length_prefix) {
  if (length_prefix.size() != 4) return Status::InvalidArgument("incomplete startup packet");
  uint32_t length = DecodeBigEndian32(length_prefix.data());
  if (length < 8 || length > kMaxStartupPacketLength) {
    return Status::Sql(StatusCode::kInvalidArgument, "08P01", "invalid length of startup packet");
  }
  return length - 4;
}

Result<StartupPacket> ParseStartupPacket(std::string_view body) {
  auto bad = [](std::string msg) {
    return Status::Sql(StatusCode::kInvalidArgument, "08P01", std::move(msg));
  };
  if (body.size() < 4) return bad("invalid length of startup packet");
  StartupPacket packet;
  uint32_t code = DecodeBigEndian32(body.data());
  body.remove_prefix(4);
  switch (code) {
    case kSslRequestCode: packet.kind = StartupPacket::Kind::kSslRequest; return packet;
    case kGssEncRequestCode: packet.kind = StartupPacket::Kind::kGssEncRequest; return packet;
    case kCancelRequestCode:
      if (body.size() != 8) return bad("invalid length of cancel request");
      packet.kind = StartupPacket::Kind::kCancelRequest;
      packet.cancel_pid = static_cast<int32_t>(DecodeBigEndian32(body.data()));
      packet.cancel_key = static_cast<int32_t>(DecodeBigEndian32(body.data() + 4));
      return packet;
    default: break;
  }
  if ((code >> 16) != 3) return UnsupportedFrontendProtocol(code);
  packet.protocol_version = code;
  // Name/value pairs, each NUL-terminated, ended by an empty name.
  for (;;) {
    std::string_view name, value;
    if (!GetCString(&body, &name))
      return bad("invalid startup packet layout: expected terminator as last byte");
    if (name.empty()) break;
    if (!GetCString(&body, &value))
      return bad("invalid startup packet layout: expected terminator as last byte");
    packet.params.emplace_back(name, value);
  }
  if (!body.empty()) return bad("invalid startup packet layout: expected terminator as last byte");
  return packet;
}

Status UnsupportedFrontendProtocol(uint32_t code) {
  return Status::Sql(StatusCode::kNotSupported, "0A000",
                     "unsupported frontend protocol " + std::to_string(code >> 16) + "." +
                         std::to_string(code & 0xffff) + ": server supports 3.0 to 3.0");
}

void AppendErrorResponse(std::string* out, const ErrorFields& fields) {
  size_t start = out->size();
  out->push_back('E');
  PutBigEndian32(out, 0);  // length, patched below
  AppendField(out, 'S', fields.severity);
  AppendField(out, 'V', fields.severity);  // the non-localized severity
  AppendField(out, 'C', fields.sqlstate);
  AppendField(out, 'M', fields.message);
  if (!fields.detail.empty()) AppendField(out, 'D', fields.detail);
  if (!fields.hint.empty()) AppendField(out, 'H', fields.hint);
  if (fields.position > 0) AppendField(out, 'P', std::to_string(fields.position));
  if (!fields.where.empty()) AppendField(out, 'W', fields.where);
  out->push_back('\0');
  uint32_t length = static_cast<uint32_t>(out->size() - start - 1);
  std::string prefix;
  PutBigEndian32(&prefix, length);
  out->replace(start + 1, 4, prefix);
}

Result<ErrorFields> ParseErrorFields(std::string_view body) {
  ErrorFields fields;
  fields.severity.clear();
  for (;;) {
    if (body.empty()) return Status::InvalidArgument("error fields not terminated");
    char code = body.front();
    body.remove_prefix(1);
    if (code == '\0') break;
    std::string_view value;
    if (!GetCString(&body, &value)) return Status::InvalidArgument("error field not terminated");
    switch (code) {
      case 'S': fields.severity = std::string(value); break;
      case 'C': fields.sqlstate = std::string(value); break;
      case 'M': fields.message = std::string(value); break;
      case 'D': fields.detail = std::string(value); break;
      case 'H': fields.hint = std::string(value); break;
      case 'W': fields.where = std::string(value); break;
      case 'P': {
        int pos = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), pos);
        if (ec != std::errc() || end != value.data() + value.size() || pos < 1) {
          return Status::InvalidArgument("bad error position");
        }
        fields.position = pos;
        break;
      }
      default: break;  // fields we do not model (V, F, L, R ...) are skipped
    }
  }
  if (!body.empty()) return Status::InvalidArgument("bytes after error fields");
  return fields;
}

}  // namespace datacave::protocol
