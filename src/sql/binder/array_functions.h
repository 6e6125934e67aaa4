#pragma once

// Functions and expressions over arrays, with PostgreSQL 15's signatures and results:
// array_to_string(anyarray, text [, text]), array_upper / array_lower / array_length
// (anyarray, int), cardinality(anyarray), array_cat and `||` (array || array, element ||
// array, array || element), ARRAY[...] and subscripts (1-based for arrays, 0-based for
// int2vector and oidvector; out of range gives NULL).
//
// Thread safety: pure functions.

#include <optional>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sql/execution/expression.h"

namespace datacave::sql {

// The call name(args) when name is one of the array functions above, else nullopt (args
// untouched). 42883 when the arguments do not fit, as PostgreSQL.
std::optional<Result<BoundExprPtr>> ResolveArrayFunction(std::string_view name,
                                                         std::vector<BoundExprPtr>& args,
                                                         int location);

// ARRAY[elements]. REQUIRES: every element already of ArrayElementType(array_type.id).
BoundExprPtr MakeArrayConstructor(std::vector<BoundExprPtr> elements, const Type& array_type);

// array[index]. REQUIRES: array of an array type, index int4.
BoundExprPtr MakeSubscript(BoundExprPtr array, BoundExprPtr index);

}  // namespace datacave::sql
