#pragma once

// PostgreSQL's text functions beyond the SQL standard's: strpos, lpad, rpad, left, right,
// split_part, repeat, reverse, as ScalarFunction implementations (functions.cc lists them
// with their signatures). Characters are UTF-8 characters; lengths that would pass
// PostgreSQL's allocation limit are 54000 "requested length too large", as there.
//
// Thread safety: pure functions.

#include <span>
#include <string_view>

#include "core/status.h"
#include "sql/types/type.h"
#include "sql/types/value.h"

namespace datacave::sql {

// The 1-based character position of needle's first occurrence in haystack, 0 for none:
// position(needle IN haystack) and strpos(haystack, needle).
Value CharacterPosition(std::string_view haystack, std::string_view needle);

Result<Value> StrPos(std::span<const Value> args, const Type& result_type);
Result<Value> LPad(std::span<const Value> args, const Type& result_type);
Result<Value> RPad(std::span<const Value> args, const Type& result_type);
Result<Value> Left(std::span<const Value> args, const Type& result_type);
Result<Value> Right(std::span<const Value> args, const Type& result_type);
Result<Value> SplitPart(std::span<const Value> args, const Type& result_type);
Result<Value> Repeat(std::span<const Value> args, const Type& result_type);
Result<Value> Reverse(std::span<const Value> args, const Type& result_type);

}  // namespace datacave::sql
