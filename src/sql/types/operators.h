#pragma once

// Arithmetic operators with PostgreSQL's results and errors.
//
// The binder casts both operands to a common type first, so the kernels are per type:
// integers (checked, 22003 "integer out of range" / "smallint out of range" / "bigint out of
// range"), floats (22003 "value out of range: overflow" / "underflow"), numeric, and the
// date/time mixes (date ± integer, date - date, date/timestamp ± interval, timestamp -
// timestamp, interval ± interval, interval * / float8). Division by zero is 22012.
//
// The inline helpers are for the executor's tight loops over batches; the Value-level
// functions dispatch on the operand types.
//
// Thread safety: pure functions.

#include <cmath>
#include <cstdint>
#include <limits>

#include "core/status.h"
#include "sql/types/value.h"

namespace datacave::sql {

enum class ArithOp { kAdd, kSub, kMul, kDiv, kMod };

// "integer out of range" for int4, "smallint ..." for int2, "bigint ..." for int8 (22003).
Status IntegerOutOfRange(TypeId type);
Status DivisionByZero();
Status FloatOverflow();
Status FloatUnderflow();

// Integer kernels for T in int16_t, int32_t, int64_t: false means the result does not fit T.
template <typename T>
inline bool CheckedAdd(T a, T b, T* out) {
  return !__builtin_add_overflow(a, b, out);
}
template <typename T>
inline bool CheckedSub(T a, T b, T* out) {
  return !__builtin_sub_overflow(a, b, out);
}
template <typename T>
inline bool CheckedMul(T a, T b, T* out) {
  return !__builtin_mul_overflow(a, b, out);
}

// Integer division truncating toward zero. REQUIRES: b != 0 (check with DivisionByZero
// first). false for MIN / -1.
template <typename T>
inline bool CheckedDiv(T a, T b, T* out) {
  if (b == -1) {
    if (a == std::numeric_limits<T>::min()) return false;
    *out = static_cast<T>(-a);
    return true;
  }
  *out = static_cast<T>(a / b);
  return true;
}

// Remainder with the dividend's sign; x % -1 is 0. REQUIRES: b != 0.
template <typename T>
inline T IntMod(T a, T b) {
  return b == -1 ? T{0} : static_cast<T>(a % b);
}

// Float kernels with PostgreSQL's overflow/underflow checks; false on error, *error set.
template <typename F>
inline bool FloatArith(ArithOp op, F a, F b, F* out, Status* error) {
  F r;
  switch (op) {
    case ArithOp::kAdd: r = a + b; break;
    case ArithOp::kSub: r = a - b; break;
    case ArithOp::kMul:
      r = a * b;
      if (r == 0 && a != 0 && b != 0) return *error = FloatUnderflow(), false;
      break;
    case ArithOp::kDiv:
      if (b == 0 && !std::isnan(a)) return *error = DivisionByZero(), false;
      r = a / b;
      if (std::isinf(r) && !std::isinf(a)) return *error = FloatOverflow(), false;
      if (r == 0 && a != 0 && !std::isinf(b)) return *error = FloatUnderflow(), false;
      *out = r;
      return true;
    case ArithOp::kMod:
    default:
      return *error = Status::Sql(StatusCode::kInvalidArgument, "42883",
                                  "operator does not exist: double precision % double precision"),
             false;
  }
  if (std::isinf(r) && !std::isinf(a) && !std::isinf(b)) return *error = FloatOverflow(), false;
  *out = r;
  return true;
}

// a op b. NULL in, NULL out (of the result type). REQUIRES: a supported operand pairing;
// others are 42883 operator does not exist.
Result<Value> Arithmetic(ArithOp op, const Value& a, const Value& b);
// Unary minus.
Result<Value> Negate(const Value& a);
// abs(): integers (22003 for the minimum), floats, numeric.
Result<Value> Abs(const Value& a);

}  // namespace datacave::sql
