#include "sql/parser/keywords.h"

#include <algorithm>
#include <array>

namespace datacave::sql {
namespace {

// Sorted, for binary search.
constexpr std::array<std::string_view, 77> kReserved = {
    "all",          "analyse",
    "analyze",      "and",
    "any",          "array",
    "as",           "asc",
    "asymmetric",   "both",
    "case",         "cast",
    "check",        "collate",
    "column",       "constraint",
    "create",       "current_catalog",
    "current_date", "current_role",
    "current_time", "current_timestamp",
    "current_user", "default",
    "deferrable",   "desc",
    "distinct",     "do",
    "else",         "end",
    "except",       "false",
    "fetch",        "for",
    "foreign",      "from",
    "grant",        "group",
    "having",       "in",
    "initially",    "intersect",
    "into",         "lateral",
    "leading",      "limit",
    "localtime",    "localtimestamp",
    "not",          "null",
    "offset",       "on",
    "only",         "or",
    "order",        "placing",
    "primary",      "references",
    "returning",    "select",
    "session_user", "some",
    "symmetric",    "table",
    "then",         "to",
    "trailing",     "true",
    "union",        "unique",
    "user",         "using",
    "variadic",     "when",
    "where",        "window",
    "with",
};

constexpr std::array<std::string_view, 22> kTypeFuncName = {
    "authorization", "binary", "collation", "concurrently", "cross",   "current_schema",
    "freeze",        "full",   "ilike",     "inner",        "is",      "isnull",
    "join",          "left",   "like",      "natural",      "notnull", "outer",
    "overlaps",      "right",  "similar",   "verbose",
};

constexpr std::array<std::string_view, 36> kColName = {
    "between",  "bigint",   "bit",      "boolean",   "char",      "character",
    "coalesce", "dec",      "decimal",  "exists",    "extract",   "float",
    "greatest", "grouping", "inout",    "int",       "integer",   "interval",
    "least",    "national", "nchar",    "none",      "normalize", "nullif",
    "numeric",  "out",      "overlay",  "position",  "precision", "real",
    "row",      "setof",    "smallint", "substring", "time",      "timestamp",
};

constexpr std::array<std::string_view, 11> kAsOnlyLabels = {
    "day",    "filter",  "hour",   "minute",  "month", "over",
    "second", "varying", "within", "without", "year",
};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& sorted, std::string_view word) {
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

}  // namespace

KeywordCategory KeywordCategoryOf(std::string_view word) {
  if (Contains(kReserved, word)) return KeywordCategory::kReserved;
  if (Contains(kTypeFuncName, word)) return KeywordCategory::kTypeFuncName;
  if (Contains(kColName, word)) return KeywordCategory::kColName;
  // Also "trim", "treat", "values", "varchar", "xml..." are col_name keywords in
  // PostgreSQL; they are handled where they matter (values, varchar as type names).
  if (word == "trim" || word == "treat" || word == "values" || word == "varchar") {
    return KeywordCategory::kColName;
  }
  return KeywordCategory::kNone;
}

bool RequiresAsForLabel(std::string_view word) {
  return Contains(kAsOnlyLabels, word);
}

}  // namespace datacave::sql
