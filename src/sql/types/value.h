#pragma once

// Value: one SQL scalar of a known TypeId, or NULL.
//
// Fixed-width types (bool, integers, floats, date, timestamps, interval, oid) live inline
// with no heap memory; text, varchar, bpchar, bytea and unknown literals hold a
// std::string (bpchar values are stored blank-padded, as PostgreSQL stores them); numeric
// holds a Numeric; an array holds its elements (Values of the element type, NULLs included)
// and its lower bound, shared immutably between copies. A Value owns everything it holds;
// copies behave as deep ones.
//
// Compare/Hash/== give SQL's order and equality for two values of the same type (text,
// varchar and unknown compare alike; bpchar ignores trailing blanks; floats and numerics
// put NaN above everything and -0 = 0; intervals compare as PostgreSQL's 30-day months). NULL
// sorts after every value and equals NULL here; SQL's three-valued logic is the executor's.
//
// Thread safety: a value type.

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "sql/types/datetime.h"
#include "sql/types/numeric.h"
#include "sql/types/type.h"

namespace datacave::sql {

struct ArrayData;

class Value {
 public:
  Value() = default;  // NULL of type unknown
  static Value Null(TypeId type) {
    Value v;
    v.type_ = type;
    return v;
  }
  static Value Bool(bool b) { return Value(TypeId::kBool, int64_t{b}); }
  static Value Int2(int16_t i) { return Value(TypeId::kInt2, int64_t{i}); }
  static Value Int4(int32_t i) { return Value(TypeId::kInt4, int64_t{i}); }
  static Value Int8(int64_t i) { return Value(TypeId::kInt8, i); }
  static Value Oid(uint32_t i) { return Value(TypeId::kOid, int64_t{i}); }
  // An OID of type oid, regproc or regprocedure. REQUIRES: IsOidType(type).
  static Value OidOf(TypeId type, uint32_t i) { return Value(type, int64_t{i}); }
  static Value Float4(float f) { return Value(TypeId::kFloat4, f); }
  static Value Float8(double f) { return Value(TypeId::kFloat8, f); }
  static Value FromNumeric(Numeric n) { return Value(TypeId::kNumeric, std::move(n)); }
  // text, varchar, bpchar, bytea or unknown. REQUIRES: IsStringType(type) or kBytea.
  static Value String(TypeId type, std::string s) { return Value(type, std::move(s)); }
  static Value Text(std::string s) { return Value(TypeId::kText, std::move(s)); }
  static Value Bytea(std::string s) { return Value(TypeId::kBytea, std::move(s)); }
  static Value Date(int32_t days) { return Value(TypeId::kDate, int64_t{days}); }
  static Value Timestamp(int64_t usec) { return Value(TypeId::kTimestamp, usec); }
  static Value TimestampTz(int64_t usec) { return Value(TypeId::kTimestampTz, usec); }
  static Value FromInterval(Interval iv) { return Value(TypeId::kInterval, iv); }
  // A one-dimensional array whose first subscript is lower_bound (1, or 0 for int2vector and
  // oidvector). REQUIRES: IsArrayType(type); elements of ArrayElementType(type) or NULL.
  static Value Array(TypeId type, std::vector<Value> elements, int32_t lower_bound = 1);

  TypeId type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

  // Accessors. REQUIRES: !is_null() and the matching type.
  bool bool_value() const { return std::get<int64_t>(data_) != 0; }
  // int2, int4, int8, oid, date (days), timestamp(tz) (microseconds).
  int64_t int_value() const { return std::get<int64_t>(data_); }
  int32_t date_value() const { return static_cast<int32_t>(std::get<int64_t>(data_)); }
  float float4_value() const { return std::get<float>(data_); }
  double float8_value() const { return std::get<double>(data_); }
  // float4 or float8 widened to double.
  double float_value() const {
    return type_ == TypeId::kFloat4 ? double{std::get<float>(data_)} : std::get<double>(data_);
  }
  const Numeric& numeric_value() const { return std::get<Numeric>(data_); }
  const std::string& string_value() const { return std::get<std::string>(data_); }
  // For refilling a value in place with its string's memory. REQUIRES: holds a string.
  std::string& mutable_string_value() { return std::get<std::string>(data_); }
  // Makes this a non-NULL value of an integer-backed type (bool, int2/4/8, oid, date,
  // timestamp(tz)) in place: a slot refilled row after row skips the variant's destroy and
  // rebuild. REQUIRES: v fits type as the factories above build it.
  void SetInteger(TypeId type, int64_t v) {
    type_ = type;
    if (auto* held = std::get_if<int64_t>(&data_)) {
      *held = v;
    } else {
      data_ = v;
    }
  }
  const Interval& interval_value() const { return std::get<Interval>(data_); }
  const ArrayData& array_value() const {
    return *std::get<std::shared_ptr<const ArrayData>>(data_);
  }

  // <0, 0, >0. REQUIRES: both of the same type, or both string types other than bpchar.
  // Values of other types (a caller's bug) still get a consistent order, never an abort:
  // numbers by value, before the rest, which order by type.
  static int Compare(const Value& a, const Value& b);
  // Consistent with Compare() == 0.
  size_t Hash() const;
  friend bool operator==(const Value& a, const Value& b) { return Compare(a, b) == 0; }

  // For tests and logs: "int4 42", "text 'abc'", "numeric NULL".
  std::string DebugString() const;

 private:
  using Data = std::variant<std::monostate, int64_t, float, double, Interval, std::string, Numeric,
                            std::shared_ptr<const ArrayData>>;
  template <typename T>
  Value(TypeId type, T&& v) : type_(type), data_(std::forward<T>(v)) {}

  TypeId type_ = TypeId::kUnknown;
  Data data_;
};

// An array value's contents. Arrays compare element by element (NULL elements above all
// others, as PostgreSQL), then the shorter first, then by lower bound.
struct ArrayData {
  int32_t lower_bound = 1;
  std::vector<Value> elements;
};

}  // namespace datacave::sql
