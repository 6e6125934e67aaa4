#include "sql/binder/plan_scan.h"

#include <optional>
#include <vector>

#include "sql/storage/row_codec.h"

namespace datacave::sql {
namespace {

void CollectConjuncts(const BoundExpr& expr, std::vector<const BoundExpr*>* out) {
  if (expr.kind == BoundExprKind::kAnd) {
    for (const auto& child : expr.children) CollectConjuncts(*child, out);
    return;
  }
  out->push_back(&expr);
}

// Known before the scan starts and cheap to evaluate: constants, parameters, casts of them.
bool IsScanConstant(const BoundExpr& expr) {
  switch (expr.kind) {
    case BoundExprKind::kConstant:
    case BoundExprKind::kParameter: return true;
    case BoundExprKind::kCast: return IsScanConstant(*expr.children[0]);
    default: return false;
  }
}

BoundExprPtr CloneScanConstant(const BoundExpr& expr) {
  auto copy = std::make_unique<BoundExpr>();
  copy->kind = expr.kind;
  copy->type = expr.type;
  copy->constant = expr.constant;
  copy->index = expr.index;
  copy->cast_context = expr.cast_context;
  for (const auto& child : expr.children) copy->children.push_back(CloneScanConstant(*child));
  return copy;
}

CompareOp Flip(CompareOp op) {
  switch (op) {
    case CompareOp::kLt: return CompareOp::kGt;
    case CompareOp::kLe: return CompareOp::kGe;
    case CompareOp::kGt: return CompareOp::kLt;
    case CompareOp::kGe: return CompareOp::kLe;
    default: return op;
  }
}

// `column op value`, with the column on the left.
struct KeyComparison {
  int column;
  CompareOp op;
  const BoundExpr* value;
};

std::optional<KeyComparison> MatchComparison(const BoundExpr& expr, const TableInfo& table) {
  if (expr.kind != BoundExprKind::kCompare || expr.negated) return std::nullopt;
  const BoundExpr& left = *expr.children[0];
  const BoundExpr& right = *expr.children[1];
  std::optional<KeyComparison> match;
  if (left.kind == BoundExprKind::kColumn && IsScanConstant(right)) {
    match = KeyComparison{left.index, expr.compare, &right};
  } else if (right.kind == BoundExprKind::kColumn && IsScanConstant(left)) {
    match = KeyComparison{right.index, Flip(expr.compare), &left};
  }
  if (!match || match->op == CompareOp::kNe || match->column < 0 ||
      static_cast<size_t>(match->column) >= table.columns.size()) {
    return std::nullopt;
  }
  // Only when the comparison is the key's own order: same encoding, no cast of the column.
  if (!SameKeyEncoding(table.columns[static_cast<size_t>(match->column)].type.id,
                       match->value->type.id)) {
    return std::nullopt;
  }
  return match;
}

}  // namespace

OperatorPtr PlanTableScan(std::shared_ptr<const TableInfo> table, const BoundExpr* predicate,
                          bool with_key, const std::string& relation) {
  std::vector<KeyComparison> comparisons;
  if (predicate && !table->primary_key.empty()) {
    std::vector<const BoundExpr*> conjuncts;
    CollectConjuncts(*predicate, &conjuncts);
    for (const BoundExpr* conjunct : conjuncts) {
      if (auto match = MatchComparison(*conjunct, *table)) comparisons.push_back(*match);
    }
  }
  const std::string index_scan = "Index Scan using " + table->primary_key_name + " on " + relation;
  // Equality on every key column: one key.
  KeyBound key;
  for (int column : table->primary_key) {
    for (const KeyComparison& c : comparisons) {
      if (c.column == column && c.op == CompareOp::kEq) {
        key.values.push_back(CloneScanConstant(*c.value));
        break;
      }
    }
  }
  if (!key.values.empty() && key.values.size() == table->primary_key.size()) {
    KeyBound upper;
    for (const auto& value : key.values) upper.values.push_back(CloneScanConstant(*value));
    return MakeIndexScan(std::move(table), std::move(key), std::move(upper), with_key, index_scan);
  }
  // A range of a one-column integer or text key.
  if (table->primary_key.size() == 1) {
    const TypeId type = table->columns[static_cast<size_t>(table->primary_key[0])].type.id;
    if (SameKeyEncoding(TypeId::kInt8, type) || SameKeyEncoding(TypeId::kText, type)) {
      KeyBound lower, upper;
      for (const KeyComparison& c : comparisons) {
        if (c.column != table->primary_key[0]) continue;
        const bool is_lower = c.op == CompareOp::kGt || c.op == CompareOp::kGe;
        KeyBound& bound = is_lower ? lower : upper;
        if (!bound.values.empty()) continue;  // the first bound of each side is enough
        bound.values.push_back(CloneScanConstant(*c.value));
        bound.inclusive = c.op == CompareOp::kGe || c.op == CompareOp::kLe;
      }
      if (!lower.values.empty() || !upper.values.empty()) {
        return MakeIndexScan(std::move(table), std::move(lower), std::move(upper), with_key,
                             index_scan);
      }
    }
  }
  const uint32_t id = table->id;
  return MakeTableScan(std::move(table), RowKeyPrefix(id), RowKeyEnd(id), with_key,
                       "Seq Scan on " + relation);
}

OperatorPtr NarrowTableScan(OperatorPtr plan, const BoundExpr& predicate) {
  std::string relation;
  auto table = WholeTableScanOf(*plan, &relation);
  if (!table) return plan;
  return PlanTableScan(std::move(table), &predicate, /*with_key=*/false, relation);
}

}  // namespace datacave::sql
