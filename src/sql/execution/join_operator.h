#pragma once

// What the nested-loop and hash joins share: the right input is held in memory (within the
// per-query limit), the left input streams; each left row is joined with the right rows the
// join names as candidates and for which the condition holds; LEFT, RIGHT and FULL joins pad
// the rows nothing matched with NULLs.
//
// Not thread-safe: a plan runs on the session's thread.

#include <span>
#include <string>
#include <vector>

#include "sql/execution/operator.h"

namespace datacave::sql {

class JoinOperator : public PhysicalOperator {
 public:
  // condition (may be null) is over the joined row: left's columns, then right's.
  JoinOperator(OperatorPtr left, OperatorPtr right, JoinKind kind, BoundExprPtr condition);

  Status Next(ExecContext& context, Batch* out) final;
  // Forgets both inputs' progress and the right rows, so the join runs again from scratch
  // (a correlated subquery re-runs its plan for each outer row).
  void Rewind() final;

  // Inner and left joins run their left rows in parallel: the right side is loaded first,
  // and then only read. Right and full joins note which right rows matched, so they do not.
  Result<bool> PrepareParallel(ExecContext& context, ParallelPlan* plan) final;
  std::unique_ptr<RowSink> MakeParallelStage(RowSink* next) const final;

  // Each side is asked for the columns the reader uses, the condition's, and the keys'.
  void PruneColumns(const std::vector<bool>& used) final;

 protected:
  // Called for each right row once it is in right_rows_[index]; returns the extra bytes the
  // join keeps for it (counted against the memory limit).
  virtual Result<uint64_t> AddRight(size_t index, ExecContext& context) = 0;
  // Called once every right row was added.
  virtual void FinishRight() {}
  // The indexes of the right rows that may match left (the memory limit keeps the right
  // side far below 2^32 rows); scratch is the caller's, for a key. Safe on several threads
  // at once, after FinishRight.
  virtual Result<std::span<const uint32_t>> Candidates(const Row& left, const EvalContext& eval,
                                                       Row* scratch) const = 0;
  // True when Candidates evaluates nothing that keeps state (see ParallelSafe).
  virtual bool ParallelSafeCandidates() const { return true; }
  // Drops what AddRight kept.
  virtual void ForgetRight() = 0;
  // Marks the columns of each side that AddRight and Candidates read (a hash join's keys).
  virtual void MarkKeyColumnsRead(std::vector<bool>* /*left*/, std::vector<bool>* /*right*/) const {
  }

  const JoinKind kind_;
  std::vector<Row> right_rows_;

 private:
  class Stage;
  Status LoadRight(ExecContext& context);
  // Adds left's joined rows to batch: left with each candidate for which the condition
  // holds (noted in right_matched, when given), or padded with NULLs for a left join
  // when none does.
  Status JoinLeftRow(const Row& left, std::span<const uint32_t> candidates, const EvalContext& eval,
                     BatchBuilder& batch, std::vector<bool>* right_matched) const;

  BoundExprPtr condition_;
  const size_t left_width_;
  const size_t right_width_;
  std::vector<bool> right_matched_;
  bool right_loaded_ = false;
  Row scratch_;
  Batch left_batch_;
  size_t left_index_ = 0;
  bool left_done_ = false;
  size_t unmatched_next_ = 0;
  static constexpr size_t kPairsPerInterruptCheck = 4096;
  size_t pairs_since_check_ = 0;
};

}  // namespace datacave::sql
