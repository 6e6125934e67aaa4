#pragma once

// PostgreSQL's binary wire format (the typsend/typreceive functions) for every type that has
// one. A value's bytes are what goes inside a DataRow column or a Bind parameter, without
// the length prefix.
//
// Thread safety: pure functions.

#include <string>
#include <string_view>

#include "core/status.h"
#include "sql/types/type.h"
#include "sql/types/value.h"

namespace datacave::sql {

// REQUIRES: !v.is_null().
void AppendBinary(const Value& v, std::string* out);

// Decodes one whole value of `type` (its typmod applied as on input). Errors as PostgreSQL:
// 08P01 "insufficient data left in message" when bytes are short, 22P03 "incorrect binary
// data format" when bytes are left over (the protocol layer adds " in bind parameter N"),
// 22P03 for bad numeric fields, 22021 for text that is not UTF-8, 22008 for dates and
// timestamps out of range.
Result<Value> ParseBinary(const Type& type, std::string_view bytes);

// PostgreSQL's UTF-8 check (no NUL bytes either): OK, or 22021 invalid byte sequence for
// encoding "UTF8": 0x...
Status ValidateUtf8(std::string_view s);

}  // namespace datacave::sql
