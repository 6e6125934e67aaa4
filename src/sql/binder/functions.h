#pragma once

// Scalar functions by name: argument coercion, result type and implementation, following
// PostgreSQL's signatures (lower(text) -> text, length(text) -> integer, round(numeric, int)
// -> numeric, ...). Session-dependent functions (current_user, version()) fold to constants
// from the environment.
//
// Thread safety: pure functions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "sql/execution/expression.h"
#include "sql/session_state.h"

namespace datacave::sql {

struct FunctionEnvironment {
  std::string user = "postgres";
  std::string database = "default";
  std::string version;  // version()'s text
  int32_t backend_pid = 0;
  int64_t statement_timestamp = 0;  // microseconds since 2000-01-01 UTC, for now()
  // The session (pg_settings, pg_cursors); nullptr outside one.
  const SessionState* session = nullptr;
};

// The call name(args), or 42883 "function name(types) does not exist" at location.
Result<BoundExprPtr> ResolveFunction(std::string_view name, std::vector<BoundExprPtr> args,
                                     int location, const FunctionEnvironment& environment);

bool IsAggregateFunction(std::string_view name);

}  // namespace datacave::sql
