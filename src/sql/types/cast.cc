// Casts between types, and pg_cast's table of which casts exist in which context.

#include "sql/types/cast.h"

#include <cmath>

#include "sql/types/utf8.h"

namespace datacave::sql {
namespace {

Status IntOutOfRange(TypeId id) {
  std::string name = id == TypeId::kInt2 ? "smallint" : id == TypeId::kInt4 ? "integer" : "bigint";
  return Status::Sql(StatusCode::kInvalidArgument, "22003", name + " out of range");
}

bool IsInteger(TypeId id) {
  return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
}

Result<Value> MakeInteger(TypeId id, int64_t v) {
  switch (id) {
    case TypeId::kInt2:
      if (v < INT16_MIN || v > INT16_MAX) return IntOutOfRange(id);
      return Value::Int2(static_cast<int16_t>(v));
    case TypeId::kInt4:
      if (v < INT32_MIN || v > INT32_MAX) return IntOutOfRange(id);
      return Value::Int4(static_cast<int32_t>(v));
    default: return Value::Int8(v);
  }
}

// Float to integer: round half to even (rint), then range-check as PostgreSQL (NaN and
// anything outside the range is "out of range").
Result<Value> FloatToInteger(double d, TypeId id) {
  double r = std::rint(d);
  if (std::isnan(r) || r < -9223372036854775808.0 || r >= 9223372036854775808.0) {
    return IntOutOfRange(id);
  }
  return MakeInteger(id, static_cast<int64_t>(r));
}

Result<Value> NumericToInteger(const Numeric& n, TypeId id) {
  std::string name = id == TypeId::kInt2 ? "smallint" : id == TypeId::kInt4 ? "integer" : "bigint";
  if (n.is_nan()) return Status::NotSupported("cannot convert NaN to " + name);
  if (n.is_infinite()) return Status::NotSupported("cannot convert infinity to " + name);
  int64_t v;
  if (!n.ToInt64(&v)) return IntOutOfRange(id);
  return MakeInteger(id, v);
}

Result<Value> DoubleToFloat4(double d) {
  auto f = static_cast<float>(d);
  if (std::isinf(f) && !std::isinf(d)) {
    return Status::Sql(StatusCode::kInvalidArgument, "22003", "value out of range: overflow");
  }
  if (f == 0 && d != 0) {
    return Status::Sql(StatusCode::kInvalidArgument, "22003", "value out of range: underflow");
  }
  return Value::Float4(f);
}

Result<Value> ToString(const Value& v, const Type& target, CastContext context) {
  std::string s;
  if (v.type() == TypeId::kBool) {
    s = v.bool_value() ? "true" : "false";  // booltext, not boolout
  } else if (v.type() == TypeId::kBpchar && target.id != TypeId::kBpchar) {
    s = v.string_value();
    while (!s.empty() && s.back() == ' ') s.pop_back();  // rtrim, as PostgreSQL
  } else {
    AppendText(v, &s);
  }
  if (target.id != TypeId::kText) {
    DC_ASSIGN_OR_RETURN(s, CoerceLength(target, std::move(s), context == CastContext::kExplicit));
  }
  return Value::String(target.id, std::move(s));
}

// How a cast from one type to another exists: kNone, or the least context allowing it.
enum class Allowed { kNone, kImplicit, kAssignment, kExplicit };

Allowed CastAllowed(TypeId from, TypeId to) {
  using T = TypeId;
  if (from == to || from == T::kUnknown) return Allowed::kImplicit;
  if (IsArrayType(from) && IsArrayType(to)) {
    // An array coerces as its elements do (int2vector and oidvector are int2[] and oid[]).
    const TypeId a = ArrayElementType(from), b = ArrayElementType(to);
    return a == b ? Allowed::kImplicit : CastAllowed(a, b);
  }
  struct Entry {
    T from, to;
    Allowed how;
  };
  // pg_cast rows among our types (PostgreSQL 15).
  static constexpr Entry kCasts[] = {
      {T::kBool, T::kInt4, Allowed::kExplicit},
      {T::kInt8, T::kInt2, Allowed::kAssignment},
      {T::kInt8, T::kInt4, Allowed::kAssignment},
      {T::kInt8, T::kOid, Allowed::kImplicit},
      {T::kInt8, T::kFloat4, Allowed::kImplicit},
      {T::kInt8, T::kFloat8, Allowed::kImplicit},
      {T::kInt8, T::kNumeric, Allowed::kImplicit},
      {T::kInt2, T::kInt8, Allowed::kImplicit},
      {T::kInt2, T::kInt4, Allowed::kImplicit},
      {T::kInt2, T::kOid, Allowed::kImplicit},
      {T::kInt2, T::kFloat4, Allowed::kImplicit},
      {T::kInt2, T::kFloat8, Allowed::kImplicit},
      {T::kInt2, T::kNumeric, Allowed::kImplicit},
      {T::kInt4, T::kBool, Allowed::kExplicit},
      {T::kInt4, T::kInt8, Allowed::kImplicit},
      {T::kInt4, T::kInt2, Allowed::kAssignment},
      {T::kInt4, T::kOid, Allowed::kImplicit},
      {T::kInt4, T::kFloat4, Allowed::kImplicit},
      {T::kInt4, T::kFloat8, Allowed::kImplicit},
      {T::kInt4, T::kNumeric, Allowed::kImplicit},
      {T::kOid, T::kInt8, Allowed::kAssignment},
      {T::kOid, T::kInt4, Allowed::kAssignment},
      {T::kOid, T::kRegproc, Allowed::kImplicit},
      {T::kOid, T::kRegprocedure, Allowed::kImplicit},
      {T::kRegproc, T::kOid, Allowed::kImplicit},
      {T::kRegproc, T::kInt8, Allowed::kAssignment},
      {T::kRegproc, T::kInt4, Allowed::kAssignment},
      {T::kRegproc, T::kRegprocedure, Allowed::kImplicit},
      {T::kRegprocedure, T::kOid, Allowed::kImplicit},
      {T::kRegprocedure, T::kInt8, Allowed::kAssignment},
      {T::kRegprocedure, T::kInt4, Allowed::kAssignment},
      {T::kRegprocedure, T::kRegproc, Allowed::kImplicit},
      {T::kInt8, T::kRegproc, Allowed::kImplicit},
      {T::kInt8, T::kRegprocedure, Allowed::kImplicit},
      {T::kInt2, T::kRegproc, Allowed::kImplicit},
      {T::kInt2, T::kRegprocedure, Allowed::kImplicit},
      {T::kInt4, T::kRegproc, Allowed::kImplicit},
      {T::kInt4, T::kRegprocedure, Allowed::kImplicit},
      {T::kFloat4, T::kInt8, Allowed::kAssignment},
      {T::kFloat4, T::kInt2, Allowed::kAssignment},
      {T::kFloat4, T::kInt4, Allowed::kAssignment},
      {T::kFloat4, T::kFloat8, Allowed::kImplicit},
      {T::kFloat4, T::kNumeric, Allowed::kAssignment},
      {T::kFloat8, T::kInt8, Allowed::kAssignment},
      {T::kFloat8, T::kInt2, Allowed::kAssignment},
      {T::kFloat8, T::kInt4, Allowed::kAssignment},
      {T::kFloat8, T::kFloat4, Allowed::kAssignment},
      {T::kFloat8, T::kNumeric, Allowed::kAssignment},
      {T::kNumeric, T::kInt8, Allowed::kAssignment},
      {T::kNumeric, T::kInt2, Allowed::kAssignment},
      {T::kNumeric, T::kInt4, Allowed::kAssignment},
      {T::kNumeric, T::kFloat4, Allowed::kImplicit},
      {T::kNumeric, T::kFloat8, Allowed::kImplicit},
      {T::kText, T::kBpchar, Allowed::kImplicit},
      {T::kText, T::kVarchar, Allowed::kImplicit},
      {T::kBpchar, T::kText, Allowed::kImplicit},
      {T::kBpchar, T::kVarchar, Allowed::kImplicit},
      {T::kVarchar, T::kText, Allowed::kImplicit},
      {T::kVarchar, T::kBpchar, Allowed::kImplicit},
      {T::kDate, T::kTimestamp, Allowed::kImplicit},
      {T::kDate, T::kTimestampTz, Allowed::kImplicit},
      {T::kTimestamp, T::kDate, Allowed::kAssignment},
      {T::kTimestamp, T::kTimestampTz, Allowed::kImplicit},
      {T::kTimestampTz, T::kDate, Allowed::kAssignment},
      {T::kTimestampTz, T::kTimestamp, Allowed::kAssignment},
  };
  for (const Entry& e : kCasts) {
    if (e.from == from && e.to == to) return e.how;
  }
  // PostgreSQL's automatic I/O conversion casts: to a string type in assignment, from one
  // explicitly.
  bool to_string = to == T::kText || to == T::kVarchar || to == T::kBpchar;
  bool from_string = from == T::kText || from == T::kVarchar || from == T::kBpchar;
  if (to_string) return Allowed::kAssignment;
  if (from_string && to != T::kUnknown) return Allowed::kExplicit;
  return Allowed::kNone;
}

}  // namespace

bool CanCast(TypeId from, TypeId to, CastContext context) {
  switch (CastAllowed(from, to)) {
    case Allowed::kNone: return false;
    case Allowed::kImplicit: return true;
    case Allowed::kAssignment: return context != CastContext::kImplicit;
    case Allowed::kExplicit: return context == CastContext::kExplicit;
  }
  return false;
}

Result<std::string> CoerceLength(const Type& type, std::string s, bool explicit_cast) {
  int32_t max = type.char_length();
  if (max < 0) return s;
  size_t limit = static_cast<size_t>(max);
  size_t len = Utf8Length(s);
  if (len > limit) {
    size_t cut = Utf8Offset(s, limit);
    if (!explicit_cast && s.find_first_not_of(' ', cut) != std::string::npos) {
      return Status::Sql(StatusCode::kInvalidArgument, "22001",
                         "value too long for type " + FormatType(type));
    }
    s.resize(cut);
    len = limit;
  }
  if (type.id == TypeId::kBpchar && len < limit) s.append(limit - len, ' ');
  return s;
}

Result<Value> Cast(const Value& v, const Type& target, CastContext context) {
  const TypeId from = v.type(), to = target.id;
  if (v.is_null()) return Value::Null(to);
  if (IsArrayType(from) && IsArrayType(to)) {
    const Type element{ArrayElementType(to), target.typmod};
    const ArrayData& array = v.array_value();
    std::vector<Value> elements;
    elements.reserve(array.elements.size());
    for (const Value& e : array.elements) {
      DC_ASSIGN_OR_RETURN(Value cast, Cast(e, element, context));
      elements.push_back(std::move(cast));
    }
    return Value::Array(to, std::move(elements), array.lower_bound);
  }
  if (IsStringType(from) && from != TypeId::kBpchar && !IsStringType(to)) {
    return ParseText(target, v.string_value());
  }
  if (IsStringType(to) && to != TypeId::kUnknown) return ToString(v, target, context);
  if (from == to) {
    switch (to) {
      case TypeId::kNumeric: {
        DC_ASSIGN_OR_RETURN(Numeric n, v.numeric_value().ApplyTypmod(target.typmod));
        return Value::FromNumeric(std::move(n));
      }
      case TypeId::kTimestamp:
      case TypeId::kTimestampTz: {
        if (target.typmod < 0) return v;
        DC_ASSIGN_OR_RETURN(int64_t ts, RoundTimestamp(v.int_value(), target.typmod));
        return to == TypeId::kTimestamp ? Value::Timestamp(ts) : Value::TimestampTz(ts);
      }
      case TypeId::kInterval:
        if (target.typmod < 0) return v;
        return Value::FromInterval(RoundInterval(v.interval_value(), target.typmod & 0xffff));
      default: return v;
    }
  }
  if (from == TypeId::kBpchar && !IsStringType(to)) {
    return ParseText(target, v.string_value());  // I/O conversion
  }
  if (IsInteger(from) || IsOidType(from)) {
    int64_t i = v.int_value();
    if (IsInteger(to)) return MakeInteger(to, i);
    switch (to) {
      case TypeId::kFloat4: return Value::Float4(static_cast<float>(i));
      case TypeId::kFloat8: return Value::Float8(static_cast<double>(i));
      case TypeId::kNumeric: {
        DC_ASSIGN_OR_RETURN(Numeric n, Numeric::FromInt64(i).ApplyTypmod(target.typmod));
        return Value::FromNumeric(std::move(n));
      }
      case TypeId::kBool:
        if (from == TypeId::kInt4) return Value::Bool(i != 0);
        break;
      case TypeId::kOid:
      case TypeId::kRegproc:
      case TypeId::kRegprocedure:
        if (from == TypeId::kInt8 && (i < INT32_MIN || i > UINT32_MAX)) {
          return Status::Sql(StatusCode::kInvalidArgument, "22003", "OID out of range");
        }
        return Value::OidOf(to, static_cast<uint32_t>(i));
      default: break;
    }
  }
  if (IsOidType(from) && to == TypeId::kInt4) {
    return Value::Int4(static_cast<int32_t>(static_cast<uint32_t>(v.int_value())));
  }
  if (from == TypeId::kFloat4 || from == TypeId::kFloat8) {
    double d = v.float_value();
    if (IsInteger(to)) return FloatToInteger(d, to);
    if (to == TypeId::kFloat8) return Value::Float8(d);
    if (to == TypeId::kFloat4) return DoubleToFloat4(d);
    if (to == TypeId::kNumeric) {
      DC_ASSIGN_OR_RETURN(Numeric n, Numeric::FromDouble(d, from == TypeId::kFloat4 ? 6 : 15));
      DC_ASSIGN_OR_RETURN(n, n.ApplyTypmod(target.typmod));
      return Value::FromNumeric(std::move(n));
    }
  }
  if (from == TypeId::kNumeric) {
    const Numeric& n = v.numeric_value();
    if (IsInteger(to)) return NumericToInteger(n, to);
    if (to == TypeId::kFloat8 || to == TypeId::kFloat4) {
      if (to == TypeId::kFloat4 && n.is_finite()) {
        return ParseText(target, n.ToString());  // numeric_float4 goes through float4in
      }
      DC_ASSIGN_OR_RETURN(double d, n.ToDouble());
      if (to == TypeId::kFloat4) return Value::Float4(static_cast<float>(d));
      return Value::Float8(d);
    }
  }
  if (from == TypeId::kBool && to == TypeId::kInt4) return Value::Int4(v.bool_value() ? 1 : 0);
  if (from == TypeId::kDate && (to == TypeId::kTimestamp || to == TypeId::kTimestampTz)) {
    DC_ASSIGN_OR_RETURN(int64_t ts, DateToTimestamp(v.date_value()));
    if (target.typmod >= 0) {
      DC_ASSIGN_OR_RETURN(ts, RoundTimestamp(ts, target.typmod));
    }
    return to == TypeId::kTimestamp ? Value::Timestamp(ts) : Value::TimestampTz(ts);
  }
  if (from == TypeId::kTimestamp || from == TypeId::kTimestampTz) {
    if (to == TypeId::kDate) return Value::Date(TimestampToDate(v.int_value()));
    if (to == TypeId::kTimestamp || to == TypeId::kTimestampTz) {
      // The session time zone is UTC, so the instant and the wall clock agree.
      int64_t ts = v.int_value();
      if (target.typmod >= 0) {
        DC_ASSIGN_OR_RETURN(ts, RoundTimestamp(ts, target.typmod));
      }
      return to == TypeId::kTimestamp ? Value::Timestamp(ts) : Value::TimestampTz(ts);
    }
  }
  return Status::Sql(
      StatusCode::kInvalidArgument, "42846",
      "cannot cast type " + FormatType(Type::Of(from)) + " to " + FormatType(target));
}

}  // namespace datacave::sql
