#pragma once

// One aggregate's running state, shared by the hash aggregate and the window operator.

#include <cstdint>
#include <unordered_set>

#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {

struct AggregateState {
  int64_t count = 0;
  Value value;  // running sum / min / max / bool / string; NULL until the first input
  std::unordered_set<Row, RowHash, RowEqual> seen;  // DISTINCT arguments
};

// Adds row to state (if it passes the FILTER); *bytes grows by what state now holds more.
Status AccumulateAggregate(const AggregateSpec& spec, AggregateState& state, const Row& row,
                           const EvalContext& eval, uint64_t* bytes);
// Adds the rows `from` accumulated to `into`, as if they had come after into's. REQUIRES:
// spec is neither DISTINCT nor string_agg (their states keep more than a value).
Status MergeAggregate(const AggregateSpec& spec, AggregateState& into, const AggregateState& from);
// The aggregate's value over the rows accumulated so far.
Result<Value> FinishAggregate(const AggregateSpec& spec, const AggregateState& state);

}  // namespace datacave::sql
