#pragma once

// Text input/output and casts between SQL types, as PostgreSQL 15 does them.
//
// ParseText is each type's input function (int4in, numeric_in, date_in, byteain, ...) plus
// the column's typmod; AppendText is its output function. Cast converts a value to another
// type (and typmod) under PostgreSQL's rules for the context: an explicit CAST truncates an
// over-long varchar(n) silently where an assignment (INSERT/UPDATE) fails with 22001.
// CanCast answers from pg_cast (and PostgreSQL's automatic I/O conversion casts) whether a
// cast exists in a context, for the binder's operator and assignment resolution.
//
// Thread safety: pure functions.

#include <string>
#include <string_view>

#include "core/status.h"
#include "sql/types/type.h"
#include "sql/types/value.h"

namespace datacave::sql {

enum class CastContext { kImplicit, kAssignment, kExplicit };

// Errors as PostgreSQL: 22P02 invalid input syntax for type integer: "12.5", 22003 value
// "99999999999" is out of range for type integer, 22007/22008 for dates, 22001 value too
// long for type character varying(3), ...
Result<Value> ParseText(const Type& type, std::string_view text);

// PostgreSQL's output: bool "t"/"f"; floats shortest round trip ("Infinity", "NaN",
// "1e+15"); numeric with its scale; bytea "\x..."; dates ISO. REQUIRES: !v.is_null().
void AppendText(const Value& v, std::string* out);
std::string ToText(const Value& v);

// v converted to target. NULL stays NULL (of the target type). Errors: 22003 "integer out
// of range" and friends, 0A000 "cannot convert NaN to integer", 22001 for over-long strings
// outside explicit casts, 22003 numeric field overflow, 42846 cannot cast type x to y.
Result<Value> Cast(const Value& v, const Type& target, CastContext context);

// Whether PostgreSQL allows a cast from `from` to `to` in `context` (implicit casts are also
// allowed in assignment and explicit contexts, assignment casts in explicit ones).
bool CanCast(TypeId from, TypeId to, CastContext context);

// Length coercion for varchar(n) / char(n) (PostgreSQL's varchar() and bpchar()): counts
// characters (UTF-8), pads char(n) with blanks. explicit_cast truncates silently.
Result<std::string> CoerceLength(const Type& type, std::string s, bool explicit_cast);

}  // namespace datacave::sql
