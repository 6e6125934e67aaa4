#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {

class Limit final : public PhysicalOperator {
 public:
  Limit(OperatorPtr child, int64_t limit, int64_t offset)
      : PhysicalOperator(child->types()), limit_(limit), offset_(offset), to_skip_(offset) {
    children_.push_back(std::move(child));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    while (out->empty()) {
      if (limit_ >= 0 && emitted_ >= limit_) return Status::Ok();
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &input_));
      if (input_.empty()) return Status::Ok();
      for (auto& row : input_) {
        if (to_skip_ > 0) {
          --to_skip_;
          continue;
        }
        if (limit_ >= 0 && emitted_ >= limit_) break;
        out->push_back(std::move(row));
        ++emitted_;
      }
    }
    return Status::Ok();
  }

  void PruneColumns(const std::vector<bool>& used) override { children_[0]->PruneColumns(used); }

  std::string Describe() const override { return "Limit"; }

  void Rewind() override {
    PhysicalOperator::Rewind();
    to_skip_ = offset_;
    emitted_ = 0;
  }

 private:
  const int64_t limit_;
  const int64_t offset_;
  int64_t to_skip_;
  int64_t emitted_ = 0;
  Batch input_;
};

}  // namespace

OperatorPtr MakeLimit(OperatorPtr child, int64_t limit, int64_t offset) {
  return std::make_unique<Limit>(std::move(child), limit, offset);
}

}  // namespace datacave::sql
