// WITH RECURSIVE: the non-recursive term's rows, then the recursive term run again and
// again over the rows the previous round produced (the working table) until a round
// produces none. UNION (not ALL) drops rows produced before, which ends cycles.

#include <unordered_set>

#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

class WorkingTableScan final : public PhysicalOperator {
 public:
  WorkingTableScan(std::vector<Type> types, std::shared_ptr<std::vector<Row>> working)
      : PhysicalOperator(std::move(types)), working_(std::move(working)) {}

  Status Next(ExecContext&, Batch* out) override {
    out->clear();
    while (next_ < working_->size() && out->size() < kBatchRows) {
      out->push_back((*working_)[next_++]);
    }
    return Status::Ok();
  }

  void Rewind() override { next_ = 0; }
  std::string Describe() const override { return "WorkTable Scan"; }

 private:
  std::shared_ptr<std::vector<Row>> working_;
  size_t next_ = 0;
};

class RecursiveUnion final : public PhysicalOperator {
 public:
  RecursiveUnion(OperatorPtr anchor, OperatorPtr recursive,
                 std::shared_ptr<std::vector<Row>> working, bool all)
      : PhysicalOperator(anchor->types()), working_(std::move(working)), all_(all) {
    children_.push_back(std::move(anchor));
    children_.push_back(std::move(recursive));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    while (out->empty() && !done_) {
      DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
      DC_RETURN_IF_ERROR(children_[in_recursive_ ? 1 : 0]->Next(context, &input_));
      if (input_.empty()) {
        // A round ended: the next one reads what it produced.
        if (produced_.empty()) {
          done_ = true;
          break;
        }
        *working_ = std::move(produced_);
        produced_.clear();
        in_recursive_ = true;
        children_[1]->Rewind();
        continue;
      }
      for (auto& row : input_) {
        if (!all_ && !seen_.insert(row).second) continue;
        // Every row counts, kept or not, so a recursion that never ends fails with 53200
        // once it has produced more than the query may hold.
        bytes_ += ApproximateRowBytes(row);
        produced_.push_back(row);
        out->push_back(std::move(row));
      }
      if (bytes_ > context.memory_limit) {
        return MemoryLimitExceeded("a recursive query", context.memory_limit);
      }
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    working_->clear();
    produced_.clear();
    seen_.clear();
    bytes_ = 0;
    in_recursive_ = false;
    done_ = false;
  }

  std::string Describe() const override { return "Recursive Union"; }

 private:
  std::shared_ptr<std::vector<Row>> working_;
  const bool all_;
  std::vector<Row> produced_;  // this round's rows: the next round's working table
  std::unordered_set<Row, RowHash, RowEqual> seen_;
  uint64_t bytes_ = 0;
  bool in_recursive_ = false;
  bool done_ = false;
  Batch input_;
};

}  // namespace

OperatorPtr MakeWorkingTableScan(std::vector<Type> types,
                                 std::shared_ptr<std::vector<Row>> working) {
  return std::make_unique<WorkingTableScan>(std::move(types), std::move(working));
}

OperatorPtr MakeRecursiveUnion(OperatorPtr anchor, OperatorPtr recursive,
                               std::shared_ptr<std::vector<Row>> working, bool all) {
  return std::make_unique<RecursiveUnion>(std::move(anchor), std::move(recursive),
                                          std::move(working), all);
}

}  // namespace datacave::sql
