#pragma once

// PostgreSQL 15's keyword categories (src/include/parser/kwlist.h), which decide where a
// word may serve as a name:
//   reserved            never a name (SELECT, FROM, ...), but fine after AS
//   type_func_name      a function or type name, not a column name (LEFT, JOIN, LIKE, ...)
//   col_name            a column name, not a function or type name (INTEGER, EXTRACT, ...)
//   unreserved          anything (and every word not listed is an ordinary identifier)

#include <string_view>

namespace datacave::sql {

enum class KeywordCategory { kNone, kUnreserved, kColName, kTypeFuncName, kReserved };

// The category of a lower-case word; kNone for ordinary identifiers.
KeywordCategory KeywordCategoryOf(std::string_view word);

// Keywords that may not be a column label without AS (`SELECT 1 day` is an error).
bool RequiresAsForLabel(std::string_view word);

}  // namespace datacave::sql
