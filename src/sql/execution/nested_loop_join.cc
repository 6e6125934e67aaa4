#include "sql/execution/join_operator.h"

namespace datacave::sql {
namespace {

// Every left row against every right row: for join conditions without an equality between
// the two sides (and for cross joins).
class NestedLoopJoin final : public JoinOperator {
 public:
  using JoinOperator::JoinOperator;

  std::string Describe() const override {
    static constexpr const char* kNames[] = {"Nested Loop", "Nested Loop Left Join",
                                             "Nested Loop Right Join", "Nested Loop Full Join"};
    return kNames[static_cast<int>(kind_)];
  }

 private:
  Result<uint64_t> AddRight(size_t index, ExecContext&) override {
    all_.push_back(static_cast<uint32_t>(index));
    return sizeof(uint32_t);
  }
  Result<std::span<const uint32_t>> Candidates(const Row&, const EvalContext&,
                                               Row*) const override {
    return std::span<const uint32_t>(all_);
  }

  void ForgetRight() override { all_.clear(); }

  std::vector<uint32_t> all_;
};

}  // namespace

OperatorPtr MakeNestedLoopJoin(OperatorPtr left, OperatorPtr right, JoinKind kind,
                               BoundExprPtr condition) {
  return std::make_unique<NestedLoopJoin>(std::move(left), std::move(right), kind,
                                          std::move(condition));
}

}  // namespace datacave::sql
