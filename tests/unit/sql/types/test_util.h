#pragma once

// Helpers for the sql/types tests: values and errors as one comparable string.

#include <string>
#include <string_view>
#include <vector>

#include "sql/types/cast.h"
#include "sql/types/type.h"

namespace datacave::sql::testing {

// "ERROR <sqlstate>: <message>" (and " DETAIL: <detail>" when there is one).
inline std::string ErrorString(const Status& s) {
  std::string out = "ERROR " + std::string(s.sqlstate()) + ": " + s.message();
  if (!s.detail().empty()) out += " DETAIL: " + std::string(s.detail());
  return out;
}

inline std::string Show(const Result<Value>& v) {
  if (!v.ok()) return ErrorString(v.status());
  if (v->is_null()) return "NULL";
  return ToText(*v);
}

// The output of `'text'::type`.
inline std::string In(const Type& type, std::string_view text) {
  return Show(ParseText(type, text));
}

inline Type T(std::string_view name, std::initializer_list<int64_t> mods = {}) {
  std::vector<int64_t> m(mods);
  return LookupType(name, m).value();
}

}  // namespace datacave::sql::testing
