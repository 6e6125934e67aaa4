#pragma once

// PostgreSQL's rules for the types of mixed operands, reduced to what Datacave's types need:
// numeric operands widen along int2 < int4 < int8 < numeric < float8 (float4 stays only
// with float4); strings compare as text; date widens to timestamp; an unknown literal takes
// the other operand's type.

#include <optional>
#include <string>

#include "sql/types/type.h"

namespace datacave::sql {

bool IsNumericType(TypeId id);
bool IsDateTimeType(TypeId id);

// The type both operands of a comparison (or UNION, CASE, COALESCE branch) convert to, or
// nullopt when PostgreSQL has no such operator (42883). Two unknowns stay unknown: the caller
// decides (ResolveUnknown makes it text).
std::optional<Type> CommonType(const Type& a, const Type& b);

// The SQL-level name of a type for messages: "integer", "text", "character varying".
std::string TypeDisplayName(const Type& type);

}  // namespace datacave::sql
