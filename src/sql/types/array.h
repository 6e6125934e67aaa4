#pragma once

// Arrays' text forms, as PostgreSQL 15's array_in / array_out (and int2vectorin / out,
// oidvectorin / out) read and write them.
//
//   '{1,2,NULL}'           elements separated by commas; unquoted NULL is a NULL element
//   '{"a b","x\"y",""}'    double quotes around elements with blanks, quotes, backslashes,
//                          braces or commas, empty ones and the string NULL; \ escapes
//   '[0:1]={1,2}'          an explicit lower bound (printed when it is not 1)
//   '1 2'                  int2vector and oidvector: blank-separated, subscripts from 0
//
// Multi-dimensional arrays ('{{1,2},{3,4}}') are 0A000: Datacave has one dimension only.
// Malformed input is 22P02 "malformed array literal" with PostgreSQL's detail.
//
// Thread safety: pure functions.

#include <string>
#include <string_view>

#include "core/status.h"
#include "sql/types/type.h"
#include "sql/types/value.h"

namespace datacave::sql {

// Reads text as an array of type (whose typmod applies to each element).
// REQUIRES: IsArrayType(type.id).
Result<Value> ParseArrayText(const Type& type, std::string_view text);

// Appends the array's text form. REQUIRES: v is a non-NULL array.
void AppendArrayText(const Value& v, std::string* out);

}  // namespace datacave::sql
