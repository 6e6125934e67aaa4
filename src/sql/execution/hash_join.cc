#include <optional>
#include <unordered_map>

#include "sql/execution/join_operator.h"
#include "sql/execution/row_hash.h"

namespace datacave::sql {
namespace {

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
  // The key of row, or nullopt when a part of it is NULL (it can match nothing).
  static Result<std::optional<Row>> EvalKey(const std::vector<BoundExprPtr>& exprs, const Row& row,
                                            ExecContext& context) {
    Row key;
    key.reserve(exprs.size());
    for (const auto& expr : exprs) {
      DC_ASSIGN_OR_RETURN(Value v, Eval(*expr, row, context.eval));
      if (v.is_null()) return std::optional<Row>();
      key.push_back(std::move(v));
    }
    return std::optional<Row>(std::move(key));
  }

  Result<uint64_t> AddRight(size_t index, ExecContext& context) override {
    DC_ASSIGN_OR_RETURN(auto key, EvalKey(keys_.right, right_rows_[index], context));
    if (!key) return uint64_t{0};  // kept only for RIGHT and FULL joins' padding
    const uint64_t bytes = ApproximateRowBytes(*key) + sizeof(size_t);
    table_[std::move(*key)].push_back(index);
    return bytes;
  }

  Result<std::span<const size_t>> Candidates(const Row& left, ExecContext& context) override {
    DC_ASSIGN_OR_RETURN(auto key, EvalKey(keys_.left, left, context));
    if (!key) return std::span<const size_t>();
    auto it = table_.find(*key);
    if (it == table_.end()) return std::span<const size_t>();
    return std::span<const size_t>(it->second);
  }

  HashJoinKeys keys_;
  void ForgetRight() override { table_.clear(); }

  std::unordered_map<Row, std::vector<size_t>, RowHash, RowEqual> table_;
};

}  // namespace

OperatorPtr MakeHashJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, HashJoinKeys keys,
                         BoundExprPtr residual) {
  return std::make_unique<HashJoin>(std::move(left), std::move(right), kind, std::move(keys),
                                    std::move(residual));
}

}  // namespace datacave::sql
