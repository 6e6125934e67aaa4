#include <unordered_map>

#include "sql/execution/aggregate.h"

namespace datacave::sql {
namespace {

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
      DC_RETURN_IF_ERROR(Build(context));
      built_ = true;
    }
    while (next_ < order_.size() && out->size() < kBatchRows) {
      auto& [key, states] = *order_[next_++];
      Row row = key;
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
    order_.clear();
    groups_table_.clear();
    next_ = 0;
    built_ = false;
  }

  std::string Describe() const override { return groups_.empty() ? "Aggregate" : "HashAggregate"; }

 private:
  using Groups = std::unordered_map<Row, std::vector<AggregateState>, RowHash, RowEqual>;

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
    if (groups_.empty()) {
      // One group even without input: SELECT count(*) FROM empty gives 0.
      auto it = groups_table_.emplace(Row{}, std::vector<AggregateState>(aggregates_.size())).first;
      order_.push_back(&*it);
    }
    while (true) {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &batch));
      if (batch.empty()) break;
      for (const Row& row : batch) {
        // The key is built in key_, whose memory is reused, and copied only for a new group.
        key_.resize(groups_.size());
        for (size_t i = 0; i < groups_.size(); ++i) {
          DC_ASSIGN_OR_RETURN(key_[i], Eval(*groups_[i], row, context.eval));
        }
        auto it = groups_table_.find(key_);
        if (it == groups_table_.end()) {
          it = groups_table_.emplace(key_, std::vector<AggregateState>(aggregates_.size())).first;
          order_.push_back(&*it);
          bytes += ApproximateRowBytes(it->first) + aggregates_.size() * sizeof(AggregateState);
        }
        for (size_t i = 0; i < aggregates_.size(); ++i) {
          DC_RETURN_IF_ERROR(
              AccumulateAggregate(aggregates_[i], it->second[i], row, context, &bytes));
        }
      }
      if (bytes > context.memory_limit) {
        return MemoryLimitExceeded("aggregation", context.memory_limit);
      }
    }
    return Status::Ok();
  }

  std::vector<BoundExprPtr> groups_;
  std::vector<AggregateSpec> aggregates_;

  Groups groups_table_;
  Row key_;
  std::vector<Groups::value_type*> order_;  // groups in order of first appearance
  size_t next_ = 0;
  bool built_ = false;
};

}  // namespace

Status AccumulateAggregate(const AggregateSpec& spec, AggregateState& state, const Row& row,
                           ExecContext& context, uint64_t* bytes) {
  if (spec.filter) {
    DC_ASSIGN_OR_RETURN(Value pass, Eval(*spec.filter, row, context.eval));
    if (!IsTrue(pass)) return Status::Ok();
  }
  if (spec.kind == AggregateKind::kCountStar) {
    ++state.count;
    return Status::Ok();
  }
  DC_ASSIGN_OR_RETURN(Value v, Eval(*spec.arg, row, context.eval));
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
      DC_ASSIGN_OR_RETURN(Value separator, Eval(*spec.separator, row, context.eval));
      if (state.value.is_null()) {
        state.value = Value::Text(v.string_value());
      } else {
        std::string s = state.value.string_value();
        if (!separator.is_null()) s += separator.string_value();
        s += v.string_value();
        *bytes += v.string_value().size();
        state.value = Value::Text(std::move(s));
      }
      return Status::Ok();
    }
  }
  return Status::Ok();
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
