// Properties of sql/types: every type's text and binary forms round-trip, numeric arithmetic
// agrees with exact 128-bit integer arithmetic on scaled values, equal values hash alike, and
// the checked integer kernels detect exactly the overflows that 128-bit arithmetic shows.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <bit>
#include <cstring>

#include "sql/types/binary.h"
#include "sql/types/cast.h"
#include "sql/types/operators.h"

namespace datacave::sql {
namespace {

__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

std::string Int128ToString(Int128 v, int scale) {
  bool negative = v < 0;
  UInt128 m = negative ? -static_cast<UInt128>(v) : static_cast<UInt128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (negative && !zero ? "-" : "") + digits;
}

Int128 Pow10(int k) {
  Int128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

struct ScaledInt {
  int64_t value;
  int scale;
  Numeric ToNumeric() const { return Numeric::FromScaledInt64(value, scale); }
};

rc::Gen<ScaledInt> GenScaled() {
  return rc::gen::build<ScaledInt>(
      rc::gen::set(&ScaledInt::value,
                   rc::gen::oneOf(rc::gen::inRange<int64_t>(-1000, 1000),
                                  rc::gen::inRange<int64_t>(-1000000000000LL, 1000000000000LL))),
      rc::gen::set(&ScaledInt::scale, rc::gen::inRange(0, 7)));
}

rc::Gen<Numeric> GenNumeric() {
  return rc::gen::oneOf(
      rc::gen::map(GenScaled(), [](ScaledInt s) { return s.ToNumeric(); }),
      rc::gen::map(
          rc::gen::container<std::string>(rc::gen::inRange('0', static_cast<char>('9' + 1))),
          [](std::string digits) {
            if (digits.empty()) digits = "0";
            if (digits.size() > 2) digits.insert(digits.size() / 2, ".");
            return Numeric::Parse(digits).value();
          }),
      rc::gen::element(Numeric::NaN(), Numeric::Infinity(false), Numeric::Infinity(true)));
}

std::string GenUtf8() {
  auto chars = *rc::gen::container<std::vector<uint32_t>>(
      rc::gen::oneOf(rc::gen::inRange<uint32_t>(1, 0x80), rc::gen::inRange<uint32_t>(0x80, 0xd800),
                     rc::gen::inRange<uint32_t>(0xe000, 0x110000)));
  std::string s;
  for (uint32_t c : chars) {
    if (c < 0x80) {
      s.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      s.push_back(static_cast<char>(0xc0 | (c >> 6)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else if (c < 0x10000) {
      s.push_back(static_cast<char>(0xe0 | (c >> 12)));
      s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    } else {
      s.push_back(static_cast<char>(0xf0 | (c >> 18)));
      s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3f)));
      s.push_back(static_cast<char>(0x80 | (c & 0x3f)));
    }
  }
  return s;
}

// A random non-NULL value of the given type.
Value GenValue(TypeId type) {
  switch (type) {
    case TypeId::kBool: return Value::Bool(*rc::gen::arbitrary<bool>());
    case TypeId::kInt2: return Value::Int2(*rc::gen::arbitrary<int16_t>());
    case TypeId::kInt4: return Value::Int4(*rc::gen::arbitrary<int32_t>());
    case TypeId::kInt8: return Value::Int8(*rc::gen::arbitrary<int64_t>());
    case TypeId::kOid: return Value::Oid(*rc::gen::arbitrary<uint32_t>());
    case TypeId::kFloat4:
      return Value::Float4(std::bit_cast<float>(*rc::gen::arbitrary<uint32_t>()));
    case TypeId::kFloat8:
      return Value::Float8(std::bit_cast<double>(*rc::gen::arbitrary<uint64_t>()));
    case TypeId::kNumeric: return Value::FromNumeric(*GenNumeric());
    case TypeId::kBytea: return Value::Bytea(*rc::gen::arbitrary<std::string>());
    case TypeId::kDate:
      return Value::Date(static_cast<int32_t>(*rc::gen::inRange<int64_t>(kMinDate, kEndDate)));
    case TypeId::kTimestamp:
      return Value::Timestamp(*rc::gen::inRange<int64_t>(kMinTimestamp, kEndTimestamp));
    case TypeId::kTimestampTz:
      return Value::TimestampTz(*rc::gen::inRange<int64_t>(kMinTimestamp, kEndTimestamp));
    case TypeId::kInterval:
      return Value::FromInterval(
          Interval{*rc::gen::inRange<int64_t>(-100000000000000000LL, 100000000000000000LL),
                   *rc::gen::arbitrary<int32_t>(), *rc::gen::arbitrary<int32_t>()});
    default: return Value::String(type, GenUtf8());
  }
}

// Identical, not just SQL-equal: same bits for floats, same scale for numerics.
bool Identical(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  if (a.type() == TypeId::kFloat4 || a.type() == TypeId::kFloat8) {
    double x = a.float_value(), y = b.float_value();
    if (std::isnan(x)) return std::isnan(y);
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
  if (a.type() == TypeId::kInterval) return a.interval_value() == b.interval_value();
  return Value::Compare(a, b) == 0 && ToText(a) == ToText(b);
}

const std::vector<TypeId> kAllTypes = {
    TypeId::kBool,     TypeId::kInt2,   TypeId::kInt4,    TypeId::kInt8,      TypeId::kOid,
    TypeId::kFloat4,   TypeId::kFloat8, TypeId::kNumeric, TypeId::kText,      TypeId::kVarchar,
    TypeId::kBpchar,   TypeId::kBytea,  TypeId::kDate,    TypeId::kTimestamp, TypeId::kTimestampTz,
    TypeId::kInterval, TypeId::kUnknown};

RC_GTEST_PROP(SqlTypesProperty, TextRoundTrips, ()) {
  TypeId type = *rc::gen::elementOf(kAllTypes);
  Value v = GenValue(type);
  std::string text = ToText(v);
  Result<Value> back = ParseText(Type::Of(type), text);
  RC_ASSERT(back.ok());
  RC_ASSERT(Identical(v, *back));
}

RC_GTEST_PROP(SqlTypesProperty, BinaryRoundTrips, ()) {
  TypeId type = *rc::gen::elementOf(kAllTypes);
  Value v = GenValue(type);
  std::string bytes;
  AppendBinary(v, &bytes);
  Result<Value> back = ParseBinary(Type::Of(type), bytes);
  RC_ASSERT(back.ok());
  RC_ASSERT(Identical(v, *back));
}

RC_GTEST_PROP(SqlTypesProperty, NumericArithmeticMatchesInt128, ()) {
  ScaledInt a = *GenScaled(), b = *GenScaled();
  int scale = std::max(a.scale, b.scale);
  Int128 x = Int128{a.value} * Pow10(scale - a.scale), y = Int128{b.value} * Pow10(scale - b.scale);
  Numeric na = a.ToNumeric(), nb = b.ToNumeric();
  RC_ASSERT(Numeric::Add(na, nb)->ToString() == Int128ToString(x + y, scale));
  RC_ASSERT(Numeric::Sub(na, nb)->ToString() == Int128ToString(x - y, scale));
  RC_ASSERT(Numeric::Mul(na, nb)->ToString() ==
            Int128ToString(Int128{a.value} * b.value, a.scale + b.scale));
  if (b.value == 0) {
    RC_ASSERT(Numeric::Div(na, nb).status().sqlstate() == "22012");
    return;
  }
  RC_ASSERT(Numeric::Mod(na, nb)->ToString() == Int128ToString(x % y, scale));
  Numeric q = *Numeric::Div(na, nb);
  int r = q.scale();
  // q = round_half_away(a.value * 10^(b.scale + r - a.scale) / b.value), when that fits.
  int k = b.scale + r - a.scale;
  RC_PRE(k >= -30 && k <= 24);
  Int128 num = Int128{a.value} * (k >= 0 ? Pow10(k) : 1);
  Int128 den = Int128{b.value} * (k < 0 ? Pow10(-k) : 1);
  Int128 quot = num / den, rem = num % den;
  Int128 abs_rem = rem < 0 ? -rem : rem, abs_den = den < 0 ? -den : den;
  if (2 * abs_rem >= abs_den) quot += ((num < 0) != (den < 0)) ? -1 : 1;
  RC_ASSERT(q.ToString() == Int128ToString(quot, r));
}

RC_GTEST_PROP(SqlTypesProperty, NumericCompareMatchesInt128AndHashAgrees, ()) {
  ScaledInt a = *GenScaled(), b = *GenScaled();
  int scale = std::max(a.scale, b.scale);
  Int128 x = Int128{a.value} * Pow10(scale - a.scale), y = Int128{b.value} * Pow10(scale - b.scale);
  int expected = x < y ? -1 : (x > y ? 1 : 0);
  Numeric na = a.ToNumeric(), nb = b.ToNumeric();
  RC_ASSERT(Numeric::Compare(na, nb) == expected);
  // The same value at a larger scale is equal and hashes alike.
  Numeric wider = *na.Round(na.scale() + *rc::gen::inRange(0, 12));
  RC_ASSERT(Numeric::Compare(na, wider) == 0);
  RC_ASSERT(na.Hash() == wider.Hash());
}

RC_GTEST_PROP(SqlTypesProperty, EqualValuesHashAlike, ()) {
  TypeId type = *rc::gen::elementOf(kAllTypes);
  Value a = GenValue(type);
  Value b = *rc::gen::element(0, 1) == 0 ? a : GenValue(type);
  if (Value::Compare(a, b) == 0) RC_ASSERT(a.Hash() == b.Hash());
  RC_ASSERT(Value::Compare(a, b) == -Value::Compare(b, a));
}

RC_GTEST_PROP(SqlTypesProperty, IntervalsEqualAsSpansHashAlike, ()) {
  // '1 mon' = '30 days' and '1 day' = '24 hours' in PostgreSQL's interval order.
  int32_t days = *rc::gen::inRange(-1000000, 1000000);
  Interval a{0, days * 30, 0}, b{0, 0, days};
  Interval c{int64_t{days} * 30 * kUsecsPerDay, 0, 0};
  RC_ASSERT(CompareIntervals(a, b) == 0);
  RC_ASSERT(CompareIntervals(a, c) == 0);
  RC_ASSERT(HashInterval(a) == HashInterval(b));
  RC_ASSERT(HashInterval(a) == HashInterval(c));
}

template <typename T>
void CheckIntKernels(T a, T b) {
  Int128 x = a, y = b;
  auto fits = [](Int128 v) {
    return v >= std::numeric_limits<T>::min() && v <= std::numeric_limits<T>::max();
  };
  T r;
  RC_ASSERT(CheckedAdd(a, b, &r) == fits(x + y));
  if (fits(x + y)) RC_ASSERT(Int128{r} == x + y);
  RC_ASSERT(CheckedSub(a, b, &r) == fits(x - y));
  if (fits(x - y)) RC_ASSERT(Int128{r} == x - y);
  RC_ASSERT(CheckedMul(a, b, &r) == fits(x * y));
  if (fits(x * y)) RC_ASSERT(Int128{r} == x * y);
  if (b != 0) {
    RC_ASSERT(CheckedDiv(a, b, &r) == fits(x / y));
    if (fits(x / y)) RC_ASSERT(Int128{r} == x / y);
    RC_ASSERT(Int128{IntMod(a, b)} == x % y);
  }
}

RC_GTEST_PROP(SqlTypesProperty, IntegerOverflowMatchesInt128, ()) {
  auto edge64 = rc::gen::oneOf(rc::gen::arbitrary<int64_t>(),
                               rc::gen::element<int64_t>(INT64_MIN, INT64_MAX, -1, 0, 1));
  CheckIntKernels<int64_t>(*edge64, *edge64);
  CheckIntKernels<int32_t>(
      *rc::gen::arbitrary<int32_t>(),
      *rc::gen::oneOf(rc::gen::arbitrary<int32_t>(), rc::gen::element<int32_t>(INT32_MIN, -1, 0)));
  CheckIntKernels<int16_t>(
      *rc::gen::arbitrary<int16_t>(),
      *rc::gen::oneOf(rc::gen::arbitrary<int16_t>(), rc::gen::element<int16_t>(INT16_MIN, -1, 0)));
}

}  // namespace
}  // namespace datacave::sql
