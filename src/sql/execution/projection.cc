#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {

std::vector<Type> TypesOf(const std::vector<BoundExprPtr>& exprs) {
  std::vector<Type> types;
  for (const auto& expr : exprs) types.push_back(expr->type);
  return types;
}

class Projection final : public PhysicalOperator {
 public:
  Projection(OperatorPtr child, std::vector<BoundExprPtr> exprs)
      : PhysicalOperator(TypesOf(exprs)), exprs_(std::move(exprs)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    BatchBuilder batch(out);
    DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
    for (const Row& in : input_) {
      Row& row = batch.Add();
      row.resize(exprs_.size());
      for (size_t i = 0; i < exprs_.size(); ++i) {
        DC_ASSIGN_OR_RETURN(row[i], Eval(*exprs_[i], in, context.eval));
      }
    }
    return Status::Ok();
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
