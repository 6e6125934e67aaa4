#include <span>

#include "sql/execution/join_operator.h"
#include "sql/execution/key_index.h"
#include "sql/execution/parallel.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

// The build side's rows grouped by key (execution/key_index.h), built once and then probed
// once per left row (the join's hot loop). Once built, each key's slot holds where its row
// indexes lie in one flat array, so a probe is about two cache misses where a node-based map
// with a vector per key took five or more.
class JoinHashTable {
 public:
  // Adds right row `row` under key (which has no NULL). REQUIRES: Finish not called yet.
  void Insert(Row&& key, size_t row) {
    bool added;
    const uint32_t group = index_.FindOrAdd(std::move(key), &added);
    if (added) group_rows_.emplace_back();
    group_rows_[group].push_back(static_cast<uint32_t>(row));
  }

  // Ends the build: moves the groups' row lists into rows_, in group order, and notes each
  // key's range in its slot. Find may be called from here on, from any number of threads.
  void Finish() {
    std::vector<uint32_t> begins(group_rows_.size());
    for (size_t g = 0; g < group_rows_.size(); ++g) {
      begins[g] = static_cast<uint32_t>(rows_.size());
      rows_.insert(rows_.end(), group_rows_[g].begin(), group_rows_[g].end());
    }
    index_.ForEachPayload([&](uint32_t group, Range& range) {
      range.begin = begins[group];
      range.end = range.begin + static_cast<uint32_t>(group_rows_[group].size());
    });
    group_rows_.clear();
    group_rows_.shrink_to_fit();
  }

  // The right rows whose key equals key. REQUIRES: Finish was called.
  std::span<const uint32_t> Find(const Row& key) const {
    const Range* range = index_.FindPayload(key);
    if (!range) return {};
    return std::span<const uint32_t>(rows_.data() + range->begin, range->end - range->begin);
  }

  void Clear() {
    index_.Clear();
    group_rows_.clear();
    rows_.clear();
  }

 private:
  struct Range {
    uint32_t begin = 0;  // rows_[begin, end)
    uint32_t end = 0;
  };

  KeyIndex<Range> index_;
  std::vector<std::vector<uint32_t>> group_rows_;  // by group, while building
  std::vector<uint32_t> rows_;
};

// An equi-join: the right rows (the build side) go into a hash table on their key
// expressions, and each left row probes it. A key with a NULL never matches, as `=` never
// holds for NULL; the residual condition decides among the rows with equal keys.
class HashJoin final : public JoinOperator {
 public:
  HashJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, HashJoinKeys keys,
           BoundExprPtr residual)
      : JoinOperator(std::move(left), std::move(right), kind, std::move(residual)),
        keys_(std::move(keys)) {}

  std::string Describe() const override {
    static constexpr const char* kNames[] = {"Hash Join", "Hash Left Join", "Hash Right Join",
                                             "Hash Full Join"};
    return kNames[static_cast<int>(kind_)];
  }

 private:
  // Evaluates row's key into *key; false when a part of it is NULL (it can match nothing).
  static Result<bool> EvalKey(const std::vector<BoundExprPtr>& exprs, const Row& row,
                              const EvalContext& eval, Row* key) {
    key->resize(exprs.size());
    for (size_t i = 0; i < exprs.size(); ++i) {
      DC_ASSIGN_OR_RETURN((*key)[i], Eval(*exprs[i], row, eval));
      if ((*key)[i].is_null()) return false;
    }
    return true;
  }

  Result<uint64_t> AddRight(size_t index, ExecContext& context) override {
    Row key;
    DC_ASSIGN_OR_RETURN(bool matchable,
                        EvalKey(keys_.right, right_rows_[index], context.eval, &key));
    if (!matchable) return uint64_t{0};  // kept only for RIGHT and FULL joins' padding
    const uint64_t bytes = ApproximateRowBytes(key) + sizeof(size_t);
    table_.Insert(std::move(key), index);
    return bytes;
  }

  void FinishRight() override { table_.Finish(); }

  Result<std::span<const uint32_t>> Candidates(const Row& left, const EvalContext& eval,
                                               Row* scratch) const override {
    // The key is built in scratch, whose memory is reused from one left row to the next.
    DC_ASSIGN_OR_RETURN(bool matchable, EvalKey(keys_.left, left, eval, scratch));
    if (!matchable) return std::span<const uint32_t>();
    return table_.Find(*scratch);
  }
  bool ParallelSafeCandidates() const override { return ParallelSafe(keys_.left); }
  void MarkKeyColumnsRead(std::vector<bool>* left, std::vector<bool>* right) const override {
    for (const auto& key : keys_.left) MarkColumnsRead(*key, left);
    for (const auto& key : keys_.right) MarkColumnsRead(*key, right);
  }

  HashJoinKeys keys_;
  void ForgetRight() override { table_.Clear(); }

  JoinHashTable table_;
};

}  // namespace

OperatorPtr MakeHashJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, HashJoinKeys keys,
                         BoundExprPtr residual) {
  return std::make_unique<HashJoin>(std::move(left), std::move(right), kind, std::move(keys),
                                    std::move(residual));
}

}  // namespace datacave::sql
