#include <unordered_set>

#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

class Distinct final : public PhysicalOperator {
 public:
  Distinct(OperatorPtr child, std::vector<int> key_columns)
      : PhysicalOperator(child->types()), key_columns_(std::move(key_columns)) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    while (out->empty()) {
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
      if (input_.empty()) return Status::Ok();
      for (auto& row : input_) {
        Row key;
        if (key_columns_.empty()) {
          key = row;
        } else {
          for (int column : key_columns_) key.push_back(row[static_cast<size_t>(column)]);
        }
        bytes_ += ApproximateRowBytes(key);
        if (seen_.insert(std::move(key)).second) out->push_back(std::move(row));
      }
      if (bytes_ > context.memory_limit) {
        return MemoryLimitExceeded("DISTINCT", context.memory_limit);
      }
    }
    return Status::Ok();
  }

  std::string Describe() const override { return "Unique"; }

 private:
  void Rewind() override {
    PhysicalOperator::Rewind();
    seen_.clear();
    bytes_ = 0;
  }

  const std::vector<int> key_columns_;
  std::unordered_set<Row, RowHash, RowEqual> seen_;
  uint64_t bytes_ = 0;
  Batch input_;
};

}  // namespace

OperatorPtr MakeDistinct(OperatorPtr child, std::vector<int> key_columns) {
  return std::make_unique<Distinct>(std::move(child), std::move(key_columns));
}

}  // namespace datacave::sql
