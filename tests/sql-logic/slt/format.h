#pragma once

// How a result in PostgreSQL text format becomes the strings a script's expected lines are
// compared with, and the md5 hash of large results. The rules, and why each one is what the
// corpora expect, are in tests/sql-logic/README.md ("Value formatting").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql-logic/slt/database.h"
#include "sql-logic/slt/script.h"

namespace datacave::slt {

// One value under a column type letter, SQLite-style (mode standard):
//   NULL -> "NULL"; I -> integer (numeric/float/text truncated toward zero, bool 1/0);
//   R -> "%.3f"; B -> "true"/"false" for bools; T and others -> the text with "" as
//   "(empty)" and each byte outside ' '..'~' as '@'.
std::string FormatStandardValue(const std::optional<std::string>& value, uint32_t type_oid,
                                char type_letter);

// One value as mode cockroach (multi_column: spaces become U+2420) or mode rows prints it.
std::string FormatRawValue(const std::optional<std::string>& value, uint32_t type_oid,
                           ResultMode mode, bool multi_column);

// Row-major values formatted for the mode; in mode standard `types` has one letter per
// column. REQUIRES: mode standard implies types.size() == result.column_types.size().
std::vector<std::string> FormatValues(const QueryResult& result, std::string_view types,
                                      ResultMode mode);

// Sorts row-major values: rowsort compares whole rows column by column, valuesort sorts every
// value on its own (both bytewise, as strcmp). REQUIRES: columns > 0.
void SortValues(SortMode sort, size_t columns, std::vector<std::string>* values);

// Lowercase hex md5 of the values, each followed by '\n' (the reference runner's rule).
std::string Md5OfValues(const std::vector<std::string>& values);

// "<count> values hashing to <md5>".
std::string HashLine(const std::vector<std::string>& values);

// True for a line of the form "<count> values hashing to <32 hex digits>".
bool IsHashLine(std::string_view line);

// Splits on runs of spaces and tabs and joins with single spaces.
std::string NormalizeSpaces(std::string_view line);

}  // namespace datacave::slt
