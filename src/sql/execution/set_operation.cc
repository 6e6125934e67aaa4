// UNION, INTERSECT and EXCEPT [ALL] of two inputs of the same column types. Rows compare
// with NULL equal to NULL, as PostgreSQL's set operations do.

#include <unordered_map>
#include <unordered_set>

#include "sql/execution/operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

class SetOperation final : public PhysicalOperator {
 public:
  SetOperation(OperatorPtr left, OperatorPtr right, SetOpKind kind, bool all)
      : PhysicalOperator(left->types()), kind_(kind), all_(all) {
    children_.push_back(std::move(left));
    children_.push_back(std::move(right));
  }

  Status Next(ExecContext& context, Batch* out) override {
    out->clear();
    if (kind_ != SetOpKind::kUnion && !right_loaded_) {
      DC_RETURN_IF_ERROR(LoadRight(context));
      right_loaded_ = true;
    }
    while (out->empty()) {
      if (child_ > 1 || (child_ == 1 && kind_ != SetOpKind::kUnion)) return Status::Ok();
      DC_RETURN_IF_ERROR(children_[child_]->Next(context, &input_));
      if (input_.empty()) {
        ++child_;
        continue;
      }
      for (auto& row : input_) {
        if (Keep(row)) out->push_back(std::move(row));
      }
      if (bytes_ > context.memory_limit) return MemoryLimitExceeded(Name(), context.memory_limit);
    }
    return Status::Ok();
  }

  void Rewind() override {
    PhysicalOperator::Rewind();
    right_counts_.clear();
    right_loaded_ = false;
    emitted_.clear();
    bytes_ = 0;
    child_ = 0;
  }

  std::string Describe() const override {
    return std::string(kind_ == SetOpKind::kUnion ? "Append" : "HashSetOp ") +
           (kind_ == SetOpKind::kUnion ? "" : Name()) + (all_ ? " All" : "");
  }

 private:
  const char* Name() const {
    switch (kind_) {
      case SetOpKind::kUnion: return "Union";
      case SetOpKind::kIntersect: return "Intersect";
      case SetOpKind::kExcept: return "Except";
    }
    return "";
  }

  Status LoadRight(ExecContext& context) {
    Batch batch;
    while (true) {
      DC_RETURN_IF_ERROR(children_[1]->Next(context, &batch));
      if (batch.empty()) return Status::Ok();
      for (auto& row : batch) {
        auto [it, inserted] = right_counts_.try_emplace(std::move(row), 0);
        if (inserted) bytes_ += ApproximateRowBytes(it->first);
        ++it->second;
      }
      if (bytes_ > context.memory_limit) return MemoryLimitExceeded(Name(), context.memory_limit);
    }
  }

  // Whether a row of the current input is in the result.
  bool Keep(const Row& row) {
    if (kind_ != SetOpKind::kUnion) {
      auto it = right_counts_.find(row);
      const bool in_right = it != right_counts_.end() && it->second > 0;
      if (all_) {
        // INTERSECT ALL keeps min(m, n) copies, EXCEPT ALL max(m - n, 0): each left row
        // uses up one right copy.
        if (in_right) --it->second;
        return in_right == (kind_ == SetOpKind::kIntersect);
      }
      if (in_right != (kind_ == SetOpKind::kIntersect)) return false;
    } else if (all_) {
      return true;
    }
    if (!emitted_.insert(row).second) return false;
    bytes_ += ApproximateRowBytes(row);
    return true;
  }

  const SetOpKind kind_;
  const bool all_;
  std::unordered_map<Row, int64_t, RowHash, RowEqual> right_counts_;
  bool right_loaded_ = false;
  std::unordered_set<Row, RowHash, RowEqual> emitted_;  // the distinct forms' rows so far
  uint64_t bytes_ = 0;
  size_t child_ = 0;
  Batch input_;
};

}  // namespace

OperatorPtr MakeSetOperation(OperatorPtr left, OperatorPtr right, SetOpKind kind, bool all) {
  return std::make_unique<SetOperation>(std::move(left), std::move(right), kind, all);
}

}  // namespace datacave::sql
