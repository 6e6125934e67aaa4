#include "protocol/frontend.h"

#include "core/coding.h"

namespace datacave::protocol {
namespace {

Status ProtocolViolation(std::string message) {
  return Status::Sql(StatusCode::kInvalidArgument, "08P01", std::move(message));
}

// Consumes a body front to back. Every Get* fails instead of reading past the end, and the
// first failure sticks, so a decoder can read all fields and check ok() once at the end.
class BodyReader {
 public:
  explicit BodyReader(std::string_view body) : rest_(body) {}

  std::string CString() {
    auto nul = rest_.find('\0');
    if (nul == std::string_view::npos) return Fail<std::string>();
    std::string s(rest_.substr(0, nul));
    rest_.remove_prefix(nul + 1);
    return s;
  }
  int16_t Int16() {
    if (rest_.size() < 2) return Fail<int16_t>();
    auto v = static_cast<int16_t>(DecodeBigEndian16(rest_.data()));
    rest_.remove_prefix(2);
    return v;
  }
  int32_t Int32() {
    if (rest_.size() < 4) return Fail<int32_t>();
    auto v = static_cast<int32_t>(DecodeBigEndian32(rest_.data()));
    rest_.remove_prefix(4);
    return v;
  }
  char Byte() {
    if (rest_.empty()) return Fail<char>();
    char c = rest_.front();
    rest_.remove_prefix(1);
    return c;
  }
  std::string Bytes(size_t n) {
    if (rest_.size() < n) return Fail<std::string>();
    std::string s(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return s;
  }
  // A count of items that each take at least item_bytes: a negative count, or one the rest
  // of the body cannot hold, fails here so that no vector is sized from a hostile count.
  size_t Count(size_t item_bytes) {
    int16_t n = Int16();
    if (n < 0 || rest_.size() < static_cast<size_t>(n) * item_bytes) return Fail<size_t>();
    return static_cast<size_t>(n);
  }
  std::string_view Rest() {
    std::string_view r = rest_;
    rest_ = {};
    return r;
  }
  // True when every read succeeded and the whole body was consumed.
  bool Done() const { return ok_ && rest_.empty(); }

 private:
  template <typename T>
  T Fail() {
    ok_ = false;
    rest_ = {};
    return T{};
  }
  std::string_view rest_;
  bool ok_ = true;
};

void PutCString(std::string* out, std::string_view s) {
  out->append(s);
  out->push_back('\0');
}

void PutInt16(std::string* out, int16_t v) {
  PutBigEndian16(out, static_cast<uint16_t>(v));
}

void PutInt32(std::string* out, int32_t v) {
  PutBigEndian32(out, static_cast<uint32_t>(v));
}

// Frames body as a message of the given type.
void PutMessage(std::string* out, char type, std::string_view body) {
  out->push_back(type);
  PutBigEndian32(out, static_cast<uint32_t>(body.size() + 4));
  out->append(body);
}

Result<FrontendMessage> DecodeBody(char type, BodyReader& r) {
  switch (type) {
    case 'p': return FrontendMessage(PasswordMessage{std::string(r.Rest())});
    case 'Q': return FrontendMessage(Query{r.CString()});
    case 'P': {
      Parse m;
      m.statement = r.CString();
      m.query = r.CString();
      size_t n = r.Count(4);
      for (size_t i = 0; i < n; i++) m.param_types.push_back(static_cast<uint32_t>(r.Int32()));
      return FrontendMessage(std::move(m));
    }
    case 'B': {
      Bind m;
      m.portal = r.CString();
      m.statement = r.CString();
      size_t formats = r.Count(2);
      for (size_t i = 0; i < formats; i++) m.param_formats.push_back(r.Int16());
      size_t params = r.Count(4);
      for (size_t i = 0; i < params; i++) {
        int32_t length = r.Int32();
        if (length == -1) {
          m.params.emplace_back(std::nullopt);
        } else if (length < 0) {
          return ProtocolViolation("invalid parameter length in Bind message");
        } else {
          m.params.emplace_back(r.Bytes(static_cast<size_t>(length)));
        }
      }
      size_t results = r.Count(2);
      for (size_t i = 0; i < results; i++) m.result_formats.push_back(r.Int16());
      return FrontendMessage(std::move(m));
    }
    case 'D':
    case 'C': {
      char kind = r.Byte();
      std::string name = r.CString();
      if (r.Done() && kind != 'S' && kind != 'P') {
        return ProtocolViolation(std::string("invalid ") + (type == 'D' ? "DESCRIBE" : "CLOSE") +
                                 " message subtype " + std::to_string(kind));
      }
      if (type == 'D') return FrontendMessage(Describe{kind, std::move(name)});
      return FrontendMessage(Close{kind, std::move(name)});
    }
    case 'E': {
      Execute m;
      m.portal = r.CString();
      m.max_rows = r.Int32();
      return FrontendMessage(std::move(m));
    }
    case 'S': return FrontendMessage(Sync{});
    case 'H': return FrontendMessage(Flush{});
    case 'X': return FrontendMessage(Terminate{});
    case 'd': return FrontendMessage(CopyData{std::string(r.Rest())});
    case 'c': return FrontendMessage(CopyDone{});
    case 'f': return FrontendMessage(CopyFail{r.CString()});
    default:
      // PostgreSQL prints the type as a number: the byte may not be printable.
      return ProtocolViolation("invalid frontend message type " +
                               std::to_string(static_cast<unsigned char>(type)));
  }
}

}  // namespace

Result<MessageHeader> DecodeMessageHeader(std::string_view header, uint32_t max_body_length) {
  if (header.size() != 5) return ProtocolViolation("incomplete message header");
  MessageHeader h;
  h.type = header[0];
  uint32_t length = DecodeBigEndian32(header.data() + 1);
  if (length < 4) return ProtocolViolation("invalid message length");
  h.body_length = length - 4;
  if (h.body_length > max_body_length) return ProtocolViolation("invalid message length");
  return h;
}

Result<FrontendMessage> DecodeFrontendMessage(char type, std::string_view body) {
  BodyReader r(body);
  auto message = DecodeBody(type, r);
  if (!message.ok()) return message;
  if (!r.Done()) return ProtocolViolation("invalid message format");
  return message;
}

void EncodeFrontendMessage(const FrontendMessage& message, std::string* out) {
  std::string b;
  struct Encoder {
    std::string* b;
    char operator()(const PasswordMessage& m) {
      b->append(m.body);
      return 'p';
    }
    char operator()(const Query& m) {
      PutCString(b, m.sql);
      return 'Q';
    }
    char operator()(const Parse& m) {
      PutCString(b, m.statement);
      PutCString(b, m.query);
      PutInt16(b, static_cast<int16_t>(m.param_types.size()));
      for (uint32_t oid : m.param_types) PutBigEndian32(b, oid);
      return 'P';
    }
    char operator()(const Bind& m) {
      PutCString(b, m.portal);
      PutCString(b, m.statement);
      PutInt16(b, static_cast<int16_t>(m.param_formats.size()));
      for (int16_t f : m.param_formats) PutInt16(b, f);
      PutInt16(b, static_cast<int16_t>(m.params.size()));
      for (const auto& p : m.params) {
        PutInt32(b, p ? static_cast<int32_t>(p->size()) : -1);
        if (p) b->append(*p);
      }
      PutInt16(b, static_cast<int16_t>(m.result_formats.size()));
      for (int16_t f : m.result_formats) PutInt16(b, f);
      return 'B';
    }
    char operator()(const Describe& m) {
      b->push_back(m.kind);
      PutCString(b, m.name);
      return 'D';
    }
    char operator()(const Execute& m) {
      PutCString(b, m.portal);
      PutInt32(b, m.max_rows);
      return 'E';
    }
    char operator()(const Close& m) {
      b->push_back(m.kind);
      PutCString(b, m.name);
      return 'C';
    }
    char operator()(const Sync&) { return 'S'; }
    char operator()(const Flush&) { return 'H'; }
    char operator()(const Terminate&) { return 'X'; }
    char operator()(const CopyData& m) {
      b->append(m.data);
      return 'd';
    }
    char operator()(const CopyDone&) { return 'c'; }
    char operator()(const CopyFail& m) {
      PutCString(b, m.message);
      return 'f';
    }
  };
  char type = std::visit(Encoder{&b}, message);
  PutMessage(out, type, b);
}

Result<SaslInitialResponse> DecodeSaslInitialResponse(std::string_view body) {
  BodyReader r(body);
  SaslInitialResponse response;
  response.mechanism = r.CString();
  int32_t length = r.Int32();
  if (length >= 0) {
    response.data = r.Bytes(static_cast<size_t>(length));
  } else if (length != -1) {
    return ProtocolViolation("invalid SASL initial response length");
  }
  if (!r.Done()) return ProtocolViolation("invalid message format");
  return response;
}

std::string EncodeSaslInitialResponse(const SaslInitialResponse& response) {
  std::string body;
  PutCString(&body, response.mechanism);
  PutInt32(&body, response.data ? static_cast<int32_t>(response.data->size()) : -1);
  if (response.data) body.append(*response.data);
  return body;
}

Result<std::string> DecodePassword(std::string_view body) {
  BodyReader r(body);
  std::string password = r.CString();
  if (!r.Done()) return ProtocolViolation("invalid password packet size");
  return password;
}

std::string EncodePassword(std::string_view password) {
  std::string body;
  PutCString(&body, password);
  return body;
}

}  // namespace datacave::protocol
