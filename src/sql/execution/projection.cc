#include "sql/execution/operator.h"
#include "sql/execution/parallel.h"

namespace datacave::sql {
namespace {

std::vector<Type> TypesOf(const std::vector<BoundExprPtr>& exprs) {
  std::vector<Type> types;
  for (const auto& expr : exprs) types.push_back(expr->type);
  return types;
}

// Each row of in replaced by exprs' values over it.
Status Project(const std::vector<BoundExprPtr>& exprs, const EvalContext& eval, const Batch& in,
               Batch* out) {
  BatchBuilder batch(out);
  for (const Row& from : in) {
    Row& row = batch.Add();
    row.resize(exprs.size());
    for (size_t i = 0; i < exprs.size(); ++i) {
      DC_ASSIGN_OR_RETURN(row[i], Eval(*exprs[i], from, eval));
    }
  }
  return Status::Ok();
}

// One thread's projection in a parallel plan.
class ProjectionStage final : public RowSink {
 public:
  ProjectionStage(const std::vector<BoundExprPtr>& exprs, RowSink* next)
      : exprs_(exprs), next_(next) {}
  Status Push(const EvalContext& eval, Batch& rows) override {
    DC_RETURN_IF_ERROR(Project(exprs_, eval, rows, &projected_));
    return next_->Push(eval, projected_);
  }

 private:
  const std::vector<BoundExprPtr>& exprs_;
  RowSink* const next_;
  Batch projected_;
};

class Projection final : public PhysicalOperator {
 public:
  Projection(OperatorPtr child, std::vector<BoundExprPtr> exprs)
      : PhysicalOperator(TypesOf(exprs)), exprs_(std::move(exprs)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
    return Project(exprs_, context.eval, input_, out);
  }

  Result<bool> PrepareParallel(ExecContext& context, ParallelPlan* plan) override {
    if (!ParallelSafe(exprs_)) return false;
    plan->stages.push_back(this);
    return children_[0]->PrepareParallel(context, plan);
  }
  std::unique_ptr<RowSink> MakeParallelStage(RowSink* next) const override {
    return std::make_unique<ProjectionStage>(exprs_, next);
  }

  void PruneColumns(const std::vector<bool>& /*used*/) override {
    std::vector<bool> read(children_[0]->types().size());
    for (const auto& expr : exprs_) MarkColumnsRead(*expr, &read);
    children_[0]->PruneColumns(read);
  }

  std::string Describe() const override { return "Projection"; }

 private:
  std::vector<BoundExprPtr> exprs_;
  Batch input_;
};

}  // namespace

OperatorPtr MakeProjection(OperatorPtr child, std::vector<BoundExprPtr> exprs) {
  return std::make_unique<Projection>(std::move(child), std::move(exprs));
}

}  // namespace datacave::sql
