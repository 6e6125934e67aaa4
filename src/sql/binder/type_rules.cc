#include "sql/binder/type_rules.h"

namespace datacave::sql {
namespace {
int NumericRank(TypeId id) {
  switch (id) {
    case TypeId::kInt2: return 1;
    case TypeId::kInt4: return 2;
    case TypeId::kInt8: return 3;
    case TypeId::kNumeric: return 4;
    case TypeId::kFloat4: return 5;
    case TypeId::kFloat8: return 6;
    default: return 0;
  }
}
}  // namespace

bool IsNumericType(TypeId id) {
  return NumericRank(id) > 0;
}

bool IsDateTimeType(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
}

std::optional<Type> CommonType(const Type& a, const Type& b) {
  if (a.id == TypeId::kUnknown && b.id == TypeId::kUnknown) return Type::Of(TypeId::kUnknown);
  if (a.id == TypeId::kUnknown) return b;
  if (b.id == TypeId::kUnknown) return a;
  if (a.id == b.id) return a.id == TypeId::kBpchar || a.id == TypeId::kNumeric ? Type::Of(a.id) : a;
  if (IsArrayType(a.id) && IsArrayType(b.id)) {
    auto element = CommonType(Type::Of(ArrayElementType(a.id)), Type::Of(ArrayElementType(b.id)));
    if (!element) return std::nullopt;
    return Type::Of(ArrayTypeOf(element->id));
  }
  const int ra = NumericRank(a.id), rb = NumericRank(b.id);
  if (ra > 0 && rb > 0) {
    TypeId wider = ra > rb ? a.id : b.id;
    if (wider == TypeId::kFloat4) wider = TypeId::kFloat8;  // float4 with anything else
    return Type::Of(wider);
  }
  if (IsStringType(a.id) && IsStringType(b.id)) return Type::Of(TypeId::kText);
  if (IsDateTimeType(a.id) && IsDateTimeType(b.id)) {
    if (a.id == TypeId::kTimestampTz || b.id == TypeId::kTimestampTz) {
      return Type::Of(TypeId::kTimestampTz);
    }
    return Type::Of(TypeId::kTimestamp);
  }
  // oid, regproc, regprocedure and the integers meet as oid (PostgreSQL's oideq ...).
  if ((IsOidType(a.id) && (IsOidType(b.id) || (rb > 0 && rb <= 3))) ||
      (IsOidType(b.id) && ra > 0 && ra <= 3)) {
    return Type::Of(TypeId::kOid);
  }
  return std::nullopt;
}

std::string TypeDisplayName(const Type& type) {
  if (type.id == TypeId::kUnknown) return "unknown";
  return FormatType(Type::Of(type.id));
}

}  // namespace datacave::sql
