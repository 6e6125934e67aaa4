#include "sql/types/operators.h"

namespace datacave::sql {
namespace {

std::string_view OpSymbol(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd: return "+";
    case ArithOp::kSub: return "-";
    case ArithOp::kMul: return "*";
    case ArithOp::kDiv: return "/";
    case ArithOp::kMod: return "%";
  }
  return "?";
}

Status NoOperator(ArithOp op, TypeId a, TypeId b) {
  return Status::Sql(StatusCode::kInvalidArgument, "42883",
                     "operator does not exist: " + FormatType(Type::Of(a)) + " " +
                         std::string(OpSymbol(op)) + " " + FormatType(Type::Of(b)));
}

template <typename T>
Result<Value> IntArith(ArithOp op, T a, T b, TypeId type) {
  T r{};
  bool ok = true;
  switch (op) {
    case ArithOp::kAdd: ok = CheckedAdd(a, b, &r); break;
    case ArithOp::kSub: ok = CheckedSub(a, b, &r); break;
    case ArithOp::kMul: ok = CheckedMul(a, b, &r); break;
    case ArithOp::kDiv:
      if (b == 0) return DivisionByZero();
      ok = CheckedDiv(a, b, &r);
      break;
    case ArithOp::kMod:
      if (b == 0) return DivisionByZero();
      r = IntMod(a, b);
      break;
  }
  if (!ok) return IntegerOutOfRange(type);
  if constexpr (sizeof(T) == 2) return Value::Int2(r);
  if constexpr (sizeof(T) == 4) return Value::Int4(r);
  return Value::Int8(r);
}

Result<Value> TimestampOf(TypeId type, Result<int64_t> ts) {
  if (!ts.ok()) return ts.status();
  return type == TypeId::kTimestampTz ? Value::TimestampTz(*ts) : Value::Timestamp(*ts);
}

Result<Value> IntervalOf(Result<Interval> iv) {
  if (!iv.ok()) return iv.status();
  return Value::FromInterval(*iv);
}

bool IsTimestamp(TypeId t) {
  return t == TypeId::kTimestamp || t == TypeId::kTimestampTz;
}
bool IsInteger(TypeId t) {
  return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8;
}

// The result type of a op b, for NULL operands, or kUnknown when there is no such operator.
TypeId ResultType(ArithOp op, TypeId a, TypeId b) {
  bool add = op == ArithOp::kAdd, sub = op == ArithOp::kSub;
  if (a == b && a != TypeId::kDate && !IsTimestamp(a) && a != TypeId::kInterval) {
    bool numeric_type =
        IsInteger(a) || a == TypeId::kNumeric || a == TypeId::kFloat4 || a == TypeId::kFloat8;
    if (!numeric_type) return TypeId::kUnknown;
    if (op == ArithOp::kMod && (a == TypeId::kFloat4 || a == TypeId::kFloat8)) {
      return TypeId::kUnknown;
    }
    return a;
  }
  if (a == TypeId::kDate && IsInteger(b) && (add || sub)) return TypeId::kDate;
  if (IsInteger(a) && b == TypeId::kDate && add) return TypeId::kDate;
  if (a == TypeId::kDate && b == TypeId::kDate && sub) return TypeId::kInt4;
  if (a == TypeId::kDate && b == TypeId::kInterval && (add || sub)) return TypeId::kTimestamp;
  if (a == TypeId::kInterval && b == TypeId::kDate && add) return TypeId::kTimestamp;
  if (IsTimestamp(a) && b == TypeId::kInterval && (add || sub)) return a;
  if (a == TypeId::kInterval && IsTimestamp(b) && add) return b;
  if (IsTimestamp(a) && a == b && sub) return TypeId::kInterval;
  if (a == TypeId::kInterval && b == TypeId::kInterval && (add || sub)) return TypeId::kInterval;
  if (a == TypeId::kInterval && b == TypeId::kFloat8 &&
      (op == ArithOp::kMul || op == ArithOp::kDiv)) {
    return TypeId::kInterval;
  }
  if (a == TypeId::kFloat8 && b == TypeId::kInterval && op == ArithOp::kMul) {
    return TypeId::kInterval;
  }
  return TypeId::kUnknown;
}

}  // namespace

Status IntegerOutOfRange(TypeId type) {
  std::string_view name = type == TypeId::kInt2   ? "smallint"
                          : type == TypeId::kInt4 ? "integer"
                                                  : "bigint";
  return Status::Sql(StatusCode::kInvalidArgument, "22003", std::string(name) + " out of range");
}

Status DivisionByZero() {
  return Status::Sql(StatusCode::kInvalidArgument, "22012", "division by zero");
}

Status FloatOverflow() {
  return Status::Sql(StatusCode::kInvalidArgument, "22003", "value out of range: overflow");
}

Status FloatUnderflow() {
  return Status::Sql(StatusCode::kInvalidArgument, "22003", "value out of range: underflow");
}

Result<Value> Arithmetic(ArithOp op, const Value& a, const Value& b) {
  const TypeId ta = a.type(), tb = b.type();
  TypeId result = ResultType(op, ta, tb);
  if (result == TypeId::kUnknown) return NoOperator(op, ta, tb);
  if (a.is_null() || b.is_null()) return Value::Null(result);
  if (ta == tb) {
    switch (ta) {
      case TypeId::kInt2:
        return IntArith<int16_t>(op, static_cast<int16_t>(a.int_value()),
                                 static_cast<int16_t>(b.int_value()), ta);
      case TypeId::kInt4:
        return IntArith<int32_t>(op, static_cast<int32_t>(a.int_value()),
                                 static_cast<int32_t>(b.int_value()), ta);
      case TypeId::kInt8: return IntArith<int64_t>(op, a.int_value(), b.int_value(), ta);
      case TypeId::kFloat4: {
        float r;
        Status error;
        if (!FloatArith(op, a.float4_value(), b.float4_value(), &r, &error)) return error;
        return Value::Float4(r);
      }
      case TypeId::kFloat8: {
        double r;
        Status error;
        if (!FloatArith(op, a.float8_value(), b.float8_value(), &r, &error)) return error;
        return Value::Float8(r);
      }
      case TypeId::kNumeric: {
        const Numeric &x = a.numeric_value(), &y = b.numeric_value();
        Result<Numeric> r = op == ArithOp::kAdd   ? Numeric::Add(x, y)
                            : op == ArithOp::kSub ? Numeric::Sub(x, y)
                            : op == ArithOp::kMul ? Numeric::Mul(x, y)
                            : op == ArithOp::kDiv ? Numeric::Div(x, y)
                                                  : Numeric::Mod(x, y);
        if (!r.ok()) return r.status();
        return Value::FromNumeric(std::move(r).value());
      }
      default: break;
    }
  }
  if (ta == TypeId::kDate && IsInteger(tb)) {
    int64_t days = op == ArithOp::kAdd ? b.int_value() : -b.int_value();
    DC_ASSIGN_OR_RETURN(int32_t d, DateAddDays(a.date_value(), days));
    return Value::Date(d);
  }
  if (IsInteger(ta) && tb == TypeId::kDate) {
    DC_ASSIGN_OR_RETURN(int32_t d, DateAddDays(b.date_value(), a.int_value()));
    return Value::Date(d);
  }
  if (ta == TypeId::kDate && tb == TypeId::kDate) {
    DC_ASSIGN_OR_RETURN(int32_t days, DateSubtract(a.date_value(), b.date_value()));
    return Value::Int4(days);
  }
  if ((ta == TypeId::kDate || IsTimestamp(ta)) && tb == TypeId::kInterval) {
    int64_t ts = a.int_value();
    if (ta == TypeId::kDate) {
      DC_ASSIGN_OR_RETURN(ts, DateToTimestamp(a.date_value()));
    }
    return TimestampOf(result, op == ArithOp::kAdd ? TimestampAddInterval(ts, b.interval_value())
                                                   : TimestampSubInterval(ts, b.interval_value()));
  }
  if (ta == TypeId::kInterval && (tb == TypeId::kDate || IsTimestamp(tb))) {
    return Arithmetic(op, b, a);
  }
  if (IsTimestamp(ta) && ta == tb)
    return IntervalOf(TimestampSubtract(a.int_value(), b.int_value()));
  if (ta == TypeId::kInterval && tb == TypeId::kInterval) {
    return IntervalOf(op == ArithOp::kAdd ? IntervalAdd(a.interval_value(), b.interval_value())
                                          : IntervalSub(a.interval_value(), b.interval_value()));
  }
  if (ta == TypeId::kInterval && tb == TypeId::kFloat8) {
    return IntervalOf(op == ArithOp::kMul ? IntervalMul(a.interval_value(), b.float8_value())
                                          : IntervalDiv(a.interval_value(), b.float8_value()));
  }
  if (ta == TypeId::kFloat8 && tb == TypeId::kInterval) {
    return IntervalOf(IntervalMul(b.interval_value(), a.float8_value()));
  }
  return NoOperator(op, ta, tb);
}

Result<Value> Negate(const Value& a) {
  if (a.is_null()) return a;
  switch (a.type()) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: {
      Value zero = a.type() == TypeId::kInt2   ? Value::Int2(0)
                   : a.type() == TypeId::kInt4 ? Value::Int4(0)
                                               : Value::Int8(0);
      return Arithmetic(ArithOp::kSub, zero, a);
    }
    case TypeId::kFloat4: return Value::Float4(-a.float4_value());
    case TypeId::kFloat8: return Value::Float8(-a.float8_value());
    case TypeId::kNumeric: return Value::FromNumeric(a.numeric_value().Negate());
    case TypeId::kInterval: return IntervalOf(IntervalNegate(a.interval_value()));
    default:
      return Status::Sql(StatusCode::kInvalidArgument, "42883",
                         "operator does not exist: - " + FormatType(Type::Of(a.type())));
  }
}

Result<Value> Abs(const Value& a) {
  if (a.is_null()) return a;
  switch (a.type()) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return a.int_value() < 0 ? Negate(a) : a;
    case TypeId::kFloat4: return Value::Float4(std::fabs(a.float4_value()));
    case TypeId::kFloat8: return Value::Float8(std::fabs(a.float8_value()));
    case TypeId::kNumeric: return Value::FromNumeric(a.numeric_value().Abs());
    default:
      return Status::Sql(StatusCode::kInvalidArgument, "42883",
                         "function abs(" + FormatType(Type::Of(a.type())) + ") does not exist");
  }
}

}  // namespace datacave::sql
