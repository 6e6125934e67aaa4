#pragma once

// Physical operators: the executable plan. Each pulls batches of rows from its child and
// produces batches of at most kBatchRows, so per-row work is a loop inside one call rather
// than a virtual call per row.
//
// Ownership: an operator owns its children and bound expressions. Not thread-safe: a plan
// runs on the session's thread.

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "sql/catalog/catalog.h"
#include "sql/catalog/system_catalog.h"
#include "sql/execution/expression.h"
#include "sql/storage/transaction.h"

namespace datacave::sql {

constexpr size_t kBatchRows = 1024;
using Batch = std::vector<Row>;

// Refills a batch in place: the rows it held from the previous call are overwritten rather
// than freed and allocated again, which keeps the per-row loops of scans, filters and joins
// free of allocation. The batch ends up with exactly the rows added.
class BatchBuilder {
 public:
  explicit BatchBuilder(Batch* out) : out_(out) {}
  ~BatchBuilder() { out_->resize(size_); }
  BatchBuilder(const BatchBuilder&) = delete;
  BatchBuilder& operator=(const BatchBuilder&) = delete;

  // The next row's slot: an old row to overwrite (its values still in it) or a new empty one.
  Row& Add() {
    if (size_ == out_->size()) out_->emplace_back();
    return (*out_)[size_++];
  }
  // Takes back the last Add (its row stays allocated for the next one).
  void RemoveLast() { --size_; }
  size_t size() const { return size_; }
  bool full() const { return size_ >= kBatchRows; }

 private:
  Batch* out_;
  size_t size_ = 0;
};

// eval.txn and eval.memory_limit repeat txn and memory_limit for subqueries.
struct ExecContext {
  Transaction* txn = nullptr;
  EvalContext eval;
  // Bytes a query may hold in sorts and hash tables before it fails with 53200.
  uint64_t memory_limit = 256ull << 20;
  // Threads a parallel plan (execution/parallel.h) may run on, the session's own among
  // them; below 2, plans run serially. Only a statement that writes nothing sets it, so the
  // transaction holds still meanwhile.
  int parallel_workers = 0;
};

struct ParallelPlan;  // execution/parallel.h

// Takes rows, batch at a time, and passes on what it makes of them (or keeps it, at the end
// of a chain): one thread's part of a parallel plan (execution/parallel.h). `rows` is the
// caller's: a sink may take its rows' memory (swap them out).
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status Push(const EvalContext& eval, Batch& rows) = 0;
};

class PhysicalOperator {
 public:
  explicit PhysicalOperator(std::vector<Type> types) : types_(std::move(types)) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  // Replaces *out with the next rows; empty when there are no more.
  virtual Status Next(ExecContext& context, Batch* out) = 0;
  // Starts over, so the next Next returns the first rows again: a subquery runs its plan
  // once per outer row. Operators with state of their own override it (and call this one).
  virtual void Rewind() {
    for (auto& child : children_) child->Rewind();
  }
  // One line for EXPLAIN, e.g. "Seq Scan on t".
  virtual std::string Describe() const = 0;

  // Parallel plans (execution/parallel.h), asked before the first Next by an operator that
  // can combine partial results. An operator whose own work is per row and safe on several
  // threads at once adds itself to plan->stages and asks its child to go on; the table scan
  // at the bottom gives the key range. False (the default): this part of the plan runs
  // serially, through Next, as if never asked. May do work that has to come first (a hash
  // join builds its table).
  virtual Result<bool> PrepareParallel(ExecContext& /*context*/, ParallelPlan* /*plan*/) {
    return false;
  }
  // One thread's copy of the per-row work PrepareParallel offered, pushing its rows into
  // next. REQUIRES: PrepareParallel added this operator.
  virtual std::unique_ptr<RowSink> MakeParallelStage(RowSink* /*next*/) const { return nullptr; }

  // Column pruning, once the plan is built: `used` marks the output columns (one per
  // types()) the operator's reader reads. An operator that knows which of its input
  // columns it reads itself passes on what it and its reader need, so that a table scan
  // below leaves the rest NULL instead of decoding them. Every expression an operator
  // evaluates still sees real values: projections and aggregates keep all their inputs.
  // The default passes nothing on: the operators below produce every column.
  virtual void PruneColumns(const std::vector<bool>& /*used*/) {}

  const std::vector<Type>& types() const { return types_; }
  const std::vector<std::unique_ptr<PhysicalOperator>>& children() const { return children_; }

 protected:
  std::vector<Type> types_;
  std::vector<std::unique_ptr<PhysicalOperator>> children_;
};

using OperatorPtr = std::unique_ptr<PhysicalOperator>;

// kArray: ARRAY(SELECT ...), the rows' values as an array.
enum class SubqueryMode { kScalar, kExists, kAny, kAll, kArray };
// A subquery in an expression. Evaluation runs plan with the current row as the outer row
// (Rewind between runs); an uncorrelated subquery's rows are kept after the first run, so
// the plan is mutable state behind an otherwise immutable bound expression.
struct SubqueryPlan {
  SubqueryMode mode = SubqueryMode::kScalar;
  OperatorPtr plan;
  bool correlated = false;
  bool cached = false;
  std::vector<Row> rows;  // the cache
};

// The plan as EXPLAIN prints it, one operator per line, children indented.
std::vector<std::string> ExplainPlan(const PhysicalOperator& root);

// Runs a plan to the end.
Status CollectAll(PhysicalOperator& plan, ExecContext& context, std::vector<Row>* rows);

// The rows of a system relation (pg_catalog.pg_class ...), computed from lookups' catalog
// when the scan first runs.
OperatorPtr MakeSystemScan(const SystemRelation* relation,
                           std::shared_ptr<const CatalogLookups> lookups);
// Rows of constant expressions (VALUES, SELECT without FROM).
OperatorPtr MakeValues(std::vector<Type> types, std::vector<std::vector<BoundExprPtr>> rows);
// The rows of a table whose keys are in [begin, end) (a primary-key range, or all). With
// with_key, each row ends with one more column: its storage key (bytea), for UPDATE/DELETE.
OperatorPtr MakeTableScan(std::shared_ptr<const TableInfo> table, std::string begin,
                          std::string end, bool with_key, std::string describe);
// When plan is a whole-table scan from MakeTableScan without keys: its table, and in
// *relation the name EXPLAIN shows ("t" or "t x"). Else nullptr.
std::shared_ptr<const TableInfo> WholeTableScanOf(const PhysicalOperator& plan,
                                                  std::string* relation);

// One end of a primary-key range: values for the key's leading columns, evaluated when the
// scan starts (constants, parameters, casts of them). No values: that end is open.
struct KeyBound {
  std::vector<BoundExprPtr> values;
  bool inclusive = true;
};
// The rows of a table whose primary key lies between lower and upper (EXPLAIN's "Index Scan
// using t_pkey"). A range only narrows what is read: callers keep the WHERE filter above.
OperatorPtr MakeIndexScan(std::shared_ptr<const TableInfo> table, KeyBound lower, KeyBound upper,
                          bool with_key, std::string describe);
// True when a value of type value encodes in a key exactly like one of type column.
bool SameKeyEncoding(TypeId column, TypeId value);
OperatorPtr MakeFilter(OperatorPtr child, BoundExprPtr predicate);
OperatorPtr MakeProjection(OperatorPtr child, std::vector<BoundExprPtr> exprs);
// limit < 0: none.
OperatorPtr MakeLimit(OperatorPtr child, int64_t limit, int64_t offset);

struct SortKey {
  int column;
  bool descending = false;
  bool nulls_first = false;
};
OperatorPtr MakeSort(OperatorPtr child, std::vector<SortKey> keys);
enum class SetOpKind { kUnion, kIntersect, kExcept };
// left UNION/INTERSECT/EXCEPT [ALL] right; both have the result's column types. UNION ALL
// streams; the others keep the right input's rows (INTERSECT, EXCEPT) or the rows returned
// so far (the distinct forms) in memory.
OperatorPtr MakeSetOperation(OperatorPtr left, OperatorPtr right, SetOpKind kind, bool all);
// WITH RECURSIVE: anchor's rows, then recursive's, re-run while the last round produced
// rows, with `working` (read by its WorkingTableScans) holding the last round's rows.
OperatorPtr MakeRecursiveUnion(OperatorPtr anchor, OperatorPtr recursive,
                               std::shared_ptr<std::vector<Row>> working, bool all);
OperatorPtr MakeWorkingTableScan(std::vector<Type> types,
                                 std::shared_ptr<std::vector<Row>> working);
// generate_series(start, stop[, step]) over int4, int8, numeric or timestamp[tz] with an
// interval step (type is the series' type; args already of it, the step interval).
OperatorPtr MakeGenerateSeries(std::vector<BoundExprPtr> args, Type type);
// unnest(array) in FROM: one row per element (unnest.cc). REQUIRES: array of an array type.
OperatorPtr MakeUnnest(BoundExprPtr array, Type element);
// generate_series in a select list: each child row repeated for each value of the series
// of args evaluated over it, the value appended as the last column.
OperatorPtr MakeProjectSet(OperatorPtr child, std::vector<BoundExprPtr> args, Type type);
// Drops rows equal (in key_columns, or all columns when empty) to an earlier one.
OperatorPtr MakeDistinct(OperatorPtr child, std::vector<int> key_columns);

enum class AggregateKind {
  kCountStar,
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kBoolAnd,
  kBoolOr,
  kStringAgg
};
struct AggregateSpec {
  AggregateKind kind;
  BoundExprPtr arg;        // null for count(*)
  BoundExprPtr separator;  // string_agg
  BoundExprPtr filter;     // FILTER (WHERE ...), may be null
  bool distinct = false;
  Type type;  // result type
};
// Output: the group columns, then one column per aggregate. With no group columns there is
// exactly one output row, even for no input.
OperatorPtr MakeHashAggregate(OperatorPtr child, std::vector<BoundExprPtr> groups,
                              std::vector<AggregateSpec> aggregates);

// Window functions. Ranking functions ignore the frame; value and aggregate functions see
// the rows of the current row's frame.
enum class WindowFunctionKind {
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
  kAggregate
};
struct WindowFunctionSpec {
  WindowFunctionKind kind = WindowFunctionKind::kRowNumber;
  // lag/lead: value, offset, default; first/last_value: value; nth_value: value, n; ntile: n.
  std::vector<BoundExprPtr> args;
  AggregateSpec aggregate;  // kAggregate
  Type type;
};
enum class FrameBoundKind {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing
};
// ROWS frames count rows, GROUPS frames peer groups; RANGE frames (bounds UNBOUNDED or
// CURRENT ROW only) reach to the current row's peers. The default is RANGE UNBOUNDED
// PRECEDING to CURRENT ROW.
struct WindowFrame {
  bool rows = false;
  bool groups = false;
  FrameBoundKind start = FrameBoundKind::kUnboundedPreceding;
  FrameBoundKind end = FrameBoundKind::kCurrentRow;
  BoundExprPtr start_offset, end_offset;  // constants, evaluated when the window starts
};
struct WindowOrder {
  BoundExprPtr expr;
  bool descending = false;
  bool nulls_first = false;
};
struct WindowDefinition {
  std::vector<BoundExprPtr> partition_by;
  std::vector<WindowOrder> order_by;
  WindowFrame frame;
};
// Output: the input's columns, then one per function. Holds all input rows (within the
// query's memory limit), sorted by partition and order keys, and returns them in that order.
OperatorPtr MakeWindow(OperatorPtr child, WindowDefinition window,
                       std::vector<WindowFunctionSpec> functions);

}  // namespace datacave::sql

namespace datacave::sql {
enum class JoinKind { kInner, kLeft, kRight, kFull };
// Joins every left row with every right row that satisfies condition (null: all). Outer
// joins pad the unmatched side with NULLs. The right input is read once and kept in memory.
OperatorPtr MakeNestedLoopJoin(OperatorPtr left, OperatorPtr right, JoinKind kind,
                               BoundExprPtr condition);
// The key expressions of an equi-join: left over the left input's rows, right over the right
// input's (its own column numbers); left[i] = right[i] for every i.
struct HashJoinKeys {
  std::vector<BoundExprPtr> left;
  std::vector<BoundExprPtr> right;
};
// Rows whose keys are equal (NULL keys never match) and for which residual (over the joined
// row, may be null) holds. The right input is held in memory, within the per-query limit.
OperatorPtr MakeHashJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, HashJoinKeys keys,
                         BoundExprPtr residual);
// The column types of a join's rows: a's, then b's.
std::vector<Type> ConcatTypes(const std::vector<Type>& a, const std::vector<Type>& b);
}  // namespace datacave::sql
