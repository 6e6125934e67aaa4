#include "sql/binder/plan_join.h"

#include <cstdint>
#include <vector>

#include "sql/binder/plan_scan.h"

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

// The AND of exprs; null for none.
BoundExprPtr MakeConjunction(std::vector<BoundExprPtr> exprs) {
  if (exprs.empty()) return nullptr;
  if (exprs.size() == 1) return std::move(exprs[0]);
  auto all = std::make_unique<BoundExpr>();
  all->kind = BoundExprKind::kAnd;
  all->type = Type::Of(TypeId::kBool);
  all->children = std::move(exprs);
  return all;
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
  return MakeHashJoin(std::move(left), std::move(right), kind, std::move(keys),
                      MakeConjunction(std::move(rest)));
}

namespace {

// A WHERE conjunct and the FROM items it reads (bit i: item i).
struct Conjunct {
  BoundExprPtr expr;
  uint64_t items = 0;
  bool has_subquery = false;  // applied over the whole row, after the joins
};

// The items expr's columns belong to. Correlated references (kOuterRef) read the enclosing
// query's row, not ours, so they count as constants.
void FindItems(const BoundExpr& expr, const std::vector<int>& item_of_column, Conjunct* out) {
  switch (expr.kind) {
    case BoundExprKind::kColumn:
      out->items |= uint64_t{1} << item_of_column[static_cast<size_t>(expr.index)];
      return;
    case BoundExprKind::kOuterRef: return;
    case BoundExprKind::kSubquery: out->has_subquery = true; break;
    default: break;
  }
  for (const auto& child : expr.children) FindItems(*child, item_of_column, out);
}

// Renumbers expr's columns (not those of correlated references) through position.
void Renumber(BoundExpr* expr, const std::vector<int>& position) {
  if (expr->kind == BoundExprKind::kOuterRef) return;
  if (expr->kind == BoundExprKind::kColumn) {
    expr->index = position[static_cast<size_t>(expr->index)];
  }
  for (auto& child : expr->children) Renumber(child.get(), position);
}

// The conjuncts whose items are all within `available`, taken out of pending.
std::vector<BoundExprPtr> TakeCovered(std::vector<Conjunct>* pending, uint64_t available) {
  std::vector<BoundExprPtr> taken;
  for (Conjunct& c : *pending) {
    if (c.expr && !c.has_subquery && (c.items & ~available) == 0) {
      taken.push_back(std::move(c.expr));
    }
  }
  return taken;
}

}  // namespace

OperatorPtr PlanFromItems(std::vector<OperatorPtr> items, BoundExprPtr predicate) {
  const size_t n = items.size();
  if (n > 64) {  // beyond the bit sets below: a plain cross product, filtered
    OperatorPtr plan = std::move(items[0]);
    for (size_t i = 1; i < n; ++i) {
      plan = MakeNestedLoopJoin(std::move(plan), std::move(items[i]), JoinKind::kInner, nullptr);
    }
    return predicate ? MakeFilter(std::move(plan), std::move(predicate)) : std::move(plan);
  }
  std::vector<int> item_of_column;
  std::vector<size_t> first_column(n);
  std::vector<Type> types;
  for (size_t i = 0; i < n; ++i) {
    first_column[i] = types.size();
    for (const Type& type : items[i]->types()) {
      types.push_back(type);
      item_of_column.push_back(static_cast<int>(i));
    }
  }
  std::vector<Conjunct> pending;
  if (predicate) {
    std::vector<BoundExprPtr> exprs;
    TakeConjuncts(std::move(predicate), &exprs);
    for (auto& expr : exprs) {
      Conjunct c;
      FindItems(*expr, item_of_column, &c);
      c.expr = std::move(expr);
      pending.push_back(std::move(c));
    }
  }

  // The join order: item 0 first (with the conjuncts that read no item), then each time the
  // first item that a pending conjunct links to those joined, or else the next one.
  std::vector<size_t> order{0};
  uint64_t joined = 1;
  while (order.size() < n) {
    size_t next = n;
    for (size_t i = 0; i < n && next == n; ++i) {
      const uint64_t bit = uint64_t{1} << i;
      if (joined & bit) continue;
      for (const Conjunct& c : pending) {
        if (c.expr && (c.items & bit) && (c.items & joined) && (c.items & ~(joined | bit)) == 0) {
          next = i;
          break;
        }
      }
    }
    if (next == n) {
      for (next = 0; joined & (uint64_t{1} << next);) ++next;
    }
    order.push_back(next);
    joined |= uint64_t{1} << next;
  }
  // Where each column lands in the joined rows.
  std::vector<int> position(types.size());
  int width = 0;
  for (size_t item : order) {
    for (size_t k = 0; k < items[item]->types().size(); ++k) {
      position[first_column[item] + k] = width++;
    }
  }

  // Each item under its own conjuncts, renumbered to the item's columns.
  for (size_t i = 0; i < n; ++i) {
    std::vector<BoundExprPtr> local;
    for (Conjunct& c : pending) {
      const bool own = c.items == uint64_t{1} << i || (c.items == 0 && i == order[0]);
      if (c.expr && !c.has_subquery && own) {
        local.push_back(std::move(c.expr));
      }
    }
    if (local.empty()) continue;
    std::vector<int> shift(types.size(), -1);
    for (size_t k = 0; k < items[i]->types().size(); ++k) {
      shift[first_column[i] + k] = static_cast<int>(k);
    }
    for (auto& expr : local) Renumber(expr.get(), shift);
    BoundExprPtr filter = MakeConjunction(std::move(local));
    items[i] = MakeFilter(NarrowTableScan(std::move(items[i]), *filter), std::move(filter));
  }

  OperatorPtr plan = std::move(items[order[0]]);
  joined = uint64_t{1} << order[0];
  for (size_t k = 1; k < n; ++k) {
    joined |= uint64_t{1} << order[k];
    std::vector<BoundExprPtr> condition = TakeCovered(&pending, joined);
    for (auto& expr : condition) Renumber(expr.get(), position);
    plan = PlanJoin(std::move(plan), std::move(items[order[k]]), JoinKind::kInner,
                    MakeConjunction(std::move(condition)));
  }
  bool reordered = false;
  for (size_t k = 0; k < n; ++k) reordered = reordered || order[k] != k;
  if (reordered) {  // back to FROM order
    std::vector<BoundExprPtr> columns;
    for (size_t c = 0; c < types.size(); ++c)
      columns.push_back(MakeColumnRef(position[c], types[c]));
    plan = MakeProjection(std::move(plan), std::move(columns));
  }
  std::vector<BoundExprPtr> last;
  for (Conjunct& c : pending) {
    if (c.expr) last.push_back(std::move(c.expr));
  }
  if (!last.empty()) plan = MakeFilter(std::move(plan), MakeConjunction(std::move(last)));
  return plan;
}

}  // namespace datacave::sql
