#include "sql/types/value.h"

#include <cmath>
#include <cstring>
#include <functional>
#include <string_view>

#include "sql/types/cast.h"

namespace datacave::sql {
namespace {

template <typename T>
int Cmp(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

// PostgreSQL's float order: NaN is above everything and equal to itself.
int CompareFloats(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an == bn ? 0 : (an ? 1 : -1);
  return Cmp(a, b);
}

int CompareBytes(std::string_view a, std::string_view b) {
  int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  return Cmp(a.size(), b.size());
}

std::string_view StripTrailingBlanks(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

int CompareArrays(const ArrayData& a, const ArrayData& b) {
  const size_t n = std::min(a.elements.size(), b.elements.size());
  for (size_t i = 0; i < n; ++i) {
    if (int c = Value::Compare(a.elements[i], b.elements[i]); c != 0) return c;
  }
  if (int c = Cmp(a.elements.size(), b.elements.size()); c != 0) return c;
  return Cmp(a.lower_bound, b.lower_bound);
}

// Whether v holds a number (an integer, float or numeric), as opposed to a string, date,
// interval or bool.
bool IsNumber(const Value& v) {
  switch (v.type()) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kOid:
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kNumeric: return true;
    default: return false;
  }
}

bool IsFloat(const Value& v) {
  return v.type() == TypeId::kFloat4 || v.type() == TypeId::kFloat8;
}

// A number as a double (a numeric beyond double's range as an infinity).
double AsDouble(const Value& v) {
  if (IsFloat(v)) return v.float_value();
  if (v.type() != TypeId::kNumeric) return static_cast<double>(v.int_value());
  const Numeric& n = v.numeric_value();
  if (n.is_nan()) return std::nan("");
  auto d = n.ToDouble();
  if (d.ok()) return *d;
  return n.is_negative() ? -HUGE_VAL : HUGE_VAL;
}

// Two non-NULL values held in different representations (an integer and a numeric, a
// float4 and a float8, a string and a number ...). The binder converts both sides of every
// comparison to one type, so SQL should not get here; should a caller break Compare's
// REQUIRES anyway, the answer is still a consistent order, never a bad_variant_access:
// numbers by value (exactly between integers and numerics), before everything else, which
// orders by type.
int CompareMixed(const Value& a, const Value& b) {
  const bool a_number = IsNumber(a), b_number = IsNumber(b);
  if (a_number && b_number) {
    if (IsFloat(a) || IsFloat(b)) return CompareFloats(AsDouble(a), AsDouble(b));
    auto exact = [](const Value& v) {
      return v.type() == TypeId::kNumeric ? v.numeric_value() : Numeric::FromInt64(v.int_value());
    };
    return Numeric::Compare(exact(a), exact(b));
  }
  if (a_number != b_number) return a_number ? -1 : 1;
  return Cmp(static_cast<int>(a.type()), static_cast<int>(b.type()));
}

}  // namespace

Value Value::Array(TypeId type, std::vector<Value> elements, int32_t lower_bound) {
  return Value(type,
               std::shared_ptr<const ArrayData>(new ArrayData{lower_bound, std::move(elements)}));
}

int Value::Compare(const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
  if (a.data_.index() != b.data_.index()) return CompareMixed(a, b);
  if (IsArrayType(a.type_)) return CompareArrays(a.array_value(), b.array_value());
  switch (a.type_) {
    case TypeId::kFloat4:
    case TypeId::kFloat8: return CompareFloats(a.float_value(), b.float_value());
    case TypeId::kNumeric: return Numeric::Compare(a.numeric_value(), b.numeric_value());
    case TypeId::kInterval: return CompareIntervals(a.interval_value(), b.interval_value());
    case TypeId::kBpchar:
      return CompareBytes(StripTrailingBlanks(a.string_value()),
                          StripTrailingBlanks(b.string_value()));
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kUnknown:
    case TypeId::kBytea: return CompareBytes(a.string_value(), b.string_value());
    case TypeId::kOid:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
      return Cmp(static_cast<uint32_t>(a.int_value()), static_cast<uint32_t>(b.int_value()));
    default:
      // A type held as a string that the cases above do not list compares by its bytes.
      if (const auto* s = std::get_if<std::string>(&a.data_)) {
        return CompareBytes(*s, std::get<std::string>(b.data_));
      }
      return Cmp(a.int_value(), b.int_value());
  }
}

size_t Value::Hash() const {
  if (is_null()) return 0x5bd1e995;
  if (IsArrayType(type_)) {
    size_t h = std::hash<int32_t>()(array_value().lower_bound);
    for (const Value& e : array_value().elements) h = h * 31 + e.Hash();
    return h;
  }
  switch (type_) {
    case TypeId::kFloat4:
    case TypeId::kFloat8: {
      double d = float_value();
      if (d == 0) d = 0;  // -0 hashes as 0
      if (std::isnan(d)) return 0x7ff8;
      return std::hash<double>()(d);
    }
    case TypeId::kNumeric: return numeric_value().Hash();
    case TypeId::kInterval: return HashInterval(interval_value());
    case TypeId::kBpchar: return std::hash<std::string_view>()(StripTrailingBlanks(string_value()));
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kUnknown:
    case TypeId::kBytea: return std::hash<std::string>()(string_value());
    default: return std::hash<int64_t>()(int_value());
  }
}

std::string Value::DebugString() const {
  std::string out(TypeName(type_));
  out += ' ';
  if (is_null()) return out + "NULL";
  std::string text;
  AppendText(*this, &text);
  if (!IsFixedWidth(type_)) return out + "'" + text + "'";
  return out + text;
}

}  // namespace datacave::sql
