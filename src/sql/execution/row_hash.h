#pragma once

// Hashing and equality of rows for hash tables (DISTINCT, GROUP BY, set operations): NULL
// equals NULL here, as grouping treats it.

#include <cstddef>
#include <string>

#include "sql/execution/expression.h"

namespace datacave::sql {

struct RowHash {
  size_t operator()(const Row& row) const {
    size_t h = 0x9e3779b97f4a7c15ull;
    for (const Value& v : row) h = (h ^ (v.is_null() ? 0x51ed27 : v.Hash())) * 0x100000001b3ull;
    return h;
  }
};

struct RowEqual {
  bool operator()(const Row& a, const Row& b) const {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_null() != b[i].is_null()) return false;
      if (!a[i].is_null() && Value::Compare(a[i], b[i]) != 0) return false;
    }
    return true;
  }
};

// ORDER BY's order of two values: negative when x sorts first, 0 when tied (NULLs tie).
int CompareForSort(const Value& x, const Value& y, bool descending, bool nulls_first);

// A rough count of the bytes a row holds, for memory limits.
size_t ApproximateRowBytes(const Row& row);

// 53200 out of memory, naming what needed it.
Status MemoryLimitExceeded(std::string_view what, uint64_t limit);

}  // namespace datacave::sql
