#include "sql/types/binary.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "core/coding.h"
#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

Status Insufficient() {
  return Status::Sql(StatusCode::kInvalidArgument, "08P01", "insufficient data left in message");
}

// A reader over one value's bytes that fails with PostgreSQL's message when they run out.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  bool Fixed(size_t n, const char** p) {
    if (rest_.size() < n) return false;
    *p = rest_.data();
    rest_.remove_prefix(n);
    return true;
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

template <typename Int>
Result<Int> ReadInt(Reader* r) {
  const char* p;
  if (!r->Fixed(sizeof(Int), &p)) return Insufficient();
  if constexpr (sizeof(Int) == 1) return static_cast<Int>(*p);
  if constexpr (sizeof(Int) == 2) return static_cast<Int>(DecodeBigEndian16(p));
  if constexpr (sizeof(Int) == 4) return static_cast<Int>(DecodeBigEndian32(p));
  if constexpr (sizeof(Int) == 8) return static_cast<Int>(DecodeBigEndian64(p));
}

Result<Value> Decode(const Type& type, Reader* r);

// array_recv: dimensions, a has-NULLs flag, the element type's OID, each dimension's length
// and lower bound, then each element with its length (-1 for NULL).
Result<Value> DecodeArray(const Type& type, Reader* r) {
  auto bad = [](std::string message) {
    return Status::Sql(StatusCode::kInvalidArgument, "22P03", std::move(message));
  };
  DC_ASSIGN_OR_RETURN(int32_t dimensions, ReadInt<int32_t>(r));
  DC_ASSIGN_OR_RETURN(int32_t flags, ReadInt<int32_t>(r));
  DC_ASSIGN_OR_RETURN(uint32_t element_oid, ReadInt<uint32_t>(r));
  if (dimensions < 0) return bad("invalid number of dimensions: " + std::to_string(dimensions));
  if (dimensions > 1) return Status::NotSupported("multidimensional arrays are not supported");
  if (flags != 0 && flags != 1) return bad("invalid array flags");
  const Type element{ArrayElementType(type.id), type.typmod};
  if (element_oid != TypeOid(element.id)) {
    return Status::Sql(StatusCode::kInvalidArgument, "42804",
                       "binary data has array element type " + std::to_string(element_oid) +
                           " instead of expected " + std::to_string(TypeOid(element.id)));
  }
  const bool vector = type.id == TypeId::kInt2Vector || type.id == TypeId::kOidVector;
  int32_t count = 0, lower = vector ? 0 : 1;
  if (dimensions == 1) {
    DC_ASSIGN_OR_RETURN(count, ReadInt<int32_t>(r));
    DC_ASSIGN_OR_RETURN(lower, ReadInt<int32_t>(r));
    if (count < 0) return bad("array size exceeds the maximum allowed");
  }
  std::vector<Value> elements;
  // Each element takes at least its 4-byte length, so a lying count reserves no more.
  elements.reserve(std::min(static_cast<size_t>(count), r->rest().size() / 4));
  for (int32_t i = 0; i < count; ++i) {
    DC_ASSIGN_OR_RETURN(int32_t length, ReadInt<int32_t>(r));
    if (length == -1) {
      elements.push_back(Value::Null(element.id));
      continue;
    }
    const char* bytes;
    if (length < 0 || !r->Fixed(static_cast<size_t>(length), &bytes)) return Insufficient();
    DC_ASSIGN_OR_RETURN(Value v,
                        ParseBinary(element, std::string_view(bytes, static_cast<size_t>(length))));
    elements.push_back(std::move(v));
  }
  if (vector && (lower != 0 || std::any_of(elements.begin(), elements.end(),
                                           [](const Value& v) { return v.is_null(); }))) {
    return bad("invalid " + std::string(TypeName(type.id)) + " data");
  }
  // An empty array has no dimensions, so no lower bound of its own.
  const int32_t bound = elements.empty() && !vector ? 1 : lower;
  return Value::Array(type.id, std::move(elements), bound);
}

Result<Value> Decode(const Type& type, Reader* r) {
  if (IsArrayType(type.id)) return DecodeArray(type, r);
  switch (type.id) {
    case TypeId::kBool: {
      DC_ASSIGN_OR_RETURN(int8_t b, ReadInt<int8_t>(r));
      return Value::Bool(b != 0);
    }
    case TypeId::kInt2: {
      DC_ASSIGN_OR_RETURN(int16_t i, ReadInt<int16_t>(r));
      return Value::Int2(i);
    }
    case TypeId::kInt4: {
      DC_ASSIGN_OR_RETURN(int32_t i, ReadInt<int32_t>(r));
      return Value::Int4(i);
    }
    case TypeId::kInt8: {
      DC_ASSIGN_OR_RETURN(int64_t i, ReadInt<int64_t>(r));
      return Value::Int8(i);
    }
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure: {
      DC_ASSIGN_OR_RETURN(uint32_t i, ReadInt<uint32_t>(r));
      return Value::OidOf(type.id, i);
    }
    case TypeId::kFloat4: {
      DC_ASSIGN_OR_RETURN(uint32_t bits, ReadInt<uint32_t>(r));
      return Value::Float4(std::bit_cast<float>(bits));
    }
    case TypeId::kFloat8: {
      DC_ASSIGN_OR_RETURN(uint64_t bits, ReadInt<uint64_t>(r));
      return Value::Float8(std::bit_cast<double>(bits));
    }
    case TypeId::kNumeric: {
      size_t consumed = 0;
      DC_ASSIGN_OR_RETURN(Numeric n, Numeric::FromBinary(r->rest(), &consumed));
      const char* p;
      (void)r->Fixed(consumed, &p);
      DC_ASSIGN_OR_RETURN(n, n.ApplyTypmod(type.typmod));
      return Value::FromNumeric(std::move(n));
    }
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown: {
      std::string_view s = r->rest();
      const char* p;
      (void)r->Fixed(s.size(), &p);
      DC_RETURN_IF_ERROR(ValidateUtf8(s));
      DC_ASSIGN_OR_RETURN(std::string coerced, CoerceLength(type, std::string(s), false));
      return Value::String(type.id, std::move(coerced));
    }
    case TypeId::kBytea: {
      std::string_view s = r->rest();
      const char* p;
      (void)r->Fixed(s.size(), &p);
      return Value::Bytea(std::string(s));
    }
    case TypeId::kDate: {
      DC_ASSIGN_OR_RETURN(int32_t d, ReadInt<int32_t>(r));
      if (d != kDateNegInfinity && d != kDatePosInfinity && (d < kMinDate || d >= kEndDate)) {
        return Status::Sql(StatusCode::kInvalidArgument, "22008", "date out of range");
      }
      return Value::Date(d);
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      DC_ASSIGN_OR_RETURN(int64_t ts, ReadInt<int64_t>(r));
      if (ts != kTimestampNegInfinity && ts != kTimestampPosInfinity &&
          (ts < kMinTimestamp || ts >= kEndTimestamp)) {
        return Status::Sql(StatusCode::kInvalidArgument, "22008", "timestamp out of range");
      }
      if (type.typmod >= 0) {
        DC_ASSIGN_OR_RETURN(ts, RoundTimestamp(ts, type.typmod));
      }
      return type.id == TypeId::kTimestamp ? Value::Timestamp(ts) : Value::TimestampTz(ts);
    }
    case TypeId::kInterval: {
      Interval iv;
      DC_ASSIGN_OR_RETURN(iv.time, ReadInt<int64_t>(r));
      DC_ASSIGN_OR_RETURN(iv.days, ReadInt<int32_t>(r));
      DC_ASSIGN_OR_RETURN(iv.months, ReadInt<int32_t>(r));
      if (type.typmod >= 0) iv = RoundInterval(iv, type.typmod & 0xffff);
      return Value::FromInterval(iv);
    }
    default: break;
  }
  return Status::NotSupported("binary input for type " + std::string(TypeName(type.id)));
}

}  // namespace

void AppendBinary(const Value& v, std::string* out) {
  if (IsArrayType(v.type())) {
    // array_send: dimensions, a has-NULLs flag, the element type, each dimension's length
    // and lower bound, then each element with its length (-1 for NULL).
    const ArrayData& array = v.array_value();
    bool has_nulls = false;
    for (const Value& e : array.elements) has_nulls |= e.is_null();
    PutBigEndian32(out, array.elements.empty() ? 0 : 1);
    PutBigEndian32(out, has_nulls ? 1 : 0);
    PutBigEndian32(out, TypeOid(ArrayElementType(v.type())));
    if (array.elements.empty()) return;
    PutBigEndian32(out, static_cast<uint32_t>(array.elements.size()));
    PutBigEndian32(out, static_cast<uint32_t>(array.lower_bound));
    std::string element;
    for (const Value& e : array.elements) {
      if (e.is_null()) {
        PutBigEndian32(out, 0xffffffffu);
        continue;
      }
      element.clear();
      AppendBinary(e, &element);
      PutBigEndian32(out, static_cast<uint32_t>(element.size()));
      out->append(element);
    }
    return;
  }
  switch (v.type()) {
    case TypeId::kBool: out->push_back(v.bool_value() ? 1 : 0); return;
    case TypeId::kInt2: PutBigEndian16(out, static_cast<uint16_t>(v.int_value())); return;
    case TypeId::kInt4:
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
    case TypeId::kDate: PutBigEndian32(out, static_cast<uint32_t>(v.int_value())); return;
    case TypeId::kInt8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: PutBigEndian64(out, static_cast<uint64_t>(v.int_value())); return;
    case TypeId::kFloat4: PutBigEndian32(out, std::bit_cast<uint32_t>(v.float4_value())); return;
    case TypeId::kFloat8: PutBigEndian64(out, std::bit_cast<uint64_t>(v.float8_value())); return;
    case TypeId::kNumeric: v.numeric_value().AppendBinary(out); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown:
    case TypeId::kBytea: out->append(v.string_value()); return;
    case TypeId::kInterval: {
      const Interval& iv = v.interval_value();
      PutBigEndian64(out, static_cast<uint64_t>(iv.time));
      PutBigEndian32(out, static_cast<uint32_t>(iv.days));
      PutBigEndian32(out, static_cast<uint32_t>(iv.months));
      return;
    }
    default: return;
  }
}

Result<Value> ParseBinary(const Type& type, std::string_view bytes) {
  Reader r(bytes);
  DC_ASSIGN_OR_RETURN(Value v, Decode(type, &r));
  if (!r.rest().empty()) {
    return Status::Sql(StatusCode::kInvalidArgument, "22P03", "incorrect binary data format");
  }
  return v;
}

Status ValidateUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80             ? 1
                 : (c & 0xe0) == 0xc0 ? 2
                 : (c & 0xf0) == 0xe0 ? 3
                 : (c & 0xf8) == 0xf0 ? 4
                                      : 1;
    bool ok = c != 0 && (c < 0x80 || len > 1) && i + len <= s.size();
    if (ok && len > 1) {
      for (size_t k = 1; k < len; ++k) ok &= (static_cast<unsigned char>(s[i + k]) & 0xc0) == 0x80;
      if (ok) {
        auto c1 = static_cast<unsigned char>(s[i + 1]);
        // Overlong forms, surrogates and code points above U+10FFFF, as pg_utf8_islegal.
        if (len == 2 && c < 0xc2) ok = false;
        if (len == 3 && ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 > 0x9f))) ok = false;
        if (len == 4 && ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 > 0x8f) || c > 0xf4))
          ok = false;
      }
    }
    if (!ok) {
      std::string bytes;
      static constexpr char kHex[] = "0123456789abcdef";
      for (size_t k = 0; k < len && i + k < s.size(); ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if (k > 0) bytes += ' ';
        bytes += "0x";
        bytes += kHex[b >> 4];
        bytes += kHex[b & 15];
      }
      return Status::Sql(StatusCode::kInvalidArgument, "22021",
                         "invalid byte sequence for encoding \"UTF8\": " + bytes);
    }
    i += len;
  }
  return Status::Ok();
}

}  // namespace datacave::sql
