#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {

class Filter final : public PhysicalOperator {
 public:
  Filter(OperatorPtr child, BoundExprPtr predicate)
      : PhysicalOperator(child->types()), predicate_(std::move(predicate)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    BatchBuilder batch(out);
    // Keep pulling until some rows pass, so an empty batch still means the end.
    while (batch.size() == 0) {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
      if (input_.empty()) return Status::Ok();
      for (auto& row : input_) {
        DC_ASSIGN_OR_RETURN(Value v, Eval(*predicate_, row, context.eval));
        // A swap, so both batches keep their rows' memory for the next call.
        if (IsTrue(v)) std::swap(batch.Add(), row);
      }
    }
    return Status::Ok();
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
