#pragma once

// Running the row-at-a-time part of a plan on several threads at once.
//
// A parallel plan is a table scan and the operators straight above it whose work is per row
// (filters, projections, the probe side of an inner hash join). Its rows are read by cutting
// the scan's key range into chunks; each thread takes chunks in key order and pushes each
// chunk's rows through its own copy of those operators' work (a chain of RowSinks) into a
// sink for that chunk. The operator above (the hash aggregate) keeps one partial result per
// chunk and combines them in chunk order, which is the order a serial scan meets them in,
// so the answer, and the order of its rows, is a serial run's.
//
// Only what is already decided and read-only is shared between the threads: the
// transaction (which has no writes of its own then), bound expressions without subqueries,
// a hash join's finished table. Everything a thread writes is its own.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sql/execution/operator.h"

namespace datacave::sql {

// What a parallel plan reads and does, collected by PhysicalOperator::PrepareParallel from
// the top operator down: the key range of one table, and the operators (top first) whose
// stages the rows go through.
struct ParallelPlan {
  const Transaction* txn = nullptr;
  std::string begin, end;
  std::vector<Type> column_types;  // of the stored rows
  std::vector<bool> columns_read;  // the columns decoded (the others NULL); empty: all
  std::vector<const PhysicalOperator*> stages;
};

// True when expr can be evaluated by several threads at once: nothing in it keeps state
// between evaluations (subqueries keep their plan and their rows) and nothing reads or
// changes the session (current_setting, set_config).
bool ParallelSafe(const BoundExpr& expr);
bool ParallelSafe(const std::vector<BoundExprPtr>& exprs);

// Runs plan with `threads` threads in all (the caller's among them; fewer when the system
// will not start more): make_chunk_sink(c) gives chunk c's sink, called in chunk order on
// the caller's thread before any of its rows arrive. The first rows are read on the
// caller's thread into chunk 0 before anything starts; only a longer range is split into
// more chunks. The error returned is the first in key order, as a serial run's would be;
// nothing is pushed into chunks after it.
Status RunParallel(const ParallelPlan& plan, int threads, const EvalContext& eval,
                   const std::function<RowSink*(size_t chunk)>& make_chunk_sink);

// Where to cut [first, last] into about n parts: n + 1 keys, the first being first and the
// last end, found by interpolating the 8 bytes after the keys' common prefix (keys are
// order-preserving encodings, so any byte string cuts the range correctly; a skewed key
// distribution only makes the parts uneven). Just {first, end} when the keys are too close.
std::vector<std::string> SplitKeyRange(const std::string& first, const std::string& last,
                                       const std::string& end, int n);

}  // namespace datacave::sql
