#include <atomic>

#include "sql/execution/aggregate.h"
#include "sql/execution/key_index.h"
#include "sql/execution/parallel.h"

namespace datacave::sql {
namespace {

// The groups met so far, numbered in order of first appearance (execution/key_index.h),
// with their aggregates' states side by side in one array.
class GroupTable {
 public:
  GroupTable(const std::vector<BoundExprPtr>& groups, const std::vector<AggregateSpec>& aggregates)
      : groups_(groups), aggregates_(aggregates) {}

  // The group of the empty key: an aggregate without GROUP BY has one row even without input.
  void AddEmptyGroup() {
    uint64_t bytes = 0;
    Group(Row{}, &bytes);
  }

  // Adds row to its group; *bytes grows by what the table now holds more.
  Status Add(const Row& row, const EvalContext& eval, uint64_t* bytes) {
    // The key is built in key_, whose memory is reused, and copied only for a new group.
    key_.resize(groups_.size());
    for (size_t i = 0; i < groups_.size(); ++i) {
      DC_ASSIGN_OR_RETURN(key_[i], Eval(*groups_[i], row, eval));
    }
    AggregateState* states = Group(key_, bytes);
    for (size_t i = 0; i < aggregates_.size(); ++i) {
      DC_RETURN_IF_ERROR(AccumulateAggregate(aggregates_[i], states[i], row, eval, bytes));
    }
    return Status::Ok();
  }

  // Adds other's groups and states, as if its rows had come after this table's.
  // The merged groups are among the partial tables' groups, which were counted against
  // the memory limit as they grew, so the merge needs no check of its own.
  Status Merge(GroupTable&& other) {
    uint64_t within_counted_bytes = 0;
    for (uint32_t g = 0; g < other.size(); ++g) {
      AggregateState* into = Group(other.key(g), &within_counted_bytes);
      AggregateState* from = other.states(g);
      for (size_t i = 0; i < aggregates_.size(); ++i) {
        DC_RETURN_IF_ERROR(MergeAggregate(aggregates_[i], into[i], from[i]));
      }
    }
    return Status::Ok();
  }

  uint32_t size() const { return static_cast<uint32_t>(index_.size()); }
  const Row& key(uint32_t group) const { return index_.key(group); }
  AggregateState* states(uint32_t group) { return states_.data() + group * aggregates_.size(); }

  void Clear() {
    index_.Clear();
    states_.clear();
  }

 private:
  // key's group's states, adding the group when new.
  AggregateState* Group(const Row& key, uint64_t* bytes) {
    bool added;
    const uint32_t group = index_.FindOrAdd(key, &added);
    if (added) {
      states_.resize(states_.size() + aggregates_.size());
      *bytes += ApproximateRowBytes(key) + aggregates_.size() * sizeof(AggregateState);
    }
    return states(group);
  }

  const std::vector<BoundExprPtr>& groups_;
  const std::vector<AggregateSpec>& aggregates_;
  KeyIndex<> index_;
  std::vector<AggregateState> states_;  // aggregates_.size() per group, by group number
  Row key_;
};

// One chunk's groups in a parallel plan: a partial aggregate, merged in chunk order.
class PartialAggregate final : public RowSink {
 public:
  PartialAggregate(const std::vector<BoundExprPtr>& groups,
                   const std::vector<AggregateSpec>& aggregates, std::atomic<uint64_t>* bytes,
                   uint64_t memory_limit)
      : table(groups, aggregates), bytes_(bytes), memory_limit_(memory_limit) {}

  Status Push(const EvalContext& eval, Batch& rows) override {
    uint64_t added = 0;
    for (const Row& row : rows) DC_RETURN_IF_ERROR(table.Add(row, eval, &added));
    if (added > 0 && bytes_->fetch_add(added) + added > memory_limit_) {
      return MemoryLimitExceeded("aggregation", memory_limit_);
    }
    return Status::Ok();
  }

  GroupTable table;

 private:
  std::atomic<uint64_t>* const bytes_;  // shared by every chunk
  const uint64_t memory_limit_;
};

// True when partial states of spec can be combined into the state of all their rows, as
// if accumulated in one go (float sums could round differently, so they stay serial).
bool Combinable(const AggregateSpec& spec) {
  if (spec.distinct || spec.kind == AggregateKind::kStringAgg) return false;
  if (spec.filter && !ParallelSafe(*spec.filter)) return false;
  if (!spec.arg) return true;
  const TypeId arg = spec.arg->type.id;
  const bool sum = spec.kind == AggregateKind::kSum || spec.kind == AggregateKind::kAvg;
  return ParallelSafe(*spec.arg) && !(sum && (arg == TypeId::kFloat4 || arg == TypeId::kFloat8));
}

class HashAggregate final : public PhysicalOperator {
 public:
  HashAggregate(OperatorPtr child, std::vector<BoundExprPtr> groups,
                std::vector<AggregateSpec> aggregates)
      : PhysicalOperator(OutputTypes(groups, aggregates)),
        groups_(std::move(groups)),
        aggregates_(std::move(aggregates)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    if (!built_) {
      if (groups_.empty()) table_.AddEmptyGroup();
      DC_ASSIGN_OR_RETURN(bool parallel, BuildInParallel(context));
      if (!parallel) DC_RETURN_IF_ERROR(Build(context));
      built_ = true;
    }
    while (next_ < table_.size() && out->size() < kBatchRows) {
      Row row = table_.key(next_);
      const AggregateState* states = table_.states(next_++);
      for (size_t i = 0; i < aggregates_.size(); ++i) {
        DC_ASSIGN_OR_RETURN(Value v, FinishAggregate(aggregates_[i], states[i]));
        row.push_back(std::move(v));
      }
      out->push_back(std::move(row));
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    table_.Clear();
    next_ = 0;
    built_ = false;
  }

  void PruneColumns(const std::vector<bool>& /*used*/) override {
    std::vector<bool> read(children_[0]->types().size());
    for (const auto& group : groups_) MarkColumnsRead(*group, &read);
    for (const AggregateSpec& aggregate : aggregates_) {
      for (const BoundExpr* expr :
           {aggregate.arg.get(), aggregate.separator.get(), aggregate.filter.get()}) {
        if (expr) MarkColumnsRead(*expr, &read);
      }
    }
    children_[0]->PruneColumns(read);
  }

  std::string Describe() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }

 private:
  static std::vector<Type> OutputTypes(const std::vector<BoundExprPtr>& groups,
                                       const std::vector<AggregateSpec>& aggregates) {
    std::vector<Type> types;
    for (const auto& group : groups) types.push_back(group->type);
    for (const auto& aggregate : aggregates) types.push_back(aggregate.type);
    return types;
  }

  Status Build(ExecContext& context) {
    Batch batch;
    uint64_t bytes = 0;
    while (true) {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &batch));
      if (batch.empty()) break;
      for (const Row& row : batch) DC_RETURN_IF_ERROR(table_.Add(row, context.eval, &bytes));
      if (bytes > context.memory_limit) {
        return MemoryLimitExceeded("aggregation", context.memory_limit);
      }
    }
    return Status::Ok();
  }

  // Aggregates the child's rows on context.parallel_workers threads, each chunk of the
  // scan into its own partial table, when the plan below allows (execution/parallel.h).
  // False: nothing was read, Build is to run.
  Result<bool> BuildInParallel(ExecContext& context) {
    if (context.parallel_workers < 2 || !ParallelSafe(groups_)) return false;
    for (const auto& spec : aggregates_) {
      if (!Combinable(spec)) return false;
    }
    ParallelPlan plan;
    DC_ASSIGN_OR_RETURN(bool ok, children_[0]->PrepareParallel(context, &plan));
    if (!ok) return false;
    std::atomic<uint64_t> bytes{0};
    std::vector<std::unique_ptr<PartialAggregate>> chunks;
    DC_RETURN_IF_ERROR(RunParallel(plan, context.parallel_workers, context.eval, [&](size_t) {
      chunks.push_back(
          std::make_unique<PartialAggregate>(groups_, aggregates_, &bytes, context.memory_limit));
      return chunks.back().get();
    }));
    for (auto& chunk : chunks) {
      DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
      DC_RETURN_IF_ERROR(table_.Merge(std::move(chunk->table)));
      chunk.reset();
    }
    return true;
  }

  std::vector<BoundExprPtr> groups_;
  std::vector<AggregateSpec> aggregates_;

  GroupTable table_{groups_, aggregates_};
  uint32_t next_ = 0;
  bool built_ = false;
};

}  // namespace

Status AccumulateAggregate(const AggregateSpec& spec, AggregateState& state, const Row& row,
                           const EvalContext& eval, uint64_t* bytes) {
  if (spec.filter) {
    DC_ASSIGN_OR_RETURN(Value pass, Eval(*spec.filter, row, eval));
    if (!IsTrue(pass)) return Status::Ok();
  }
  if (spec.kind == AggregateKind::kCountStar) {
    ++state.count;
    return Status::Ok();
  }
  DC_ASSIGN_OR_RETURN(Value v, Eval(*spec.arg, row, eval));
  if (v.is_null()) return Status::Ok();
  if (spec.distinct) {
    Row key{v};
    if (!state.seen.insert(key).second) return Status::Ok();
    *bytes += ApproximateRowBytes(key);
  }
  ++state.count;
  switch (spec.kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount: return Status::Ok();
    case AggregateKind::kSum:
    case AggregateKind::kAvg: {
      // The binder made the argument's type the accumulator's (int8, numeric, float8...).
      int64_t sum;
      if (v.type() == TypeId::kInt8 && state.value.type() == TypeId::kInt8 &&
          !state.value.is_null() &&
          !__builtin_add_overflow(state.value.int_value(), v.int_value(), &sum)) {
        state.value = Value::Int8(sum);  // the common case, without Arithmetic's dispatch
      } else if (state.value.is_null()) {
        state.value = std::move(v);
      } else {
        DC_ASSIGN_OR_RETURN(state.value, Arithmetic(ArithOp::kAdd, state.value, v));
      }
      return Status::Ok();
    }
    case AggregateKind::kMin:
    case AggregateKind::kMax: {
      const bool better = state.value.is_null() ||
                          (spec.kind == AggregateKind::kMin ? Value::Compare(v, state.value) < 0
                                                            : Value::Compare(v, state.value) > 0);
      if (better) state.value = std::move(v);
      return Status::Ok();
    }
    case AggregateKind::kBoolAnd:
    case AggregateKind::kBoolOr: {
      const bool is_and = spec.kind == AggregateKind::kBoolAnd;
      if (state.value.is_null()) {
        state.value = v;
      } else if (v.bool_value() != is_and) {
        state.value = Value::Bool(!is_and);
      }
      return Status::Ok();
    }
    case AggregateKind::kStringAgg: {
      DC_ASSIGN_OR_RETURN(Value separator, Eval(*spec.separator, row, eval));
      if (state.value.is_null()) {
        state.value = Value::Text(v.string_value());
      } else {
        // Appended in place: copying the string so far for every row would be quadratic.
        std::string& s = state.value.mutable_string_value();
        if (!separator.is_null()) s += separator.string_value();
        s += v.string_value();
        *bytes += v.string_value().size();
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status MergeAggregate(const AggregateSpec& spec, AggregateState& into, const AggregateState& from) {
  into.count += from.count;
  if (from.value.is_null()) return Status::Ok();
  if (into.value.is_null()) {
    into.value = from.value;
    return Status::Ok();
  }
  switch (spec.kind) {
    case AggregateKind::kSum:
    case AggregateKind::kAvg: {
      DC_ASSIGN_OR_RETURN(into.value, Arithmetic(ArithOp::kAdd, into.value, from.value));
      return Status::Ok();
    }
    case AggregateKind::kMin:
    case AggregateKind::kMax: {
      const int order = Value::Compare(from.value, into.value);
      if (spec.kind == AggregateKind::kMin ? order < 0 : order > 0) into.value = from.value;
      return Status::Ok();
    }
    case AggregateKind::kBoolAnd:
    case AggregateKind::kBoolOr:
      if (from.value.bool_value() != (spec.kind == AggregateKind::kBoolAnd)) {
        into.value = from.value;
      }
      return Status::Ok();
    default: return Status::Ok();  // counts: done above
  }
}

Result<Value> FinishAggregate(const AggregateSpec& spec, const AggregateState& state) {
  switch (spec.kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount: return Value::Int8(state.count);
    case AggregateKind::kAvg: {
      if (state.count == 0) return Value::Null(spec.type.id);
      DC_ASSIGN_OR_RETURN(Value count,
                          Cast(Value::Int8(state.count), spec.type, CastContext::kImplicit));
      DC_ASSIGN_OR_RETURN(Value sum, Cast(state.value, spec.type, CastContext::kImplicit));
      return Arithmetic(ArithOp::kDiv, sum, count);
    }
    default:
      if (state.value.is_null()) return Value::Null(spec.type.id);
      return Cast(state.value, spec.type, CastContext::kImplicit);
  }
}

OperatorPtr MakeHashAggregate(OperatorPtr child, std::vector<BoundExprPtr> groups,
                              std::vector<AggregateSpec> aggregates) {
  return std::make_unique<HashAggregate>(std::move(child), std::move(groups),
                                         std::move(aggregates));
}

}  // namespace datacave::sql
