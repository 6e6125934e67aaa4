#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {

class Values final : public PhysicalOperator {
 public:
  Values(std::vector<Type> types, std::vector<std::vector<BoundExprPtr>> rows)
      : PhysicalOperator(std::move(types)), rows_(std::move(rows)) {}

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    static const Row kEmpty;
    while (next_ < rows_.size() && out->size() < kBatchRows) {
      Row row;
      row.reserve(rows_[next_].size());
      for (const auto& expr : rows_[next_]) {
        DC_ASSIGN_OR_RETURN(Value v, Eval(*expr, kEmpty, context.eval));
        row.push_back(std::move(v));
      }
      out->push_back(std::move(row));
      ++next_;
    }
    return Status::Ok();
  }

  void Rewind() override { next_ = 0; }

  std::string Describe() const override {
    return rows_.size() == 1 && rows_[0].empty()
               ? "Result"
               : "Values Scan (" + std::to_string(rows_.size()) + " rows)";
  }

 private:
  std::vector<std::vector<BoundExprPtr>> rows_;

  size_t next_ = 0;
};

}  // namespace

OperatorPtr MakeValues(std::vector<Type> types, std::vector<std::vector<BoundExprPtr>> rows) {
  return std::make_unique<Values>(std::move(types), std::move(rows));
}

}  // namespace datacave::sql
