// unnest(array) as a FROM item: the array's elements in order, one row each (none for a
// NULL or empty array). The argument is evaluated when the scan starts.

#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {

class Unnest final : public PhysicalOperator {
 public:
  Unnest(BoundExprPtr array, Type element)
      : PhysicalOperator({element}), array_(std::move(array)) {}

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    if (!started_) {
      DC_ASSIGN_OR_RETURN(value_, Eval(*array_, Row{}, context.eval));
      started_ = true;
      next_ = 0;
    }
    if (value_.is_null()) return Status::Ok();
    const std::vector<Value>& elements = value_.array_value().elements;
    while (out->size() < kBatchRows && next_ < elements.size()) {
      out->push_back(Row{elements[next_++]});
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    started_ = false;
  }

  std::string Describe() const override { return "Function Scan on unnest"; }

 private:
  BoundExprPtr array_;
  bool started_ = false;
  Value value_;
  size_t next_ = 0;
};

}  // namespace

OperatorPtr MakeUnnest(BoundExprPtr array, Type element) {
  return std::make_unique<Unnest>(std::move(array), element);
}

}  // namespace datacave::sql
