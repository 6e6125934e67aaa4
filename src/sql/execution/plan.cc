#include "sql/execution/operator.h"

namespace datacave::sql {
namespace {
void Explain(const PhysicalOperator& op, int depth, std::vector<std::string>* lines) {
  std::string line =
      depth == 0 ? "" : std::string(static_cast<size_t>(depth - 1) * 6 + 2, ' ') + "->  ";
  lines->push_back(line + op.Describe());
  for (const auto& child : op.children()) Explain(*child, depth + 1, lines);
}
}  // namespace

std::vector<std::string> ExplainPlan(const PhysicalOperator& root) {
  std::vector<std::string> lines;
  Explain(root, 0, &lines);
  return lines;
}

Status CollectAll(PhysicalOperator& plan, ExecContext& context, std::vector<Row>* rows) {
  Batch batch;
  while (true) {
    DC_RETURN_IF_ERROR(plan.Next(context, &batch));
    if (batch.empty()) return Status::Ok();
    for (auto& row : batch) rows->push_back(std::move(row));
  }
}

}  // namespace datacave::sql
