// Each type's text input and output function.

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "sql/types/array.h"
#include "sql/types/cast.h"
#include "sql/types/procs.h"

namespace datacave::sql {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

Status Syntax(std::string_view type_name, std::string_view text) {
  return Status::Sql(StatusCode::kInvalidArgument, "22P02",
                     "invalid input syntax for type " + std::string(type_name) + ": \"" +
                         std::string(text) + "\"");
}

Status OutOfRange(std::string_view type_name, std::string_view text) {
  return Status::Sql(
      StatusCode::kInvalidArgument, "22003",
      "value \"" + std::string(text) + "\" is out of range for type " + std::string(type_name));
}

// PostgreSQL's pg_strtoint16/32/64: blanks around, a sign, decimal digits.
Result<int64_t> ParseInteger(std::string_view text, std::string_view type_name, int64_t min,
                             int64_t max) {
  std::string_view s = Trim(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return Syntax(type_name, text);
  uint64_t v = 0;
  bool overflow = false;
  for (char c : s) {
    if (c < '0' || c > '9') return Syntax(type_name, text);
    if (v > (UINT64_MAX - 9) / 10) overflow = true;
    if (!overflow) v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (overflow) return OutOfRange(type_name, text);
  if (negative) {
    if (v > static_cast<uint64_t>(-(min + 1)) + 1) return OutOfRange(type_name, text);
    return static_cast<int64_t>(0 - v);
  }
  if (v > static_cast<uint64_t>(max)) return OutOfRange(type_name, text);
  return static_cast<int64_t>(v);
}

Result<double> ParseFloat(std::string_view text, bool is_float4) {
  std::string_view type_name = is_float4 ? "real" : "double precision";
  std::string s(Trim(text));
  if (s.empty()) return Syntax(type_name, text);
  errno = 0;
  char* end = nullptr;
  double d = is_float4 ? double{std::strtof(s.c_str(), &end)} : std::strtod(s.c_str(), &end);
  if (end == s.c_str() || end != s.c_str() + s.size()) return Syntax(type_name, text);
  if (errno == ERANGE && (d == 0.0 || std::isinf(d))) {
    return Status::Sql(StatusCode::kInvalidArgument, "22003",
                       "\"" + s + "\" is out of range for type " + std::string(type_name));
  }
  return d;
}

// PostgreSQL's parse_bool: unique prefixes of true/false/yes/no, on/off, 1/0.
Result<bool> ParseBool(std::string_view text) {
  std::string s(Trim(text));
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  auto prefix_of = [&](std::string_view word, size_t min_len) {
    return s.size() >= min_len && s.size() <= word.size() && word.substr(0, s.size()) == s;
  };
  if (prefix_of("true", 1) || prefix_of("yes", 1) || prefix_of("on", 2) || s == "1") return true;
  if (prefix_of("false", 1) || prefix_of("no", 1) || prefix_of("off", 2) || s == "0") return false;
  return Status::Sql(StatusCode::kInvalidArgument, "22P02",
                     "invalid input syntax for type boolean: \"" + std::string(text) + "\"");
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// byteain: '\x' hex (blanks between pairs allowed) or the escape format.
Result<std::string> ParseBytea(std::string_view text) {
  std::string out;
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
    for (size_t i = 2; i < text.size();) {
      if (IsSpace(text[i])) {
        ++i;
        continue;
      }
      int hi = HexValue(text[i]);
      if (hi < 0) {
        return Status::Sql(StatusCode::kInvalidArgument, "22023",
                           "invalid hexadecimal digit: \"" + std::string(1, text[i]) + "\"");
      }
      if (i + 1 >= text.size()) {
        return Status::Sql(StatusCode::kInvalidArgument, "22023",
                           "invalid hexadecimal data: odd number of digits");
      }
      int lo = HexValue(text[i + 1]);
      if (lo < 0) {
        return Status::Sql(StatusCode::kInvalidArgument, "22023",
                           "invalid hexadecimal digit: \"" + std::string(1, text[i + 1]) + "\"");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
    return out;
  }
  for (size_t i = 0; i < text.size();) {
    if (text[i] != '\\') {
      out.push_back(text[i++]);
    } else if (i + 1 < text.size() && text[i + 1] == '\\') {
      out.push_back('\\');
      i += 2;
    } else if (i + 3 < text.size() + 0 && text[i + 1] >= '0' && text[i + 1] <= '3' &&
               text[i + 2] >= '0' && text[i + 2] <= '7' && text[i + 3] >= '0' &&
               text[i + 3] <= '7') {
      out.push_back(static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 +
                                      (text[i + 3] - '0')));
      i += 4;
    } else {
      return Status::Sql(StatusCode::kInvalidArgument, "22P02",
                         "invalid input syntax for type bytea");
    }
  }
  return out;
}

// Shortest round-trip digits, laid out as PostgreSQL's float output: fixed notation for
// decimal exponents -4..14 (float8) or -4..5 (float4), otherwise 1.5e+20 style.
template <typename F>
void AppendFloat(F f, int max_fixed_exponent, std::string* out) {
  if (std::isnan(f)) return out->append("NaN"), void();
  if (std::isinf(f)) return out->append(f < 0 ? "-Infinity" : "Infinity"), void();
  char buf[64];
  auto sci = std::to_chars(buf, buf + sizeof(buf), f, std::chars_format::scientific);
  std::string_view s(buf, static_cast<size_t>(sci.ptr - buf));
  int exponent = std::atoi(std::string(s.substr(s.find('e') + 1)).c_str());
  if (exponent < -4 || exponent > max_fixed_exponent) return out->append(s), void();
  auto fixed = std::to_chars(buf, buf + sizeof(buf), f, std::chars_format::fixed);
  out->append(buf, static_cast<size_t>(fixed.ptr - buf));
}

}  // namespace

Result<Value> ParseText(const Type& type, std::string_view text) {
  if (IsArrayType(type.id)) return ParseArrayText(type, text);
  switch (type.id) {
    case TypeId::kBool: {
      DC_ASSIGN_OR_RETURN(bool b, ParseBool(text));
      return Value::Bool(b);
    }
    case TypeId::kInt2: {
      DC_ASSIGN_OR_RETURN(int64_t v, ParseInteger(text, "smallint", INT16_MIN, INT16_MAX));
      return Value::Int2(static_cast<int16_t>(v));
    }
    case TypeId::kInt4: {
      DC_ASSIGN_OR_RETURN(int64_t v, ParseInteger(text, "integer", INT32_MIN, INT32_MAX));
      return Value::Int4(static_cast<int32_t>(v));
    }
    case TypeId::kInt8: {
      DC_ASSIGN_OR_RETURN(int64_t v, ParseInteger(text, "bigint", INT64_MIN, INT64_MAX));
      return Value::Int8(v);
    }
    case TypeId::kOid: {
      // oidin accepts negative numbers down to INT32_MIN and wraps them, as strtoul would.
      DC_ASSIGN_OR_RETURN(int64_t v, ParseInteger(text, "oid", INT32_MIN, UINT32_MAX));
      return Value::Oid(static_cast<uint32_t>(v));
    }
    case TypeId::kRegproc: {
      DC_ASSIGN_OR_RETURN(uint32_t oid, RegprocIn(text));
      return Value::OidOf(type.id, oid);
    }
    case TypeId::kRegprocedure: {
      DC_ASSIGN_OR_RETURN(uint32_t oid, RegprocedureIn(text));
      return Value::OidOf(type.id, oid);
    }
    case TypeId::kFloat4: {
      DC_ASSIGN_OR_RETURN(double d, ParseFloat(text, true));
      return Value::Float4(static_cast<float>(d));
    }
    case TypeId::kFloat8: {
      DC_ASSIGN_OR_RETURN(double d, ParseFloat(text, false));
      return Value::Float8(d);
    }
    case TypeId::kNumeric: {
      DC_ASSIGN_OR_RETURN(Numeric n, Numeric::Parse(text));
      DC_ASSIGN_OR_RETURN(n, n.ApplyTypmod(type.typmod));
      return Value::FromNumeric(std::move(n));
    }
    case TypeId::kText:
    case TypeId::kUnknown: return Value::String(type.id, std::string(text));
    case TypeId::kVarchar:
    case TypeId::kBpchar: {
      DC_ASSIGN_OR_RETURN(std::string s, CoerceLength(type, std::string(text), false));
      return Value::String(type.id, std::move(s));
    }
    case TypeId::kBytea: {
      DC_ASSIGN_OR_RETURN(std::string s, ParseBytea(text));
      return Value::Bytea(std::move(s));
    }
    case TypeId::kDate: {
      DC_ASSIGN_OR_RETURN(int32_t d, ParseDate(text));
      return Value::Date(d);
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      bool tz = type.id == TypeId::kTimestampTz;
      DC_ASSIGN_OR_RETURN(int64_t ts, ParseTimestamp(text, tz));
      if (type.typmod >= 0) {
        DC_ASSIGN_OR_RETURN(ts, RoundTimestamp(ts, type.typmod));
      }
      return tz ? Value::TimestampTz(ts) : Value::Timestamp(ts);
    }
    case TypeId::kInterval: {
      DC_ASSIGN_OR_RETURN(Interval iv, ParseInterval(text));
      if (type.typmod >= 0) iv = RoundInterval(iv, type.typmod & 0xffff);
      return Value::FromInterval(iv);
    }
    default: break;
  }
  return Status::NotSupported("text input for type " + std::string(TypeName(type.id)));
}

void AppendText(const Value& v, std::string* out) {
  if (IsArrayType(v.type())) return AppendArrayText(v, out);
  switch (v.type()) {
    case TypeId::kBool: out->push_back(v.bool_value() ? 't' : 'f'); return;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid: out->append(std::to_string(v.int_value())); return;
    case TypeId::kRegproc: out->append(RegprocOut(static_cast<uint32_t>(v.int_value()))); return;
    case TypeId::kRegprocedure:
      out->append(RegprocedureOut(static_cast<uint32_t>(v.int_value())));
      return;
    case TypeId::kFloat4: AppendFloat(v.float4_value(), 5, out); return;
    case TypeId::kFloat8: AppendFloat(v.float8_value(), 14, out); return;
    case TypeId::kNumeric: v.numeric_value().AppendText(out); return;
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kBpchar:
    case TypeId::kUnknown: out->append(v.string_value()); return;
    case TypeId::kBytea: {
      static constexpr char kHex[] = "0123456789abcdef";
      out->append("\\x");
      for (char c : v.string_value()) {
        auto b = static_cast<unsigned char>(c);
        out->push_back(kHex[b >> 4]);
        out->push_back(kHex[b & 15]);
      }
      return;
    }
    case TypeId::kDate: AppendDate(v.date_value(), out); return;
    case TypeId::kTimestamp: AppendTimestamp(v.int_value(), false, out); return;
    case TypeId::kTimestampTz: AppendTimestamp(v.int_value(), true, out); return;
    case TypeId::kInterval: AppendInterval(v.interval_value(), out); return;
    default: return;
  }
}

std::string ToText(const Value& v) {
  std::string out;
  AppendText(v, &out);
  return out;
}

}  // namespace datacave::sql
