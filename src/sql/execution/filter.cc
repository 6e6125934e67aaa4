#include "sql/execution/operator.h"
#include "sql/execution/parallel.h"

namespace datacave::sql {
namespace {

// Rows for which predicate holds: what a filter keeps.
Status Keep(const BoundExpr& predicate, const EvalContext& eval, Batch& in, Batch* out) {
  BatchBuilder batch(out);
  for (auto& row : in) {
    DC_ASSIGN_OR_RETURN(Value v, Eval(predicate, row, eval));
    // A swap, so both batches keep their rows' memory for the next call.
    if (IsTrue(v)) std::swap(batch.Add(), row);
  }
  return Status::Ok();
}

// One thread's filter in a parallel plan.
class FilterStage final : public RowSink {
 public:
  FilterStage(const BoundExpr& predicate, RowSink* next) : predicate_(predicate), next_(next) {}
  Status Push(const EvalContext& eval, Batch& rows) override {
    DC_RETURN_IF_ERROR(Keep(predicate_, eval, rows, &kept_));
    return kept_.empty() ? Status::Ok() : next_->Push(eval, kept_);
  }

 private:
  const BoundExpr& predicate_;
  RowSink* const next_;
  Batch kept_;
};

class Filter final : public PhysicalOperator {
 public:
  Filter(OperatorPtr child, BoundExprPtr predicate)
      : PhysicalOperator(child->types()), predicate_(std::move(predicate)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    // Keep pulling until some rows pass, so an empty batch still means the end.
    do {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
      DC_RETURN_IF_ERROR(Keep(*predicate_, context.eval, input_, out));
    } while (out->empty() && !input_.empty());
    return Status::Ok();
  }

  Result<bool> PrepareParallel(ExecContext& context, ParallelPlan* plan) override {
    if (!ParallelSafe(*predicate_)) return false;
    plan->stages.push_back(this);
    return children_[0]->PrepareParallel(context, plan);
  }
  std::unique_ptr<RowSink> MakeParallelStage(RowSink* next) const override {
    return std::make_unique<FilterStage>(*predicate_, next);
  }

  void PruneColumns(const std::vector<bool>& used) override {
    std::vector<bool> read = used;
    MarkColumnsRead(*predicate_, &read);
    children_[0]->PruneColumns(read);
  }

  std::string Describe() const override { return "Filter"; }

 private:
  BoundExprPtr predicate_;
  Batch input_;
};

}  // namespace

OperatorPtr MakeFilter(OperatorPtr child, BoundExprPtr predicate) {
  return std::make_unique<Filter>(std::move(child), std::move(predicate));
}

}  // namespace datacave::sql
