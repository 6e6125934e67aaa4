#include "sql/binder/plan_join.h"

#include <vector>

namespace datacave::sql {
namespace {

// Which inputs an expression reads: bit 1 the left, bit 2 the right; kOpaque for kinds a
// join key may not contain (anything but columns, constants, casts and arithmetic).
constexpr int kLeftSide = 1;
constexpr int kRightSide = 2;
constexpr int kOpaque = 4;

int Sides(const BoundExpr& expr, size_t left_width) {
  switch (expr.kind) {
    case BoundExprKind::kColumn:
      return static_cast<size_t>(expr.index) < left_width ? kLeftSide : kRightSide;
    case BoundExprKind::kConstant: return 0;
    case BoundExprKind::kCast:
    case BoundExprKind::kArithmetic:
    case BoundExprKind::kNegate: {
      int sides = 0;
      for (const auto& child : expr.children) sides |= Sides(*child, left_width);
      return sides;
    }
    default: return kOpaque;
  }
}

// 1 when expr is `left expression = right expression`, 2 when it is the other way round,
// 0 when it is no join key.
int KeyOrientation(const BoundExpr& expr, size_t left_width) {
  if (expr.kind != BoundExprKind::kCompare || expr.compare != CompareOp::kEq || expr.negated) {
    return 0;
  }
  const BoundExpr& a = *expr.children[0];
  const BoundExpr& b = *expr.children[1];
  // Equal types, so that equal values hash alike.
  if (a.type.id != b.type.id) return 0;
  const int sa = Sides(a, left_width);
  const int sb = Sides(b, left_width);
  if (sa == kLeftSide && sb == kRightSide) return 1;
  if (sa == kRightSide && sb == kLeftSide) return 2;
  return 0;
}

void ForEachConjunct(const BoundExpr& expr, const auto& visit) {
  if (expr.kind == BoundExprKind::kAnd) {
    for (const auto& child : expr.children) ForEachConjunct(*child, visit);
    return;
  }
  visit(expr);
}

void TakeConjuncts(BoundExprPtr expr, std::vector<BoundExprPtr>* out) {
  if (expr->kind == BoundExprKind::kAnd) {
    for (auto& child : expr->children) TakeConjuncts(std::move(child), out);
    return;
  }
  out->push_back(std::move(expr));
}

// The right side's columns renumbered from 0, for evaluation over a right row alone.
void ShiftColumns(BoundExpr* expr, size_t left_width) {
  if (expr->kind == BoundExprKind::kColumn) expr->index -= static_cast<int>(left_width);
  for (auto& child : expr->children) ShiftColumns(child.get(), left_width);
}

}  // namespace

OperatorPtr PlanJoin(OperatorPtr left, OperatorPtr right, JoinKind kind, BoundExprPtr condition) {
  const size_t left_width = left->types().size();
  bool has_key = false;
  if (condition) {
    ForEachConjunct(*condition, [&](const BoundExpr& conjunct) {
      has_key = has_key || KeyOrientation(conjunct, left_width) != 0;
    });
  }
  if (!has_key) {
    return MakeNestedLoopJoin(std::move(left), std::move(right), kind, std::move(condition));
  }
  std::vector<BoundExprPtr> conjuncts;
  TakeConjuncts(std::move(condition), &conjuncts);
  HashJoinKeys keys;
  std::vector<BoundExprPtr> rest;
  for (auto& conjunct : conjuncts) {
    const int orientation = KeyOrientation(*conjunct, left_width);
    if (orientation == 0) {
      rest.push_back(std::move(conjunct));
      continue;
    }
    BoundExprPtr left_key = std::move(conjunct->children[orientation == 1 ? 0 : 1]);
    BoundExprPtr right_key = std::move(conjunct->children[orientation == 1 ? 1 : 0]);
    ShiftColumns(right_key.get(), left_width);
    keys.left.push_back(std::move(left_key));
    keys.right.push_back(std::move(right_key));
  }
  BoundExprPtr residual;
  if (rest.size() == 1) {
    residual = std::move(rest[0]);
  } else if (rest.size() > 1) {
    residual = std::make_unique<BoundExpr>();
    residual->kind = BoundExprKind::kAnd;
    residual->type = Type::Of(TypeId::kBool);
    residual->children = std::move(rest);
  }
  return MakeHashJoin(std::move(left), std::move(right), kind, std::move(keys),
                      std::move(residual));
}

}  // namespace datacave::sql
