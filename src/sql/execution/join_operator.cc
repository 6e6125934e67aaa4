#include "sql/execution/join_operator.h"

#include "sql/execution/parallel.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {

std::vector<Type> ConcatTypes(const std::vector<Type>& a, const std::vector<Type>& b) {
  std::vector<Type> types = a;
  types.insert(types.end(), b.begin(), b.end());
  return types;
}

JoinOperator::JoinOperator(OperatorPtr left, OperatorPtr right, JoinKind kind,
                           BoundExprPtr condition)
    : PhysicalOperator(ConcatTypes(left->types(), right->types())),
      kind_(kind),
      condition_(std::move(condition)),
      left_width_(left->types().size()),
      right_width_(right->types().size()) {
  children_.push_back(std::move(left));
  children_.push_back(std::move(right));
}

Status JoinOperator::Next(ExecContext& context, Batch* out) {
  BatchBuilder batch(out);
  if (!right_loaded_) {
    DC_RETURN_IF_ERROR(LoadRight(context));
    right_loaded_ = true;
  }
  while (!batch.full()) {
    if (left_index_ >= left_batch_.size()) {
      if (left_done_) break;
      DC_RETURN_IF_ERROR(children_[0]->Next(context, &left_batch_));
      left_index_ = 0;
      if (left_batch_.empty()) {
        left_done_ = true;
        break;
      }
    }
    const Row& left = left_batch_[left_index_++];
    DC_ASSIGN_OR_RETURN(std::span<const uint32_t> candidates,
                        Candidates(left, context.eval, &scratch_));
    // Counted in pairs, not batches: a nested loop may try every right row per left row
    // and produce nothing for a long time.
    pairs_since_check_ += candidates.size() + 1;
    if (pairs_since_check_ >= kPairsPerInterruptCheck) {
      pairs_since_check_ = 0;
      DC_RETURN_IF_ERROR(CheckInterrupt(context.eval));
    }
    DC_RETURN_IF_ERROR(JoinLeftRow(left, candidates, context.eval, batch, &right_matched_));
  }
  if (batch.size() == 0 && left_done_ && (kind_ == JoinKind::kRight || kind_ == JoinKind::kFull)) {
    // Right rows no left row matched, padded on the left.
    while (unmatched_next_ < right_rows_.size() && !batch.full()) {
      const size_t r = unmatched_next_++;
      if (right_matched_[r]) continue;
      Row& row = batch.Add();
      row.clear();
      for (size_t i = 0; i < left_width_; ++i) row.push_back(Value::Null(types_[i].id));
      row.insert(row.end(), right_rows_[r].begin(), right_rows_[r].end());
    }
  }
  return Status::Ok();
}

Status JoinOperator::JoinLeftRow(const Row& left, std::span<const uint32_t> candidates,
                                 const EvalContext& eval, BatchBuilder& batch,
                                 std::vector<bool>* right_matched) const {
  bool matched = false;
  for (uint32_t r : candidates) {
    // The joined row is built in the batch's next slot and kept only when the condition
    // holds; the slot is reused for the next candidate otherwise.
    Row& joined = batch.Add();
    joined.assign(left.begin(), left.end());
    joined.insert(joined.end(), right_rows_[r].begin(), right_rows_[r].end());
    if (condition_) {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*condition_, joined, eval));
      if (!IsTrue(v)) {
        batch.RemoveLast();
        continue;
      }
    }
    matched = true;
    if (right_matched) (*right_matched)[r] = true;
  }
  if (!matched && (kind_ == JoinKind::kLeft || kind_ == JoinKind::kFull)) {
    Row& joined = batch.Add();
    joined.assign(left.begin(), left.end());
    for (size_t i = 0; i < right_width_; ++i) {
      joined.push_back(Value::Null(types_[left_width_ + i].id));
    }
  }
  return Status::Ok();
}

// One thread's join of left rows in a parallel plan.
class JoinOperator::Stage final : public RowSink {
 public:
  Stage(const JoinOperator& join, RowSink* next) : join_(join), next_(next) {}

  Status Push(const EvalContext& eval, Batch& rows) override {
    size_t i = 0;
    while (i < rows.size()) {
      {
        BatchBuilder batch(&joined_);
        for (; i < rows.size() && !batch.full(); ++i) {
          DC_ASSIGN_OR_RETURN(std::span<const uint32_t> candidates,
                              join_.Candidates(rows[i], eval, &scratch_));
          pairs_since_check_ += candidates.size() + 1;
          if (pairs_since_check_ >= kPairsPerInterruptCheck) {
            pairs_since_check_ = 0;
            DC_RETURN_IF_ERROR(CheckInterrupt(eval));
          }
          DC_RETURN_IF_ERROR(join_.JoinLeftRow(rows[i], candidates, eval, batch, nullptr));
        }
      }
      if (!joined_.empty()) DC_RETURN_IF_ERROR(next_->Push(eval, joined_));
    }
    return Status::Ok();
  }

 private:
  const JoinOperator& join_;
  RowSink* const next_;
  Row scratch_;
  Batch joined_;
  size_t pairs_since_check_ = 0;
};

Result<bool> JoinOperator::PrepareParallel(ExecContext& context, ParallelPlan* plan) {
  if (kind_ != JoinKind::kInner && kind_ != JoinKind::kLeft) return false;
  if ((condition_ && !ParallelSafe(*condition_)) || !ParallelSafeCandidates()) return false;
  if (!right_loaded_) {
    DC_RETURN_IF_ERROR(LoadRight(context));
    right_loaded_ = true;
  }
  plan->stages.push_back(this);
  return children_[0]->PrepareParallel(context, plan);
}

void JoinOperator::PruneColumns(const std::vector<bool>& used) {
  if (used.size() != left_width_ + right_width_) return;
  std::vector<bool> read = used;
  if (condition_) MarkColumnsRead(*condition_, &read);
  std::vector<bool> left(read.begin(), read.begin() + static_cast<long>(left_width_));
  std::vector<bool> right(read.begin() + static_cast<long>(left_width_), read.end());
  MarkKeyColumnsRead(&left, &right);
  children_[0]->PruneColumns(left);
  children_[1]->PruneColumns(right);
}

std::unique_ptr<RowSink> JoinOperator::MakeParallelStage(RowSink* next) const {
  return std::make_unique<Stage>(*this, next);
}

void JoinOperator::Rewind() {
  PhysicalOperator::Rewind();
  right_rows_.clear();
  right_matched_.clear();
  right_loaded_ = false;
  left_batch_.clear();
  left_index_ = 0;
  left_done_ = false;
  unmatched_next_ = 0;
  ForgetRight();
}

Status JoinOperator::LoadRight(ExecContext& context) {
  Batch batch;
  uint64_t bytes = 0;
  while (true) {
    DC_RETURN_IF_ERROR(children_[1]->Next(context, &batch));
    if (batch.empty()) break;
    for (auto& row : batch) {
      if (right_rows_.size() == UINT32_MAX)
        return MemoryLimitExceeded("a join", context.memory_limit);
      bytes += ApproximateRowBytes(row);
      right_rows_.push_back(std::move(row));
      DC_ASSIGN_OR_RETURN(uint64_t extra, AddRight(right_rows_.size() - 1, context));
      bytes += extra;
    }
    if (bytes > context.memory_limit) return MemoryLimitExceeded("a join", context.memory_limit);
  }
  right_matched_.assign(right_rows_.size(), false);
  FinishRight();
  return Status::Ok();
}

}  // namespace datacave::sql
