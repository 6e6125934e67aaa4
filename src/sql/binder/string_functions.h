#pragma once

// PostgreSQL's text functions beyond the SQL standard's: strpos, lpad, rpad, left, right,
// split_part, repeat, reverse, initcap, concat_ws, as ScalarFunction implementations (functions.cc
// lists them with their signatures). Characters are UTF-8 characters; lengths that would pass
// PostgreSQL's allocation limit are 54000 "requested length too large", as there.
//
// Thread safety: pure functions.

#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "sql/types/type.h"
#include "sql/types/value.h"

namespace datacave::sql {

// value's text as its type's output function writes it (true is t), appended to *out.
void AppendOutput(const Value& value, std::string* out);

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
Result<Value> InitCap(std::span<const Value> args, const Type& result_type);
// Not strict: NULL arguments are skipped, a NULL separator gives NULL.
Result<Value> ConcatWs(std::span<const Value> args, const Type& result_type);

}  // namespace datacave::sql
